#!/usr/bin/env node
// Speed benchmark of the default offline configuration, through the public API.
//
//   npm run bench:speed                         # LoCoMo + 100,000 memories in one scope + 1,000,000 across 1,000 users
//   npm run bench:speed -- --quick              # LoCoMo + 10,000 in one scope + 100,000 across 1,000 users
//   node bench/speed.mjs --scale 100000,1000000 --users 1000 --queries 200 --batch 100 --max-minutes 20
//   node bench/speed.mjs --skip-locomo --scale 100000,0 --common-term-fraction 1   # keep every word (see
//                                               # SqliteStoreOptions.commonTerms; default 0.1)
//
// (a) LoCoMo: ingest throughput (turns/s, the import path) and search p50/p95 over the dataset's questions.
// (b) synthetic scale: generated memories (bench/generate-text.mjs) added with `memory.add(messages,
//     { userId, infer: false })` in batches, then searches scoped to one user; reports ingest rate, search
//     p50/p95, whether the memory a query was generated from is in the top k, database size and peak RSS. The
//     searches are timed twice: in the ingesting process right after the ingest, and, after `memory.optimize()`
//     (timed), in a new process that opens the finished file ("reopened": a server started on it), with other
//     questions of the same kind.
// Each scenario runs in its own process (so peak RSS is per scenario) on a temporary database. Progress goes to
// stderr; the table goes to stdout and the JSON to bench/out/speed.json. --max-minutes stops a scenario's ingest
// early and reports the observed rate and the estimated total time.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRandom, createTextGenerator } from "./generate-text.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

function parseArguments(argv) {
  const flags = {};
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (!argument.startsWith("--")) continue;
    const next = argv[index + 1];
    if (next === undefined || next.startsWith("--")) flags[argument.slice(2)] = true;
    else {
      flags[argument.slice(2)] = next;
      index += 1;
    }
  }
  return flags;
}

const flags = parseArguments(process.argv.slice(2));
const integer = (value, fallback) => (value === undefined || value === true ? fallback : Number.parseInt(String(value), 10));

function percentile(sorted, fraction) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length))) - 1];
}

const round = (value, digits = 2) => (value === null || value === undefined ? null : Number(value.toFixed(digits)));

function databaseBytes(path) {
  return ["", "-wal", "-shm"].reduce((total, suffix) => total + (existsSync(path + suffix) ? statSync(path + suffix).size : 0), 0);
}

