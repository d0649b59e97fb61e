#!/usr/bin/env node
// Makes a fresh clone runnable: installs dependencies when node_modules is missing or older than the
// lockfile, then compiles TypeScript when dist/ is missing or older than any source file.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);
const newest = (directory) => {
  let latest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : mtime(path));
  }
  return latest;
};

const installed = join(root, "node_modules", ".package-lock.json");
if (!existsSync(installed) || mtime(installed) < mtime(join(root, "package-lock.json"))) {
  process.stderr.write("mnemo: installing dependencies (npm install)…\n");
  run("npm", ["install", "--no-audit", "--no-fund"]);
}
const built = join(root, "dist", "index.js");
if (!existsSync(built) || mtime(built) < Math.max(newest(join(root, "src")), mtime(join(root, "tsconfig.json")))) {
  process.stderr.write("mnemo: compiling TypeScript…\n");
  run("npx", ["tsc", "-p", "tsconfig.build.json"]);
}
