import { answerProxy, contextWords } from "./answer-proxy.js";
import type { GoldNotes, GoldQuestion } from "./gold-questions.js";
import { meanOf, nearestRankPercentile } from "./percentile.js";
import type { ResultLine, RetrievedItem } from "./result-line.js";
import { ndcgAt, recallAt } from "./retrieval-metrics.js";

/** Latency of the searches of a group of questions, in milliseconds (nearest-rank percentiles). */
export interface LatencySummary {
  p50: number | null;
  p95: number | null;
  mean: number | null;
  count: number;
}

/**
 * Metrics of one group of questions (a category, or overall). Metric names are the harness's: `R@k`,
 * `Rall@k`, `Rany@k`, `NDCG@k` (over `recallQuestions`) and `hit@B`, `tok@B`, `hit@full`, `tok@full` (over
 * `proxyQuestions`); a metric is `null` when no question of the group is eligible.
 */
export interface GroupReport {
  questions: number;
  recallQuestions: number;
  proxyQuestions: number;
  metrics: Record<string, number | null>;
  /** Mean untruncated whitespace-token length of the contexts (`ctx tok`). */
  contextTokensMean: number | null;
  latency: LatencySummary;
}

/** Metrics of one category; adversarial questions carry their recall as `notedMetrics`. */
export interface CategoryReport extends GroupReport {
  category: string;
  name: string;
  notedRecallQuestions?: number;
  notedMetrics?: Record<string, number | null>;
}

/** The scores of a results file against a dataset's gold (the shape of the harness's JSON report, in camelCase). */
export interface EvaluationReport {
  label: string | null;
  datasetKind: "locomo";
  questionsInDataset: number;
  evaluated: number;
  missingResults: number;
  extraResults: number;
  duplicateLines: number;
  /** False when no item carries sources and ids do not look like dataset units: recall is not computable. */
  hasSources: boolean;
  ks: number[];
  ndcgK: number;
  budgets: number[];
  datasetNotes: GoldNotes;
  /** Every evaluated question; recall and proxy exclude adversarial ones, counts and latency include them. */
  overall: GroupReport;
  /** Recall over every question with evidence including adversarial ones (the LoCoMo paper's Table 3). */
  overallIncludingAdversarial: { recallQuestions: number; metrics: Record<string, number | null> } | null;
  byCategory: Record<string, CategoryReport>;
}

/** Options of {@link evaluateResults}. */
export interface EvaluateResultsOptions {
  questions: readonly GoldQuestion[];
  notes: GoldNotes;
  results: readonly ResultLine[];
  /** Recall cut-offs (default 5, 10, 20). */
  ks?: readonly number[];
  /** NDCG cut-off (default 10). */
  ndcgK?: number;
  /** Whitespace-token budgets of the proxy (default 256, 512, 1024). */
  budgets?: readonly number[];
  /** Drop questions with no results line instead of scoring them as empty retrievals. */
  onlyPresent?: boolean;
  label?: string;
}

interface QuestionRow {
  category: string;
  categoryName: string;
  recallEligible: boolean;
  recallNoted: boolean;
  proxyEligible: boolean;
  contextTokens: number;
  latencyMs?: number;
  values: Record<string, number>;
}

const unitIdPattern = /^D\d+:\d+$/;

function itemSources(item: RetrievedItem): string[] {
  if (Array.isArray(item.sources) && item.sources.length > 0) return item.sources.map(String);
  return item.id === undefined ? [] : [String(item.id)];
}

/** No item anywhere has sources: use item ids as units if at least half of the first ones look like `D<n>:<m>`. */
function idsLookLikeUnits(results: readonly ResultLine[], known: ReadonlySet<string>): boolean {
  let seen = 0;
  let units = 0;
  for (const line of results.slice(0, 200)) {
    if (!known.has(String(line.qid))) continue;
    for (const item of (line.retrieved ?? []).slice(0, 20)) {
      seen += 1;
      if (item.id !== undefined && unitIdPattern.test(String(item.id))) units += 1;
    }
  }
  return seen > 0 && units / seen >= 0.5;
}

function scoreQuestion(options: {
  question: GoldQuestion;
  line: ResultLine | undefined;
  hasSources: boolean;
  ks: readonly number[];
  ndcgK: number;
  budgets: readonly number[];
}): QuestionRow {
  const { question, ks, ndcgK, budgets } = options;
  const retrieved = options.line?.retrieved ?? [];
  const words = contextWords(retrieved.map((item) => String(item.text ?? "")));
  const values: Record<string, number> = {};
  const latency = options.line?.latency_ms;
  if (options.hasSources && (question.recallEligible || question.recallNoted)) {
    const covered = retrieved.map((item) => new Set(itemSources(item)));
    for (const k of ks) {
      const recall = recallAt({ evidence: question.evidence, covered, k });
      values[`R@${k}`] = recall.fraction;
      values[`Rall@${k}`] = recall.all;
      values[`Rany@${k}`] = recall.any;
    }
    values[`NDCG@${ndcgK}`] = ndcgAt({ evidence: question.evidence, covered, k: ndcgK });
  }
  if (question.proxyEligible) {
    for (const budget of [...budgets, 0]) {
      const score = answerProxy({ answerParts: question.answerParts, words, budget });
      const column = budget === 0 ? "full" : String(budget);
      values[`hit@${column}`] = score.hit;
      values[`tok@${column}`] = score.tokenOverlap;
    }
  }
  return {
    category: question.category,
    categoryName: question.categoryName,
    recallEligible: options.hasSources && question.recallEligible,
    recallNoted: options.hasSources && question.recallNoted,
    proxyEligible: question.proxyEligible,
    contextTokens: words.length,
    ...(typeof latency === "number" ? { latencyMs: latency } : {}),
    values,
  };
}