function peakRssMegabytes() {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function progress(text) {
  process.stderr.write(`${text}\n`);
}

// ---------------------------------------------------------------------------------------------------------
// Child scenarios (one process each); the last stdout line is the scenario's JSON result.
// ---------------------------------------------------------------------------------------------------------

async function openMemory(path) {
  const { createMemory, createSqliteStore } = await import("../dist/index.js");
  if (flags["common-term-fraction"] === undefined) return createMemory({ path });
  // Store setting: in scopes of 20,000+ rows, words in more than this share of the rows are left out of searches.
  return createMemory({ store: createSqliteStore({ path, commonTerms: { fraction: Number(flags["common-term-fraction"]) } }) });
}

async function locomoScenario({ dataset, topK }) {
  const { importFile } = await import("../dist/surfaces/cli/import-file.js");
  const directory = mkdtempSync(join(tmpdir(), "mnemo-speed-"));
  const path = join(directory, "locomo.db");
  try {
    const memory = await openMemory(path);
    progress(`locomo: importing ${dataset}`);
    const summary = await importFile({ memory, path: dataset, format: "locomo", skipInvalid: false });
    progress(`locomo: ${summary.messages} turns in ${summary.seconds} s (${summary.messagesPerSecond} turns/s)`);
    // The questions are read here only to time searches.
    const samples = JSON.parse(readFileSync(dataset, "utf8"));
    const latencies = [];
    for (const [index, sample] of (Array.isArray(samples) ? samples : [samples]).entries()) {
      const userId = sample.sample_id ?? `sample-${index + 1}`;
      for (const question of sample.qa ?? []) {
        const started = performance.now();
        await memory.search(String(question.question), { userId, topK });
        latencies.push(performance.now() - started);
      }
    }
    latencies.sort((left, right) => left - right);
    const stats = await memory.stats();
    await memory.close();
    return {
      scenario: "locomo",
      memories: stats.activeMemories,
      users: Array.isArray(samples) ? samples.length : 1,
      turns: summary.messages,
      ingestSeconds: summary.seconds,
      ingestPerSecond: summary.messagesPerSecond,
      ingestUnit: "turns/s",
      searches: latencies.length,
      topK,
      searchP50Ms: round(percentile(latencies, 0.5)),
      searchP95Ms: round(percentile(latencies, 0.95)),
      databaseMegabytes: round(databaseBytes(path) / 1048576, 1),
      peakRssMegabytes: peakRssMegabytes(),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The user a synthetic batch is written for (batches go to the users in turn; one user is "user-0"). */
function userOf({ batchIndex, users }) {
  return `user-${batchIndex % users}`;
}

/**
 * Times `queries` searches, each about one stored sentence (picked with `seed`) and scoped to its user, after 5
 * untimed ones. Returns the sorted latencies and how many found their sentence in the top k.
 */
async function measureSearches({ memory, text, stored, batch, users, queries, topK, seed }) {
  const random = createRandom(seed);
  const pick = () => Math.floor(random() * stored);
  for (let warm = 0; warm < 5; warm += 1) {
    const index = pick();
    await memory.search(text.question(index), { userId: userOf({ batchIndex: Math.floor(index / batch), users }), topK });
  }
  const latencies = [];
  let found = 0;
  for (let query = 0; query < queries; query += 1) {
    const index = pick();
    const begun = performance.now();
    const { results } = await memory.search(text.question(index), {
      userId: userOf({ batchIndex: Math.floor(index / batch), users }),
      topK,
    });
    latencies.push(performance.now() - begun);
    if (results.some((result) => result.sources.includes(`s${index}`))) found += 1;
  }
  latencies.sort((left, right) => left - right);
  return { latencies, found };
}

/** A new process opening a finished synthetic file: search latency as a server started on it would see it. */
async function reopenScenario({ path, stored, users, batch, queries, topK, seed }) {
  const memory = await openMemory(path);
  try {
    const text = createTextGenerator({ seed });
    const { latencies, found } = await measureSearches({ memory, text, stored, batch, users, queries, topK, seed: seed + 2 });
    return {
      searchP50Ms: round(percentile(latencies, 0.5)),
      searchP95Ms: round(percentile(latencies, 0.95)),
      sourceFoundAtK: round(found / Math.max(1, latencies.length), 3),
    };
  } finally {
    await memory.close();
  }
}

async function syntheticScenario({ name, count, users, batch, queries, topK, seed, maxMinutes }) {
  const directory = mkdtempSync(join(tmpdir(), "mnemo-speed-"));
  const path = join(directory, `${name}.db`);
  const text = createTextGenerator({ seed });
  const batches = Math.ceil(count / batch);
  const base = Date.parse("2023-01-01T09:00:00Z");
  try {
    const memory = await openMemory(path);
    const deadline = maxMinutes > 0 ? performance.now() + maxMinutes * 60_000 : Number.POSITIVE_INFINITY;
    const started = performance.now();
    let inserted = 0;
    let lastReport = started;
    for (let batchIndex = 0; batchIndex < batches; batchIndex += 1) {
      const first = batchIndex * batch;
      const last = Math.min(count, first + batch);
      const messages = [];
      for (let index = first; index < last; index += 1) messages.push({ role: "user", content: text.sentence(index), id: `s${index}` });
      await memory.add(messages, {
        userId: userOf({ batchIndex, users }),
        infer: false,
        timestamp: new Date(base + batchIndex * 3_600_000).toISOString(),
      });
      inserted += messages.length;
      const now = performance.now();
      if (now - lastReport > 10_000 || inserted === count) {
        lastReport = now;
        const rate = inserted / ((now - started) / 1000);
        progress(
          `${name}: ${inserted.toLocaleString("en-US")}/${count.toLocaleString("en-US")} memories, ${Math.round(rate)}/s, ` +
            `${Math.round((count - inserted) / rate)} s left, rss ${Math.round(process.memoryUsage().rss / 1048576)} MB`,
        );
      }
      if (now > deadline && inserted < count) {
        progress(`${name}: stopping the ingest after ${maxMinutes} min (--max-minutes)`);
        break;
      }
    }
    const ingestSeconds = (performance.now() - started) / 1000;
    const rate = inserted / ingestSeconds;

    // Searched twice: here, right after the ingest (with the ingest's garbage still to collect), and, after
    // `memory.optimize()` (as after a bulk import), by a new process that opens the finished file, as a server
    // started on it would (other questions of the same kind, so it does not find the pages of this process's
    // questions in the OS cache).
    const { latencies, found } = await measureSearches({ memory, text, stored: inserted, batch, users, queries, topK, seed: seed + 1 });
    const { seconds: optimizeSeconds } = await memory.optimize();
    await memory.close();
    const reopened = await runChild([
      "--child",
      "reopen",
      "--path",
      path,
      "--stored",
      String(inserted),
      "--users",
      String(users),
      "--batch",
      String(batch),
      "--queries",
      String(queries),
      "--top-k",
      String(topK),
      "--seed",
      String(seed),
    ]);
    return {
      scenario: name,
      memories: inserted,
      requested: count,
      users,
      batch,
      truncated: inserted < count,
      ingestSeconds: round(ingestSeconds, 1),
      ingestPerSecond: round(rate, 1),
      ingestUnit: "memories/s",
      estimatedTotalSeconds: inserted < count ? Math.round(count / rate) : null,
      searches: latencies.length,
      topK,
      searchP50Ms: round(percentile(latencies, 0.5)),
      searchP95Ms: round(percentile(latencies, 0.95)),
      sourceFoundAtK: round(found / Math.max(1, latencies.length), 3),
      optimizeSeconds: round(optimizeSeconds, 1),
      reopenedSearchP50Ms: reopened.searchP50Ms,
      reopenedSearchP95Ms: reopened.searchP95Ms,
      reopenedSourceFoundAtK: reopened.sourceFoundAtK,
      databaseMegabytes: round(databaseBytes(path) / 1048576, 1),
      peakRssMegabytes: peakRssMegabytes(),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Parent: runs each scenario in a child process, prints the table, writes bench/out/speed.json.
// ---------------------------------------------------------------------------------------------------------

function runChild(scenarioFlags) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...scenarioFlags], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const line = stdout.trim().split("\n").at(-1) ?? "";
      if (code !== 0) reject(new Error(`scenario ${scenarioFlags.join(" ")} exited ${code}`));
      else resolve(JSON.parse(line));
    });
  });
}

function formatTable(results) {
  const header = [
    "scenario",
    "memories",
    "users",
    "ingest s",
    "ingest rate",
    "search p50 ms",
    "p95 ms",
    "source in top k",
    "optimize s",
    "reopened p50 ms",
    "reopened p95 ms",
    "db MB",
    "peak RSS MB",
    "note",
  ];
  const rows = results.map((result) => [
    result.scenario,
    result.memories.toLocaleString("en-US"),
    result.users.toLocaleString("en-US"),
    String(result.ingestSeconds),
    `${Math.round(result.ingestPerSecond).toLocaleString("en-US")} ${result.ingestUnit}`,
    String(result.searchP50Ms),
    String(result.searchP95Ms),
    result.sourceFoundAtK === undefined ? "" : `${result.sourceFoundAtK} (k=${result.topK})`,
    result.optimizeSeconds === undefined ? "" : String(result.optimizeSeconds),
    result.reopenedSearchP50Ms === undefined ? "" : String(result.reopenedSearchP50Ms),
    result.reopenedSearchP95Ms === undefined ? "" : String(result.reopenedSearchP95Ms),
    String(result.databaseMegabytes),
    String(result.peakRssMegabytes),
    result.truncated
      ? `stopped at ${result.memories.toLocaleString("en-US")} of ${result.requested.toLocaleString("en-US")}; est. total ${Math.round(result.estimatedTotalSeconds / 60)} min`
      : result.scenario === "locomo"
        ? `${result.turns} turns, ${result.searches} questions (k=${result.topK})`
        : "",
  ]);
  return [
    `| ${header.join(" | ")} |`,
    `|---|${header
      .slice(1)
      .map(() => "---:")
      .join("|")}|`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
}

async function main() {
  if (flags.child === "locomo") {
    process.stdout.write(`${JSON.stringify(await locomoScenario({ dataset: flags.dataset, topK: integer(flags["top-k"], 10) }))}\n`);
    return;
  }
  // What both synthetic children read from their flags: how the memories were spread and what to ask.
  const searchOptions = () => ({
    users: integer(flags.users, 1),
    batch: integer(flags.batch, 100),
    queries: integer(flags.queries, 200),
    topK: integer(flags["top-k"], 10),
    seed: integer(flags.seed, 42),
  });
  if (flags.child === "reopen") {
    const result = await reopenScenario({ path: String(flags.path), stored: integer(flags.stored, 0), ...searchOptions() });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  if (flags.child === "synthetic") {
    const result = await syntheticScenario({
      name: String(flags.name),
      count: integer(flags.count, 10_000),
      ...searchOptions(),
      maxMinutes: Number(flags["max-minutes"] ?? 0),
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }

  if (!existsSync(join(root, "dist", "index.js"))) throw new Error("dist/ is missing: run `npm run build` first.");
  const [single, multi] = (flags.quick === true ? "10000,100000" : String(flags.scale ?? "100000,1000000")).split(",").map(Number);
  const users = integer(flags.users, 1000);
  const common = [
    "--batch",
    String(integer(flags.batch, 100)),
    "--queries",
    String(integer(flags.queries, 200)),
    "--top-k",
    String(integer(flags["top-k"], 10)),
    "--seed",
    String(integer(flags.seed, 42)),
  ];
  if (flags["max-minutes"] !== undefined) common.push("--max-minutes", String(flags["max-minutes"]));
  if (flags["common-term-fraction"] !== undefined) common.push("--common-term-fraction", String(flags["common-term-fraction"]));
  const dataset = typeof flags.dataset === "string" ? flags.dataset : join(root, "..", "shared", "bench", "data", "locomo10.json");

  const results = [];
  if (flags["skip-locomo"] !== true && existsSync(dataset))
    results.push(await runChild(["--child", "locomo", "--dataset", dataset, "--top-k", String(integer(flags["top-k"], 10))]));
  if (single > 0)
    results.push(
      await runChild(["--child", "synthetic", "--name", `single-scope-${single}`, "--count", String(single), "--users", "1", ...common]),
    );
  if (multi > 0)
    results.push(
      await runChild([
        "--child",
        "synthetic",
        "--name",
        `${users}-users-${multi}`,
        "--count",
        String(multi),
        "--users",
        String(users),
        ...common,
      ]),
    );

  const out = join(root, "bench", "out");
  mkdirSync(out, { recursive: true });
  const report = { date: new Date().toISOString(), node: process.version, platform: `${process.platform} ${process.arch}`, results };
  writeFileSync(join(out, "speed.json"), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${formatTable(results)}\n\nJSON: ${join(out, "speed.json")}\n`);
}

await main();
