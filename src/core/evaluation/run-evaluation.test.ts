import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMemory } from "../../create-memory.js";
import type { Memory } from "../engine/create-memory-engine.js";
import { formatEvaluationTable } from "./format-evaluation-table.js";
import { locomoSamplesFromFile } from "./locomo-samples.js";
import { type EvaluationProgress, runEvaluation } from "./run-evaluation.js";

const json = JSON.parse(readFileSync(new URL("./fixtures/locomo-mini.json", import.meta.url), "utf8"));
const samples = locomoSamplesFromFile({ json, fileName: "locomo-mini.json" });

describe("runEvaluation", () => {
  let memory: Memory;
  beforeEach(async () => {
    memory = await createMemory({ path: ":memory:" });
  });
  afterEach(async () => {
    await memory.close();
  });

  it("ingests each conversation into its own scope, asks every question and scores the answers", async () => {
    const progress: EvaluationProgress[] = [];
    const run = await runEvaluation({ memory, samples, topK: 5, onProgress: (event) => progress.push(event) });
    expect(run.ingest).toMatchObject({ samples: 2, sessions: 3, turns: 14, problems: [] });
    expect(run.ingest.turnsPerSecond).toBeGreaterThan(0);
    expect(run.lines.map((line) => line.qid)).toEqual([
      ...Array.from({ length: 10 }, (_, index) => `conv-1_q${String(index + 1).padStart(3, "0")}`),
      "sample-1_q001",
      "sample-1_q002",
      "sample-1_q003",
      "sample-1_q004",
    ]);
    expect(progress.map((event) => `${event.phase} ${event.sampleId}`)).toEqual([
      "ingested conv-1",
      "searched conv-1",
      "ingested sample-1",
      "searched sample-1",
    ]);
    const conv1Turns = new Set(["D1:1", "D1:2", "D1:3", "D1:4", "D1:5", "D2:1", "D2:2", "D2:3", "D2:4", "D2:5"]);
    for (const line of run.lines) {
      expect(typeof line.latency_ms).toBe("number");
      expect(line.retrieved?.length ?? 0).toBeLessThanOrEqual(5);
      for (const item of line.retrieved ?? []) {
        expect(item.text).toMatch(/^\[\d{1,2} [A-Z][a-z]+ 20\d\d\] /);
        if (String(line.qid).startsWith("conv-1_"))
          for (const source of item.sources ?? []) expect(conv1Turns.has(String(source))).toBe(true);
      }
    }
    const first = run.lines[0]?.retrieved?.[0];
    expect(first?.sources).toContain("D1:3");
    expect(first?.text).toMatch(/^\[8 May 2023\] .*support group/);
    expect(run.report.evaluated).toBe(14);
    expect(run.report.overall.recallQuestions).toBe(10);
    expect(run.report.byCategory["5"]?.notedRecallQuestions).toBe(3);
    expect(run.report.overall.metrics["R@10"]).toBeGreaterThan(0.5);

    const table = formatEvaluationTable({ run, dataset: "locomo-mini.json", resultsFile: "out.jsonl" });
    expect(table).toContain(
      "| category | n_rec | R@5 | R@10 | R@20 | NDCG@10 | n_ans | hit@256 | hit@512 | hit@1024 | tok@256 | tok@512 | tok@1024 | p50 ms | p95 ms |",
    );
    expect(table).toContain("| 5 adversarial (excluded, noted) | 3 |");
    expect(table).toContain("14 turns ingested");
  });

  it("never ingests questions, answers, observations or summaries", async () => {
    await runEvaluation({ memory, samples, topK: 5 });
    const everything = await memory.getAll({ userId: "conv-1", limit: 1000 });
    const texts = everything.results.map((item) => item.memory).join("\n");
    expect(texts).not.toContain("zanzibarian");
    expect(texts).not.toContain("adores dogs");
    expect((await memory.search("zanzibarian quokka", { userId: "conv-1" })).results).toEqual([]);
  });

  it("refuses a store that already holds a sample's scope, and duplicate sample ids", async () => {
    await memory.add("I already live here", { userId: "conv-1" });
    await expect(runEvaluation({ memory, samples })).rejects.toMatchObject({ code: "INPUT_INVALID" });
    const twice = [...samples, ...samples];
    await expect(runEvaluation({ memory, samples: twice })).rejects.toMatchObject({ code: "INPUT_INVALID" });
  });
});
