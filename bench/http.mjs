#!/usr/bin/env node
// HTTP load benchmark of `mnemo serve`'s app on loopback.
// Usage: npm run bench:http -- [--duration 30] [--connections 16,64] [--dataset path/to/locomo10.json]
//
// A child process imports the LoCoMo file into a temporary database through the library (the same import as
// `mnemo import`) and serves the HTTP app on 127.0.0.1 (random port). This process drives it with autocannon:
// bounded runs per endpoint and connection count — search (POST /v1/memories/search, varied questions scoped to
// one conversation's user) and add (POST /v1/memories, varied texts). It prints requests/s and p50/p95/p99
// latency per run and writes bench/out/http.json. Traffic goes only to 127.0.0.1; every run stops by itself.
import { fork } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const here = dirname(fileURLToPath(import.meta.url));
const defaultDataset = join(here, "..", "..", "shared", "bench", "data", "locomo10.json");

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

const datasetPath = option("dataset", defaultDataset);

if (process.argv.includes("--serve-child")) {
  await serveChild();
} else {
  await drive();
}

/** Child: fill a temporary store from the dataset, then serve the app on 127.0.0.1 until told to stop. */
async function serveChild() {
  const { createMemory } = await import("../dist/index.js");
  const { importFile } = await import("../dist/surfaces/cli/import-file.js");
  const { createHttpApp } = await import("../dist/surfaces/http/create-http-app.js");
  const { startHttpServer } = await import("../dist/surfaces/http/start-http-server.js");
  const databasePath = process.env.MNEMO_BENCH_DB;
  const memory = await createMemory({ path: databasePath });
  const imported = await importFile({ memory, path: datasetPath, format: "locomo", skipInvalid: false });
  const server = await startHttpServer({ fetch: createHttpApp({ memory }).fetch, host: "127.0.0.1", port: 0 });
  const before = await memory.stats();
  process.send({
    type: "ready",
    url: server.url,
    store: {
      messages: imported.messages,
      importSeconds: imported.seconds,
      memories: before.activeMemories,
      episodes: before.episodes,
    },
  });
  process.on("message", async (message) => {
    if (message?.type !== "stop") return;
    await server.close({ graceMs: 5_000 });
    const after = await memory.stats();
    await memory.close();
    process.send(
      { type: "stopped", peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), memoriesAfter: after.activeMemories },
      () => process.exit(0),
    );
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function runLoad({ url, name, connections, duration, path, body }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    let sequence = 0;
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        timeout: 10,
        requests: [
          {
            method: "POST",
            path,
            headers: { "content-type": "application/json" },
            setupRequest: (request) => {
              sequence += 1;
              return { ...request, body: JSON.stringify(body(sequence)) };
            },
          },
        ],
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        latencies.sort((left, right) => left - right);
        resolve({
          run: name,
          connections,
          seconds: duration,
          requests: result.requests.total,
          requestsPerSecond: Number(result.requests.average.toFixed(1)),
          p50Ms: Number(percentile(latencies, 0.5).toFixed(2)),
          p95Ms: Number(percentile(latencies, 0.95).toFixed(2)),
          p99Ms: Number(percentile(latencies, 0.99).toFixed(2)),
          maxMs: Number((latencies.at(-1) ?? Number.NaN).toFixed(2)),
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on("response", (_client, _statusCode, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/** Parent: start the server child, run the loads, report. */
async function drive() {
  const duration = Number(option("duration", "30"));
  const connectionCounts = option("connections", "16,64").split(",").map(Number);
  if (!Number.isFinite(duration) || duration <= 0 || duration > 600) throw new Error("--duration must be 1–600 seconds");
  const samples = JSON.parse(readFileSync(datasetPath, "utf8"));
  const sample = samples[0];
  const userId = String(sample.sample_id);
  // The benchmark reads the file's questions only to vary search load; the server never sees the answers.
  const queries = (sample.qa ?? []).map((item) => String(item.question)).filter((question) => question.trim() !== "");
  const subjects = ["I", "My sister", "Our team", "My neighbour", "The manager", "My friend Sam", "我", "我们"];
  const actions = [
    "started learning",
    "moved to",
    "booked a trip to",
    "stopped drinking",
    "bought tickets for",
    "finished reading",
    "喜欢",
    "去了",
  ];
  const objects = ["Lisbon", "the piano", "green tea", "Kyoto", "a jazz concert", "Dune", "北京", "游泳", "a pottery class", "Berlin"];

  const directory = mkdtempSync(join(tmpdir(), "mnemo-bench-http-"));
  const child = fork(fileURLToPath(import.meta.url), ["--serve-child", "--dataset", datasetPath], {
    // The repeated-question cache is off: the loop cycles through one conversation's questions, and every
    // request should pay for a full recall (with the cache on, repeats are answered from memory).
    env: { ...process.env, MNEMO_BENCH_DB: join(directory, "bench.db"), MNEMO_RECALL_CACHE_SIZE: "0" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const messages = [];
  const waitFor = (type) =>
    new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message?.type !== type) return;
        child.off("message", onMessage);
        resolve(message);
      };
      child.on("message", onMessage);
      child.once("exit", (code) => reject(new Error(`server child exited ${code} before "${type}"`)));
    });
  child.on("message", (message) => messages.push(message));
  try {
    process.stderr.write(`importing ${datasetPath} and starting the server…\n`);
    const ready = await waitFor("ready");
    const { hostname } = new URL(ready.url);
    if (hostname !== "127.0.0.1") throw new Error(`refusing to load a non-loopback address: ${ready.url}`);
    process.stderr.write(
      `serving ${ready.url} with ${ready.store.memories} memories from ${ready.store.messages} messages (import ${ready.store.importSeconds} s)\n`,
    );
    // Warm-up (not recorded): let the JIT and SQLite's page cache settle before the first measured run.
    await runLoad({
      url: ready.url,
      name: "warm-up",
      connections: 8,
      duration: Math.min(3, duration),
      path: "/v1/memories/search",
      body: (sequence) => ({ query: queries[sequence % queries.length], userId, topK: 10 }),
    });
    const runs = [];
    for (const connections of connectionCounts) {
      process.stderr.write(`search, ${connections} connections, ${duration} s…\n`);
      runs.push(
        await runLoad({
          url: ready.url,
          name: "search",
          connections,
          duration,
          path: "/v1/memories/search",
          body: (sequence) => ({ query: queries[sequence % queries.length], userId, topK: 10 }),
        }),
      );
    }
    for (const connections of connectionCounts) {
      process.stderr.write(`add, ${connections} connections, ${duration} s…\n`);
      runs.push(
        await runLoad({
          url: ready.url,
          name: "add",
          connections,
          duration,
          path: "/v1/memories",
          body: (sequence) => ({
            text: `${subjects[sequence % subjects.length]} ${actions[(sequence >> 3) % actions.length]} ${objects[(sequence >> 6) % objects.length]} (note ${sequence})`,
            userId: `bench-writer-${sequence % 8}`,
            sessionId: `bench-session-${connections}`,
          }),
        }),
      );
    }
    child.send({ type: "stop" });
    const stopped = await waitFor("stopped");
    const report = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? "unknown",
        memoryGb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      dataset: datasetPath,
      store: ready.store,
      durationSeconds: duration,
      runs,
      server: { peakRssMb: stopped.peakRssMb, memoriesAfter: stopped.memoriesAfter },
    };
    console.table(
      runs.map((run) => ({
        run: run.run,
        conns: run.connections,
        "req/s": run.requestsPerSecond,
        "p50 ms": run.p50Ms,
        "p95 ms": run.p95Ms,
        "p99 ms": run.p99Ms,
        requests: run.requests,
        "non-2xx": run.non2xx,
        errors: run.errors,
      })),
    );
    process.stdout.write(`server peak RSS ${stopped.peakRssMb} MB; ${report.machine.cpus} × ${report.machine.cpuModel}\n`);
    const outDirectory = join(here, "out");
    mkdirSync(outDirectory, { recursive: true });
    writeFileSync(join(outDirectory, "http.json"), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`wrote ${join("bench", "out", "http.json")}\n`);
  } finally {
    if (child.exitCode === null) child.kill("SIGTERM");
    rmSync(directory, { recursive: true, force: true });
  }
}
