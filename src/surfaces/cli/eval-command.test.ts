import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import type { EvaluationReport } from "../../core/evaluation/evaluate-results.js";
import { createMemory } from "../../create-memory.js";
import type { CliContext, GlobalOptions } from "./cli-context.js";
import { registerEvalCommand } from "./eval-command.js";
import type { CliOutput } from "./output.js";

const fixture = fileURLToPath(new URL("../../core/evaluation/fixtures/locomo-mini.json", import.meta.url));
const harness = fileURLToPath(new URL("../../../../shared/bench/evaluate.mjs", import.meta.url));
const directory = mkdtempSync(join(tmpdir(), "mnemo-eval-command-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface Captured {
  results: Array<{ value: unknown; human: string }>;
  messages: string[];
}

function programWithEval(captured: Captured): Command {
  const program = new Command("mnemo")
    .option("--db <path>")
    .option("--json")
    .option("--tenant <id>")
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  const globals = () => program.opts<GlobalOptions>();
  const output = (): CliOutput => ({
    json: globals().json === true,
    result: (value, human) => captured.results.push({ value, human: human() }),
    message: (text) => captured.messages.push(text),
    failure: () => {},
  });
  const context: CliContext = {
    globals,
    output,
    openMemory: async (options = {}) => {
      const path = options.path ?? globals().db;
      return createMemory(path === undefined ? { path: ":memory:" } : { path });
    },
  };
  registerEvalCommand(program, context);
  return program;
}

async function runEval(...args: string[]) {
  const captured: Captured = { results: [], messages: [] };
  await programWithEval(captured).parseAsync(["node", "mnemo", "eval", ...args]);
  return captured;
}

describe("mnemo eval", () => {
  it("writes one results line per question and prints the per-category table", async () => {
    const out = join(directory, "nested", "results.jsonl");
    const captured = await runEval("--dataset", fixture, "--out", out, "--top-k", "5");
    const lines = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(14);
    expect(lines[0]).toMatchObject({ qid: "conv-1_q001" });
    expect(Object.keys(lines[0]).sort()).toEqual(["latency_ms", "qid", "retrieved"]);
    expect(Object.keys(lines[0].retrieved[0]).sort()).toEqual(["id", "sources", "text"]);
    const human = captured.results[0]?.human ?? "";
    expect(human).toContain("2 conversations, 14 turns ingested");
    expect(human).toMatch(/\| overall \(cat 1–4\) \| 10 \| /);
    expect(human).toContain("| 1 multi-hop |");
    expect(human).toContain("| overall incl. adversarial (paper-style) | 13 |");
    expect(captured.messages).toEqual([
      expect.stringMatching(/^\[1\/2\] conv-1: ingested 10 turns in /),
      expect.stringMatching(/^\[1\/2\] conv-1: searched 10 questions in /),
      expect.stringMatching(/^\[2\/2\] sample-1: ingested 4 turns in /),
      expect.stringMatching(/^\[2\/2\] sample-1: searched 4 questions in /),
    ]);
  });

  it.skipIf(!existsSync(harness))("reports what the shared harness computes from the same results file", async () => {
    const out = join(directory, "agreement.jsonl");
    const captured = await runEval("--dataset", fixture, "--out", out, "--json");
    const value = captured.results[0]?.value as { report: EvaluationReport } | undefined;
    if (value === undefined) throw new Error("eval printed no result");
    const { report } = value;
    const json = join(directory, "agreement.json");
    const run = spawnSync(process.execPath, [harness, "--dataset", fixture, "--results", out, "--json", json], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const expected = JSON.parse(readFileSync(json, "utf8"));
    for (const key of ["R@5", "R@10", "R@20", "NDCG@10", "hit@256", "hit@512", "hit@1024", "tok@256", "tok@512", "tok@1024"]) {
      expect(report.overall.metrics[key]).toBeCloseTo(expected.overall[key], 9);
      for (const category of ["1", "2", "3", "4"]) {
        expect(report.byCategory[category]?.metrics[key]).toBeCloseTo(expected.by_category[category][key], 9);
      }
    }
    expect(report.overall.latency.p50).toBe(expected.overall.latency_p50);
    expect(report.overall.latency.p95).toBe(expected.overall.latency_p95);
  });

  it("keeps the database given with --db and refuses to evaluate into it twice", async () => {
    const database = join(directory, "kept.db");
    const out = join(directory, "kept.jsonl");
    await runEval("--dataset", fixture, "--out", out, "--db", database, "-k", "3");
    expect(existsSync(database)).toBe(true);
    await expect(runEval("--dataset", fixture, "--out", out, "--db", database)).rejects.toMatchObject({ code: "INPUT_INVALID" });
  });

  it("reads a directory of per-conversation files", async () => {
    const dataset = join(directory, "per-conversation");
    mkdirSync(dataset);
    const [first] = JSON.parse(readFileSync(fixture, "utf8")) as Array<Record<string, unknown>>;
    const { sample_id: _id, ...rest } = first ?? {};
    writeFileSync(join(dataset, "7.json"), JSON.stringify(rest));
    const out = join(directory, "directory.jsonl");
    await runEval("--dataset", dataset, "--out", out);
    expect(JSON.parse(readFileSync(out, "utf8").split("\n")[0] ?? "{}").qid).toBe("conv-7_q001");
  });

  it("rejects a missing dataset option, an unreadable dataset and a bad --top-k", async () => {
    await expect(runEval("--out", join(directory, "x.jsonl"))).rejects.toBeInstanceOf(CommanderError);
    await expect(runEval("--dataset", join(directory, "missing.json"), "--out", join(directory, "x.jsonl"))).rejects.toMatchObject({
      code: "IMPORT_INVALID",
    });
    await expect(runEval("--dataset", fixture, "--out", join(directory, "x.jsonl"), "--top-k", "0")).rejects.toMatchObject({
      code: "INPUT_INVALID",
    });
  });
});
