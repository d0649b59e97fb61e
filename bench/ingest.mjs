#!/usr/bin/env node
// Ingest + search benchmark on a LoCoMo-format file (raw turns only), offline default configuration.
// Usage: npm run bench:ingest -- [path/to/locomo10.json]
// Prints memories, entities, relations and supersessions per conversation, ingest throughput (messages/s) and
// in-process search latency p50/p95 over the file's questions.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemory } from "../dist/index.js";
import { importFile } from "../dist/surfaces/cli/import-file.js";

const datasetPath = process.argv[2] ?? new URL("../../shared/bench/data/locomo10.json", import.meta.url).pathname;
const directory = mkdtempSync(join(tmpdir(), "mnemo-bench-"));
const databasePath = join(directory, "bench.db");
const memory = await createMemory({ path: databasePath });
try {
  const summary = await importFile({ memory, path: datasetPath, format: "locomo", skipInvalid: false });
  // Questions are read here, in the benchmark, only to time searches; the product never sees them.
  const samples = JSON.parse(readFileSync(datasetPath, "utf8"));
  const latencies = [];
  for (const sample of Array.isArray(samples) ? samples : [samples]) {
    for (const question of sample.qa ?? []) {
      const started = performance.now();
      await memory.search(String(question.question), { userId: sample.sample_id, topK: 10 });
      latencies.push(performance.now() - started);
    }
  }
  const perConversation = [];
  for (const sample of Array.isArray(samples) ? samples : [samples]) {
    const counts = await memory.stats({ userId: sample.sample_id });
    perConversation.push({
      conversation: sample.sample_id,
      turns: counts.episodes,
      memories: counts.memories,
      active: counts.activeMemories,
      superseded: counts.supersededMemories,
      entities: counts.entities,
      relations: counts.relations,
    });
  }
  console.table(perConversation);
  latencies.sort((left, right) => left - right);
  const percentile = (p) => latencies[Math.max(0, Math.ceil(p * latencies.length) - 1)] ?? Number.NaN;
  const stats = await memory.stats();
  await memory.close();
  const result = {
    dataset: datasetPath,
    messages: summary.messages,
    records: summary.records,
    ingestSeconds: summary.seconds,
    messagesPerSecond: summary.messagesPerSecond,
    memories: stats.memories,
    activeMemories: stats.activeMemories,
    supersededMemories: stats.supersededMemories,
    entities: stats.entities,
    relations: stats.relations,
    merged: summary.memoriesMerged,
    searches: latencies.length,
    searchP50Ms: Number(percentile(0.5).toFixed(2)),
    searchP95Ms: Number(percentile(0.95).toFixed(2)),
    databaseBytes: statSync(databasePath).size,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.table(result);
  console.log(JSON.stringify(result));
} finally {
  rmSync(directory, { recursive: true, force: true });
}