function meanOfKey(rows: readonly QuestionRow[], key: string): number | null {
  return meanOf(rows.map((row) => row.values[key] ?? Number.NaN));
}

function aggregate(options: { rows: readonly QuestionRow[]; recallKeys: readonly string[]; proxyKeys: readonly string[] }): GroupReport {
  const { rows } = options;
  const recallRows = rows.filter((row) => row.recallEligible);
  const proxyRows = rows.filter((row) => row.proxyEligible);
  const metrics: Record<string, number | null> = {};
  for (const key of options.recallKeys) metrics[key] = meanOfKey(recallRows, key);
  for (const key of options.proxyKeys) metrics[key] = meanOfKey(proxyRows, key);
  const latencies = rows.flatMap((row) => (row.latencyMs === undefined ? [] : [row.latencyMs])).sort((left, right) => left - right);
  return {
    questions: rows.length,
    recallQuestions: recallRows.length,
    proxyQuestions: proxyRows.length,
    metrics,
    contextTokensMean: meanOf(rows.map((row) => row.contextTokens)),
    latency: {
      p50: nearestRankPercentile({ sorted: latencies, percent: 50 }),
      p95: nearestRankPercentile({ sorted: latencies, percent: 95 }),
      mean: meanOf(latencies),
      count: latencies.length,
    },
  };
}

/**
 * Scores a results file against the gold, exactly as the shared bench harness (`evaluate.mjs`) does:
 * fractional evidence recall, `Rall`/`Rany`, NDCG with first-coverage gains, the answer-in-context proxy at
 * each budget, and nearest-rank latency percentiles — per category, overall (adversarial excluded from recall
 * and proxy) and overall including adversarial questions.
 *
 * @example
 * const gold = buildLocomoGold({ samples });
 * const report = evaluateResults({ questions: gold.questions, notes: gold.notes, results: lines });
 * report.overall.metrics["R@10"]; // 0.71…
 */
export function evaluateResults(options: EvaluateResultsOptions): EvaluationReport {
  const ks = [...(options.ks ?? [5, 10, 20])];
  const ndcgK = options.ndcgK ?? 10;
  const budgets = [...(options.budgets ?? [256, 512, 1024])];
  const byQid = new Map<string, ResultLine>();
  let duplicateLines = 0;
  for (const line of options.results) {
    const qid = String(line.qid);
    if (byQid.has(qid)) duplicateLines += 1;
    byQid.set(qid, line);
  }
  const known = new Set(options.questions.map((question) => question.qid));
  const hasSources =
    options.results.some((line) => (line.retrieved ?? []).some((item) => Array.isArray(item.sources) && item.sources.length > 0)) ||
    idsLookLikeUnits(options.results, known);
  const extraResults = [...byQid.keys()].filter((qid) => !known.has(qid)).length;
  const missingResults = options.questions.filter((question) => !byQid.has(question.qid)).length;
  const questions = options.onlyPresent === true ? options.questions.filter((question) => byQid.has(question.qid)) : options.questions;

  const rows = questions.map((question) => scoreQuestion({ question, line: byQid.get(question.qid), hasSources, ks, ndcgK, budgets }));
  const recallKeys = hasSources
    ? [...ks.map((k) => `R@${k}`), ...ks.map((k) => `Rall@${k}`), ...ks.map((k) => `Rany@${k}`), `NDCG@${ndcgK}`]
    : [];
  const proxyKeys = [...budgets.flatMap((budget) => [`hit@${budget}`, `tok@${budget}`]), "hit@full", "tok@full"];

  const byCategory: Record<string, CategoryReport> = {};
  for (const category of [...new Set(rows.map((row) => row.category))].sort()) {
    const categoryRows = rows.filter((row) => row.category === category);
    const report: CategoryReport = {
      category,
      name: categoryRows[0]?.categoryName ?? category,
      ...aggregate({ rows: categoryRows, recallKeys, proxyKeys }),
    };
    const noted = categoryRows.filter((row) => row.recallNoted);
    if (noted.length > 0) {
      report.notedRecallQuestions = noted.length;
      report.notedMetrics = Object.fromEntries(recallKeys.map((key) => [key, meanOfKey(noted, key)]));
    }
    byCategory[category] = report;
  }

  let overallIncludingAdversarial: EvaluationReport["overallIncludingAdversarial"] = null;
  if (rows.some((row) => row.recallNoted)) {
    const withEvidence = rows.filter((row) => row.recallEligible || row.recallNoted);
    overallIncludingAdversarial = {
      recallQuestions: withEvidence.length,
      metrics: Object.fromEntries(recallKeys.map((key) => [key, meanOfKey(withEvidence, key)])),
    };
  }

  return {
    label: options.label ?? null,
    datasetKind: "locomo",
    questionsInDataset: options.questions.length,
    evaluated: rows.length,
    missingResults,
    extraResults,
    duplicateLines,
    hasSources,
    ks,
    ndcgK,
    budgets,
    datasetNotes: options.notes,
    overall: aggregate({ rows, recallKeys, proxyKeys }),
    overallIncludingAdversarial,
    byCategory,
  };
}
