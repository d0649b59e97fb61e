#!/usr/bin/env node
// The whole test suite: type check, lint, then vitest. Prints the closing line "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const step = (label, command, args) => {
  process.stderr.write(`\n── ${label}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  return result.status ?? 1;
};

let failedSteps = 0;
failedSteps += step("type check", "npx", ["tsc", "--noEmit"]) === 0 ? 0 : 1;
failedSteps += step("lint", "npx", ["biome", "check", "."]) === 0 ? 0 : 1;

const report = join(root, ".vitest-report.json");
rmSync(report, { force: true });
const extra = process.argv.slice(2);
const vitestStatus = step("tests", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...extra,
]);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, "utf8"));
  passed = summary.numPassedTests ?? 0;
  failed = (summary.numFailedTests ?? 0) + (summary.numFailedTestSuites ?? 0);
} else {
  failed = 1;
}
failed += failedSteps;
if (vitestStatus !== 0 && failed === 0) failed = 1;
if (passed === 0 && failed === 0) failed = 1;
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
