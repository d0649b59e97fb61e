#!/usr/bin/env node
// Channel ablation on a LoCoMo-format dataset: ingests every conversation once (offline default, each into its
// own scope, exactly as `mnemo eval` does), then asks every question once with the default channels and once
// with each channel's fusion weight set to 0 (the channel is then not queried at all); the vector channel,
// off by default with the lexical offline embedder, is instead added back; a last run turns off the
// session-level lift (an adjustment, not a channel). Each run's results file is
// scored by the shared harness (../shared/bench/evaluate.mjs --json); the table shows categories 1–4.
//
//   npm run bench:ablation                          # ../shared/bench/data/locomo10.json
//   npm run bench:ablation -- path/to/locomo.json   # or a directory of per-conversation files
//
// Writes bench/out/ablation.json.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dataset = resolve(process.argv[2] ?? join(root, "..", "shared", "bench", "data", "locomo10.json"));
const harness = join(root, "..", "shared", "bench", "evaluate.mjs");
for (const [path, what] of [
  [dataset, "dataset"],
  [harness, "evaluation harness"],
  [join(root, "dist", "index.js"), "build (run `npm run build`)"],
]) {
  if (!existsSync(path)) {
    process.stderr.write(`bench:ablation: missing ${what}: ${path}\n`);
    process.exit(2);
  }
}

const { createMemory, defaultRecallSettings } = await import("../dist/index.js");
const { askQuestions, ingestSample } = await import("../dist/core/evaluation/run-evaluation.js");
const { readLocomoDataset } = await import("../dist/surfaces/cli/eval-command.js");

const samples = await readLocomoDataset(dataset);

const directory = mkdtempSync(join(tmpdir(), "mnemo-ablation-"));
const database = join(directory, "ablation.db");
const out = join(root, "bench", "out");
mkdirSync(out, { recursive: true });

const channels = Object.keys(defaultRecallSettings.weights);
// The offline default embedder is lexical, so the engine leaves the vector channel out unless it is weighted
// explicitly: its row adds it back at the weight a semantic embedder gets.
// Session-level relevance is an adjustment, not a channel: its row turns it off.
const configurations = [
  { name: "default", recall: {} },
  ...channels.map((channel) =>
    channel === "vector"
      ? {
          name: `with vector (${defaultRecallSettings.weights.vector})`,
          recall: { weights: { vector: defaultRecallSettings.weights.vector } },
        }
      : { name: `without ${channel}`, recall: { weights: { [channel]: 0 } } },
  ),
  { name: "without session lift", recall: { sessionLift: 0 } },
];

try {
  const ingest = await createMemory({ path: database, recallCacheSize: 0 });
  const started = performance.now();
  for (const sample of samples) await ingestSample({ memory: ingest, sample });
  await ingest.close();
  process.stderr.write(`ingested ${samples.length} conversations in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

  const rows = [];
  for (const configuration of configurations) {
    const memory = await createMemory({ path: database, recallCacheSize: 0, recall: configuration.recall });
    const lines = [];
    for (const sample of samples) lines.push(...(await askQuestions({ memory, sample, topK: 50 })));
    await memory.close();
    const resultsFile = join(directory, "results.jsonl");
    const reportFile = join(directory, "report.json");
    writeFileSync(resultsFile, `${lines.map((line) => JSON.stringify(line)).join("\n")}\n`);
    const scored = spawnSync(
      process.execPath,
      [harness, "--dataset", dataset, "--results", resultsFile, "--k", "5,10,20", "--budgets", "256,512,1024", "--json", reportFile],
      { encoding: "utf8" },
    );
    if (scored.status !== 0) throw new Error(`evaluate.mjs failed: ${scored.stderr}`);
    const report = JSON.parse(readFileSync(reportFile, "utf8"));
    rows.push({ configuration: configuration.name, report });
    process.stderr.write(`${configuration.name}: done\n`);
  }

  // The harness's JSON: `overall` is categories 1–4, `by_category` one entry per category.
  const pick = (report, key) => report.overall[key];
  const category = (report, id, key) => report.by_category[id]?.[key];
  const format = (value) => (typeof value === "number" ? value.toFixed(3) : "n/a");
  const header =
    "| configuration | R@10 | Δ R@10 | multi-hop R@10 | temporal R@10 | open-domain R@10 | single-hop R@10 | NDCG@10 | hit@512 | tok@512 | p50 ms | p95 ms |";
  const table = [
    header,
    `|${header
      .split("|")
      .slice(1, -1)
      .map((_, index) => (index === 0 ? "---" : "---:"))
      .join("|")}|`,
  ];
  const base = pick(rows[0].report, "R@10");
  for (const { configuration, report } of rows) {
    const recall = pick(report, "R@10");
    table.push(
      `| ${configuration} | ${format(recall)} | ${configuration === "default" ? "" : (recall - base >= 0 ? "+" : "") + (recall - base).toFixed(3)} | ${[1, 2, 3, 4].map((id) => format(category(report, String(id), "R@10"))).join(" | ")} | ${format(pick(report, "NDCG@10"))} | ${format(pick(report, "hit@512"))} | ${format(pick(report, "tok@512"))} | ${format(pick(report, "latency_p50"))} | ${format(pick(report, "latency_p95"))} |`,
    );
  }
  process.stdout.write(`\n${table.join("\n")}\n`);
  writeFileSync(join(out, "ablation.json"), `${JSON.stringify({ date: new Date().toISOString(), dataset, rows }, null, 2)}\n`);
  process.stdout.write("\nwrote bench/out/ablation.json\n");
} finally {
  rmSync(directory, { recursive: true, force: true });
}
