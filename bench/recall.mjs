#!/usr/bin/env node
// LoCoMo recall benchmark: runs the built CLI's `mnemo eval` (ingest every conversation into its own scope,
// ask every question, write the results JSONL), then scores that file with the shared, independent harness
// (../shared/bench/evaluate.mjs) and prints its markdown table.
//
//   npm run bench:recall                          # ../shared/bench/data/locomo10.json
//   npm run bench:recall -- path/to/locomo.json   # or a directory of per-conversation files
//
// Writes bench/out/locomo-results.jsonl and bench/out/locomo-eval.json. MNEMO_CLI overrides the CLI entry
// point (default bin/mnemo.js).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dataset = resolve(process.argv[2] ?? join(root, "..", "shared", "bench", "data", "locomo10.json"));
const harness = join(root, "..", "shared", "bench", "evaluate.mjs");
const cli = process.env.MNEMO_CLI ?? join(root, "bin", "mnemo.js");
const out = join(root, "bench", "out");
const results = join(out, "locomo-results.jsonl");
const report = join(out, "locomo-eval.json");

function run(args, label) {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { stdio: "inherit", cwd: root });
  if (child.status !== 0) {
    process.stderr.write(`bench:recall: ${label} failed (exit ${child.status ?? child.signal})\n`);
    process.exit(child.status ?? 1);
  }
  process.stderr.write(`bench:recall: ${label} took ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

for (const [path, what] of [
  [dataset, "dataset"],
  [harness, "evaluation harness"],
  [join(root, "dist", "surfaces", "cli", "main.js"), "built CLI (run `npm run build`)"],
]) {
  if (!existsSync(path)) {
    process.stderr.write(`bench:recall: missing ${what}: ${path}\n`);
    process.exit(2);
  }
}
mkdirSync(out, { recursive: true });
run([cli, "eval", "--dataset", dataset, "--out", results], "mnemo eval");
process.stdout.write("\n");
run(
  [
    harness,
    "--dataset",
    dataset,
    "--results",
    results,
    "--k",
    "5,10,20",
    "--budgets",
    "256,512,1024",
    "--label",
    "mnemo offline",
    "--json",
    report,
  ],
  "evaluate.mjs",
);
process.stdout.write(`\nresults: ${results}\nreport:  ${report}\n`);
