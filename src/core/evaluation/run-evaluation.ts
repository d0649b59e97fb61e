import type { Memory } from "../engine/create-memory-engine.js";
import { MnemoError } from "../errors.js";
import type { ImportProblem } from "../import/import-record.js";
import { parseLocomoConversation } from "../import/parse-locomo.js";
import { type EvaluationReport, evaluateResults } from "./evaluate-results.js";
import { buildLocomoGold } from "./gold-questions.js";
import { conversationForIngestion, type LocomoSample } from "./locomo-samples.js";
import { formatQuestionId } from "./question-id.js";
import type { ResultLine } from "./result-line.js";
import { toRetrievedItem } from "./retrieved-text.js";

/** How the ingestion of the dataset's conversations went. */
export interface IngestSummary {
  samples: number;
  /** Sessions ingested (one `add` each). */
  sessions: number;
  /** Turns ingested (episodes stored). */
  turns: number;
  memoriesAdded: number;
  memoriesMerged: number;
  /** Wall time of the `add` calls, in seconds. */
  seconds: number;
  turnsPerSecond: number;
  /** Sessions that could not be read (they are skipped). */
  problems: ImportProblem[];
}

/** Everything an evaluation run produces. */
export interface EvaluationRun {
  /** One results line per question, in dataset order (the bench harness's JSONL format). */
  lines: ResultLine[];
  ingest: IngestSummary;
  search: { questions: number; topK: number; seconds: number };
  report: EvaluationReport;
}

/** Progress of a run, one event per conversation and phase. */
export type EvaluationProgress =
  | { phase: "ingested"; sampleId: string; turns: number; seconds: number; index: number; total: number }
  | { phase: "searched"; sampleId: string; questions: number; seconds: number; index: number; total: number };

/** Options of {@link runEvaluation}. */
export interface RunEvaluationOptions {
  memory: Memory;
  samples: readonly LocomoSample[];
  /** Results per question (default 50). */
  topK?: number;
  tenantId?: string;
  ks?: readonly number[];
  budgets?: readonly number[];
  label?: string;
  onProgress?: (progress: EvaluationProgress) => void;
  /** Monotonic milliseconds (default `performance.now`). */
  now?: () => number;
}

