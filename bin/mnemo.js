#!/usr/bin/env node
await import("../dist/surfaces/cli/main.js");
