import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type EvaluationReport, evaluateResults, type GroupReport } from "./evaluate-results.js";
import { buildLocomoGold } from "./gold-questions.js";
import { type LocomoSample, locomoSamplesFromDirectory, locomoSamplesFromFile } from "./locomo-samples.js";
import type { ResultLine } from "./result-line.js";

const harness = fileURLToPath(new URL("../../../../shared/bench/evaluate.mjs", import.meta.url));
const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const dataset = join(fixtures, "locomo-mini.json");
const scratch = mkdtempSync(join(tmpdir(), "mnemo-eval-agreement-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function readLines(path: string): ResultLine[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as ResultLine);
}

/** Runs the shared harness and returns its JSON report. */
function harnessReport(options: { dataset: string; results: string; arguments?: string[] }): Record<string, unknown> {
  const out = join(scratch, `report-${Math.random().toString(36).slice(2)}.json`);
  const run = spawnSync(
    process.execPath,
    [harness, "--dataset", options.dataset, "--results", options.results, "--json", out, ...(options.arguments ?? [])],
    { encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`evaluate.mjs exited ${run.status}: ${run.stderr}`);
  return JSON.parse(readFileSync(out, "utf8")) as Record<string, unknown>;
}

/** Our report in the harness's JSON shape (snake_case counters, flat metric keys). */
function inHarnessShape(report: EvaluationReport): Record<string, unknown> {
  const group = (value: GroupReport) => ({
    n: value.questions,
    n_recall: value.recallQuestions,
    ...value.metrics,
    n_proxy: value.proxyQuestions,
    ctx_tokens_mean: value.contextTokensMean,
    latency_p50: value.latency.p50,
    latency_p95: value.latency.p95,
    latency_mean: value.latency.mean,
    n_latency: value.latency.count,
  });
  return {
    n_questions_dataset: report.questionsInDataset,
    n_evaluated: report.evaluated,
    missing_results: report.missingResults,
    extra_results: report.extraResults,
    duplicate_lines: report.duplicateLines,
    has_sources: report.hasSources,
    ks: report.ks,
    ndcg_k: report.ndcgK,
    budgets: report.budgets,
    dataset_notes: report.datasetNotes,
    overall: group(report.overall),
    overall_incl_adversarial:
      report.overallIncludingAdversarial === null
        ? null
        : { n_recall: report.overallIncludingAdversarial.recallQuestions, ...report.overallIncludingAdversarial.metrics },
    by_category: Object.fromEntries(
      Object.entries(report.byCategory).map(([category, value]) => [
        category,
        {
          name: value.name,
          ...group(value),
          ...(value.notedRecallQuestions === undefined ? {} : { n_recall_noted: value.notedRecallQuestions }),
          ...Object.fromEntries(Object.entries(value.notedMetrics ?? {}).map(([key, metric]) => [`${key}_noted`, metric])),
        },
      ]),
    ),
  };
}

/** Every leaf of `expected` equals the one of `actual` (numbers within 1e-9), and no key is missing on either side. */
function expectSameReport(actual: unknown, expected: unknown, path = "report"): number {
  if (typeof expected === "number" && typeof actual === "number") {
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
    return 1;
  }
  if (expected === null || typeof expected !== "object") {
    expect(actual, path).toEqual(expected);
    return 1;
  }
  expect(actual !== null && typeof actual === "object", `${path} is an object`).toBe(true);
  const actualObject = actual as Record<string, unknown>;
  const expectedObject = expected as Record<string, unknown>;
  expect(Object.keys(actualObject).sort(), `${path} keys`).toEqual(Object.keys(expectedObject).sort());
  let compared = 0;
  for (const key of Object.keys(expectedObject)) compared += expectSameReport(actualObject[key], expectedObject[key], `${path}.${key}`);
  return compared;
}

function harnessComparable(report: Record<string, unknown>): Record<string, unknown> {
  const { label: _label, dataset_kind: _kind, per_question: _perQuestion, ...rest } = report;
  return rest;
}

function ours(options: { samples: LocomoSample[]; results: string; ks?: number[]; budgets?: number[]; onlyPresent?: boolean }) {
  const gold = buildLocomoGold({ samples: options.samples });
  return evaluateResults({
    questions: gold.questions,
    notes: gold.notes,
    results: readLines(options.results),
    ...(options.ks === undefined ? {} : { ks: options.ks }),
    ...(options.budgets === undefined ? {} : { budgets: options.budgets }),
    ...(options.onlyPresent === undefined ? {} : { onlyPresent: options.onlyPresent }),
  });
}

const fixtureSamples = () => locomoSamplesFromFile({ json: JSON.parse(readFileSync(dataset, "utf8")), fileName: "locomo-mini.json" });

describe.skipIf(!existsSync(harness))("evaluateResults agrees with the shared bench harness (evaluate.mjs)", () => {
  it("on the fixture with default cut-offs and budgets", () => {
    const results = join(fixtures, "results-mini.jsonl");
    const expected = harnessComparable(harnessReport({ dataset, results }));
    const actual = inHarnessShape(ours({ samples: fixtureSamples(), results }));
    expect(expectSameReport(actual, expected)).toBeGreaterThan(150);
    expect(actual.dataset_notes).toEqual({ droppedEvidence: 1, unresolvedEvidence: 1, units: 14 });
  });

  it("with small budgets (truncated contexts) and other cut-offs", () => {
    const results = join(fixtures, "results-mini.jsonl");
    const expected = harnessComparable(harnessReport({ dataset, results, arguments: ["--k", "1,2,3", "--budgets", "3,8,12"] }));
    const actual = inHarnessShape(ours({ samples: fixtureSamples(), results, ks: [1, 2, 3], budgets: [3, 8, 12] }));
    expect(expectSameReport(actual, expected)).toBeGreaterThan(150);
  });

  it("with --only-present", () => {
    const results = join(fixtures, "results-mini.jsonl");
    const expected = harnessComparable(harnessReport({ dataset, results, arguments: ["--only-present"] }));
    expectSameReport(inHarnessShape(ours({ samples: fixtureSamples(), results, onlyPresent: true })), expected);
  });

  it("when no item has sources and the ids are dataset turn ids", () => {
    const results = join(fixtures, "results-ids-only.jsonl");
    const expected = harnessComparable(harnessReport({ dataset, results }));
    const actual = inHarnessShape(ours({ samples: fixtureSamples(), results }));
    expect(actual.has_sources).toBe(true);
    expectSameReport(actual, expected);
  });

  it("on a directory of per-conversation files (numeric names read as conv-N)", () => {
    const directory = join(scratch, "per-conversation");
    mkdirSync(directory);
    const [first, second] = JSON.parse(readFileSync(dataset, "utf8")) as Array<Record<string, unknown>>;
    const { sample_id: _id, ...withoutId } = first ?? {};
    writeFileSync(join(directory, "1.json"), JSON.stringify(withoutId));
    // a flat file: the conversation's keys at the top level, as in the 2024 zip release
    const flat = { ...(second?.conversation as Record<string, unknown>), qa: second?.qa };
    writeFileSync(join(directory, "42.json"), JSON.stringify(flat));
    const results = join(scratch, "directory-results.jsonl");
    writeFileSync(results, readFileSync(join(fixtures, "results-mini.jsonl"), "utf8").replaceAll("sample-1_", "conv-42_"));
    const samples = locomoSamplesFromDirectory({
      files: ["42.json", "1.json", "notes.txt"].map((fileName) => ({
        fileName,
        json: fileName.endsWith(".json") ? JSON.parse(readFileSync(join(directory, fileName), "utf8")) : null,
      })),
    });
    expect(samples.map((sample) => sample.sampleId)).toEqual(["conv-1", "conv-42"]);
    const expected = harnessComparable(harnessReport({ dataset: directory, results }));
    expectSameReport(inHarnessShape(ours({ samples, results })), expected);
  });
});