function rounded(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

async function ensureEmptyScope(options: { memory: Memory; userId: string; tenantId?: string }): Promise<void> {
  const scope = { userId: options.userId, ...(options.tenantId === undefined ? {} : { tenantId: options.tenantId }) };
  const existing = await options.memory.getAll({ ...scope, limit: 1 });
  if (existing.total > 0) {
    throw new MnemoError({
      code: "INPUT_INVALID",
      message: `The database already holds memories of user "${options.userId}"; evaluate on a fresh database.`,
      details: { userId: options.userId },
    });
  }
}

function questionText(entry: unknown): string {
  const value = typeof entry === "object" && entry !== null ? (entry as { question?: unknown }).question : undefined;
  return String(value ?? "").trim();
}

/**
 * Ingests one sample into the scope `userId` = its sample id: raw turns, captions and session dates only, one
 * `add` per session.
 *
 * @example
 * const { turns, memoriesAdded } = await ingestSample({ memory, sample });
 */
export async function ingestSample(options: { memory: Memory; sample: LocomoSample; tenantId?: string; now?: () => number }): Promise<{
  sessions: number;
  turns: number;
  memoriesAdded: number;
  memoriesMerged: number;
  problems: ImportProblem[];
  /** Wall time of the `add` calls. */
  milliseconds: number;
}> {
  const { memory, sample } = options;
  const conversation = parseLocomoConversation({
    sample: { conversation: conversationForIngestion(sample) },
    sampleId: sample.sampleId,
    ...(options.tenantId === undefined ? {} : { tenantId: options.tenantId }),
  });
  const now = options.now ?? (() => performance.now());
  const totals = { sessions: 0, turns: 0, memoriesAdded: 0, memoriesMerged: 0, problems: conversation.problems, milliseconds: 0 };
  const started = now();
  for (const record of conversation.records) {
    const result = await memory.add(record.input, record.options);
    totals.sessions += 1;
    totals.turns += result.episodes.length;
    for (const item of result.results) {
      if (item.event === "ADD") totals.memoriesAdded += 1;
      else totals.memoriesMerged += 1;
    }
  }
  totals.milliseconds = now() - started;
  return totals;
}

/**
 * Asks every question of one sample in its scope and returns one results line per question (the bench
 * harness's JSONL format), `latency_ms` being the in-process search time.
 *
 * @example
 * const lines = await askQuestions({ memory, sample, topK: 50 }); // [{ qid: "conv-26_q001", latency_ms: 2.1, retrieved: [...] }, …]
 */
export async function askQuestions(options: {
  memory: Memory;
  sample: LocomoSample;
  topK: number;
  tenantId?: string;
  now?: () => number;
}): Promise<ResultLine[]> {
  const { memory, sample, topK } = options;
  const now = options.now ?? (() => performance.now());
  const tenant = options.tenantId === undefined ? {} : { tenantId: options.tenantId };
  const lines: ResultLine[] = [];
  for (const [questionIndex, entry] of sample.questions.entries()) {
    const qid = formatQuestionId({ sampleId: sample.sampleId, index: questionIndex });
    const query = questionText(entry);
    if (query === "") {
      lines.push({ qid, retrieved: [] });
      continue;
    }
    const started = now();
    const response = await memory.search(query, { userId: sample.sampleId, topK, ...tenant });
    const latency = now() - started;
    lines.push({ qid, latency_ms: rounded(latency, 3), retrieved: response.results.map(toRetrievedItem) });
  }
  return lines;
}

/**
 * Evaluates the memory on a LoCoMo-format dataset: each conversation is ingested into its own scope
 * (`userId` = sample id; raw turns, captions and session dates only), every question of the sample is asked
 * with `memory.search(question, { userId, topK })` (timed in-process), and the results are scored exactly as
 * the shared bench harness scores them. Refuses a store that already holds a sample's scope.
 *
 * @example
 * const memory = await createMemory({ path: ":memory:" });
 * const run = await runEvaluation({ memory, samples: locomoSamplesFromFile({ json, fileName: "locomo10.json" }), topK: 50 });
 * run.report.overall.metrics["R@10"]; run.lines[0]; // { qid: "conv-26_q001", latency_ms: 2.1, retrieved: [...] }
 */
export async function runEvaluation(options: RunEvaluationOptions): Promise<EvaluationRun> {
  const { memory, samples } = options;
  const topK = options.topK ?? 50;
  const now = options.now ?? (() => performance.now());
  const tenant = options.tenantId === undefined ? {} : { tenantId: options.tenantId };
  const duplicate = samples.find((sample, index) => samples.findIndex((other) => other.sampleId === sample.sampleId) !== index);
  if (duplicate !== undefined) {
    throw new MnemoError({ code: "INPUT_INVALID", message: `Sample id "${duplicate.sampleId}" occurs twice in the dataset.` });
  }
  const gold = buildLocomoGold({ samples });
  const lines: ResultLine[] = [];
  const problems: ImportProblem[] = [];
  let sessions = 0;
  let turns = 0;
  let memoriesAdded = 0;
  let memoriesMerged = 0;
  let ingestMilliseconds = 0;
  let searchMilliseconds = 0;

  for (const [index, sample] of samples.entries()) {
    await ensureEmptyScope({ memory, userId: sample.sampleId, ...tenant });
    const ingested = await ingestSample({ memory, sample, now, ...tenant });
    const ingestElapsed = ingested.milliseconds;
    problems.push(...ingested.problems);
    sessions += ingested.sessions;
    memoriesAdded += ingested.memoriesAdded;
    memoriesMerged += ingested.memoriesMerged;
    const sampleTurns = ingested.turns;
    ingestMilliseconds += ingestElapsed;
    turns += sampleTurns;
    options.onProgress?.({
      phase: "ingested",
      sampleId: sample.sampleId,
      turns: sampleTurns,
      seconds: rounded(ingestElapsed / 1000, 3),
      index,
      total: samples.length,
    });

    const searchStarted = now();
    lines.push(...(await askQuestions({ memory, sample, topK, now, ...tenant })));
    const searchElapsed = now() - searchStarted;
    searchMilliseconds += searchElapsed;
    options.onProgress?.({
      phase: "searched",
      sampleId: sample.sampleId,
      questions: sample.questions.length,
      seconds: rounded(searchElapsed / 1000, 3),
      index,
      total: samples.length,
    });
  }

  const ingestSeconds = ingestMilliseconds / 1000;
  return {
    lines,
    ingest: {
      samples: samples.length,
      sessions,
      turns,
      memoriesAdded,
      memoriesMerged,
      seconds: rounded(ingestSeconds, 3),
      turnsPerSecond: rounded(turns / Math.max(ingestSeconds, 1e-9), 1),
      problems,
    },
    search: { questions: lines.length, topK, seconds: rounded(searchMilliseconds / 1000, 3) },
    report: evaluateResults({
      questions: gold.questions,
      notes: gold.notes,
      results: lines,
      ...(options.ks === undefined ? {} : { ks: options.ks }),
      ...(options.budgets === undefined ? {} : { budgets: options.budgets }),
      ...(options.label === undefined ? {} : { label: options.label }),
    }),
  };
}
