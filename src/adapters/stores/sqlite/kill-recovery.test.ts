import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// The quick version of `npm run bench:crash` (bench/crash.mjs, which uses the built package): child processes
// writing through the library and through `mnemo serve` are killed with SIGKILL at seeded random instants,
// and the file is checked against every acknowledged write after each kill.
const script = fileURLToPath(new URL("../../../../bench/crash.mjs", import.meta.url));
const directory = mkdtempSync(join(tmpdir(), "mnemo-kill-recovery-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface CrashReport {
  totals: {
    trials: number;
    acknowledgedWrites: number;
    adds: number;
    updates: number;
    deletes: number;
    lost: number;
    inconsistentTrials: number;
  };
  trials: Array<{ via: "library" | "http"; acknowledged: number; lost: number; consistent: boolean; problems: string[] }>;
}

function runCrashBench(options: {
  name: string;
  arguments: string[];
}): Promise<{ code: number | null; report: CrashReport; stderr: string }> {
  const json = join(directory, `${options.name}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...options.arguments, "--json", json], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      try {
        resolve({ code, report: JSON.parse(readFileSync(json, "utf8")) as CrashReport, stderr });
      } catch (error) {
        reject(new Error(`no report (exit ${code}): ${stderr.slice(-2000)}`, { cause: error }));
      }
    });
  });
}

describe("kill -9 recovery (SQLite file, library and mnemo serve)", () => {
  it("loses no acknowledged add, update or delete and leaves the file consistent after each SIGKILL", async () => {
    const { code, report, stderr } = await runCrashBench({
      name: "clean",
      arguments: ["--trials", "3", "--http-trials", "2", "--max-ms", "700", "--seed", "7"],
    });
    expect(report.totals.lost, stderr).toBe(0);
    expect(report.totals.inconsistentTrials, stderr).toBe(0);
    expect(code).toBe(0);
    expect(report.totals.trials).toBe(5);
    // Not vacuous: writes of every kind were acknowledged before the kills, through both ways in.
    expect(report.totals.adds).toBeGreaterThan(20);
    expect(report.totals.updates).toBeGreaterThan(0);
    expect(report.totals.deletes).toBeGreaterThan(0);
    for (const via of ["library", "http"] as const) {
      expect(report.trials.filter((trial) => trial.via === via).reduce((sum, trial) => sum + trial.acknowledged, 0)).toBeGreaterThan(0);
    }
  }, 120_000);

  it("reports a write that was acknowledged but never made (the checker can fail)", async () => {
    const { code, report } = await runCrashBench({
      name: "phantom",
      arguments: ["--trials", "1", "--http-trials", "0", "--min-ms", "400", "--max-ms", "700", "--seed", "7", "--fault", "phantom"],
    });
    expect(code).toBe(1);
    expect(report.totals.lost).toBeGreaterThan(0);
    expect(report.trials[0]?.problems.some((problem) => /^episode phantom-1-\d+: acknowledged, missing$/.test(problem))).toBe(true);
  }, 120_000);
});
