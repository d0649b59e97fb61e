import type { GroupReport } from "./evaluate-results.js";
import type { EvaluationRun } from "./run-evaluation.js";

function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || Number.isNaN(value) ? "n/a" : value.toFixed(digits);
}

function grouped(value: number): string {
  return value.toLocaleString("en-US");
}

interface TableRow {
  label: string;
  recallQuestions: number;
  recall: Record<string, number | null>;
  proxyQuestions: number | null;
  proxy: Record<string, number | null>;
  latency: GroupReport["latency"] | null;
}

/**
 * Renders an evaluation run as text: the ingest and search summary, then one markdown table with recall,
 * NDCG, the answer-in-context proxy and latency per LoCoMo category, overall (categories 1–4) and the
 * adversarial rows.
 *
 * @example
 * output.result(run, () => formatEvaluationTable({ run, dataset: "locomo10.json", resultsFile: "out.jsonl" }));
 */
export function formatEvaluationTable(options: { run: EvaluationRun; dataset: string; resultsFile: string }): string {
  const { run } = options;
  const { report } = run;
  const recallColumns = report.hasSources ? [...report.ks.map((k) => `R@${k}`), `NDCG@${report.ndcgK}`] : [];
  const proxyColumns = [...report.budgets.map((budget) => `hit@${budget}`), ...report.budgets.map((budget) => `tok@${budget}`)];
  const rows: TableRow[] = [
    {
      label: "overall (cat 1–4)",
      recallQuestions: report.overall.recallQuestions,
      recall: report.overall.metrics,
      proxyQuestions: report.overall.proxyQuestions,
      proxy: report.overall.metrics,
      latency: report.overall.latency,
    },
  ];
  for (const category of Object.values(report.byCategory)) {
    const noted = category.recallQuestions === 0 && category.notedMetrics !== undefined;
    rows.push({
      label: `${category.category} ${category.name}${noted ? " (excluded, noted)" : ""}`,
      recallQuestions: noted ? (category.notedRecallQuestions ?? 0) : category.recallQuestions,
      recall: noted ? (category.notedMetrics ?? {}) : category.metrics,
      proxyQuestions: category.proxyQuestions,
      proxy: category.metrics,
      latency: category.latency,
    });
  }
  if (report.overallIncludingAdversarial !== null) {
    rows.push({
      label: "overall incl. adversarial (paper-style)",
      recallQuestions: report.overallIncludingAdversarial.recallQuestions,
      recall: report.overallIncludingAdversarial.metrics,
      proxyQuestions: null,
      proxy: {},
      latency: null,
    });
  }
  const header = ["category", ...(report.hasSources ? ["n_rec", ...recallColumns] : []), "n_ans", ...proxyColumns, "p50 ms", "p95 ms"];
  const lines = [
    `Mnemo eval on ${options.dataset}: ${grouped(run.ingest.samples)} conversations, ${grouped(run.ingest.turns)} turns ingested in ${run.ingest.seconds} s (${run.ingest.turnsPerSecond} turns/s; ${grouped(run.ingest.memoriesAdded)} memories, ${grouped(run.ingest.memoriesMerged)} merged)`,
    `${grouped(run.search.questions)} questions searched (top ${run.search.topK}) in ${run.search.seconds} s; results in ${options.resultsFile}`,
    ...(run.ingest.problems.length > 0
      ? [`${run.ingest.problems.length} session(s) skipped: ${run.ingest.problems.map((problem) => problem.label).join(", ")}`]
      : []),
    ...(report.hasSources ? [] : ["no sources in the results: evidence recall and NDCG are not computable"]),
    "",
    `| ${header.join(" | ")} |`,
    `|---|${header
      .slice(1)
      .map(() => "---:")
      .join("|")}|`,
  ];
  for (const row of rows) {
    const cells = [
      row.label,
      ...(report.hasSources ? [String(row.recallQuestions), ...recallColumns.map((column) => fixed(row.recall[column], 3))] : []),
      row.proxyQuestions === null ? "" : String(row.proxyQuestions),
      ...proxyColumns.map((column) => (row.proxyQuestions === null ? "" : fixed(row.proxy[column], 3))),
      row.latency === null ? "" : fixed(row.latency.p50, 2),
      row.latency === null ? "" : fixed(row.latency.p95, 2),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  lines.push(
    "",
    "Recall, NDCG and the proxy (hit/tok: answer in the first B whitespace tokens of the context) exclude adversarial questions from",
    "the overall row; latency is the in-process search time of every question (nearest-rank percentiles).",
  );
  return lines.join("\n");
}
