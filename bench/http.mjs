#!/usr/bin/env node
// HTTP load benchmark of `mnemo serve`'s app on loopback.
// Usage: npm run bench:http -- [--duration 30] [--connections 16,64] [--workers 2] [--warm-up 10] [--dataset path/to/locomo10.json]
//
// `mnemo import` loads the LoCoMo file into a temporary database, then `mnemo serve --workers N` (default 2, one
// per core here; `--workers 1` for a single process) serves it on 127.0.0.1 (random port). This process drives
// it with autocannon: bounded runs per endpoint and connection count — search (POST /v1/memories/search, one
// conversation's questions in turn) with the repeated-question cache off (every request a full recall), the
// same with the cache on (the default; the questions repeat, so the cache answers after the first round), and
// add (POST /v1/memories, varied texts); on the cache-off server also an overload run (1,000 connections: the
// server's admission control may answer what it cannot take in time with 503 OVERLOADED, and nothing else), a
// recovery run (16 connections right after), a run over every conversation's questions (1,986 over 10 users)
// and a 90/10 search/add mix; last, with API keys, two tenants at once
// on a cache-off server (60 connections of a noisy one, 4 of a quiet one, each over its own copy of the data).
// Each server is warmed up with searches first (`--warm-up`, 10 s); the first server's warm-up is reported as its
// cold start. It prints requests/s and p50/p95/p99 latency per run (of the 2xx answers; refusals are counted apart) and
// writes bench/out/http.json. Traffic goes only to 127.0.0.1; every run stops by itself.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runLoad } from "./load.mjs";
import { createKey, datasetConversations, importDataset, option, residentMb, servePids, startServeProcess } from "./serve-process.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const defaultDataset = join(here, "..", "..", "shared", "bench", "data", "locomo10.json");

const datasetPath = option("dataset", defaultDataset);
const workers = Number(option("workers", "2"));

await drive();

/**
 * Starts `mnemo serve --workers N --port 0` on loopback over the database, rate limit off, with the
 * repeated-question cache off (every search pays for a full recall) or on (its default size).
 */
async function startServer({ database, workers, cache }) {
  const { url, child, stderr } = await startServeProcess({
    args: ["serve", "--port", "0", "--workers", String(workers)],
    environment: { MNEMO_DB: database, MNEMO_RECALL_CACHE_SIZE: cache ? "1000" : "0" },
  });
  const pids = () => servePids({ child, stderr });
  const stats = await (await fetch(`${url}/v1/stats`)).json();
  return {
    url,
    memories: stats.activeMemories,
    episodes: stats.episodes,
    peakRssMb: () => pids().map((pid) => residentMb(pid, "VmHWM")),
    async stop() {
      const memories = (await (await fetch(`${url}/v1/stats`)).json()).activeMemories;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      return memories;
    },
  };
}

/** Start the server, run the loads, report. */
async function drive() {
  const duration = Number(option("duration", "30"));
  const connectionCounts = option("connections", "16,64").split(",").map(Number);
  const warmUpSeconds = Number(option("warm-up", "10"));
  if (!Number.isFinite(warmUpSeconds) || warmUpSeconds < 0 || warmUpSeconds > 120) throw new Error("--warm-up must be 0–120 seconds");
  if (!Number.isFinite(duration) || duration <= 0 || duration > 600) throw new Error("--duration must be 1–600 seconds");
  const conversations = datasetConversations(JSON.parse(readFileSync(datasetPath, "utf8")));
  const [first] = conversations;
  if (first === undefined) throw new Error(`no questions in ${datasetPath}`);
  const { userId, questions: queries } = first;
  /** The n-th search of the all-conversations run: conversation n % count, its questions in turn. */
  const everyQuestion = (sequence) => {
    const conversation = conversations[sequence % conversations.length];
    const turn = Math.floor(sequence / conversations.length);
    return { query: conversation.questions[turn % conversation.questions.length], userId: conversation.userId, topK: 10 };
  };
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
  let server;
  try {
    process.stderr.write(`importing ${datasetPath}…\n`);
    const { database, importSeconds } = importDataset({ directory, datasetPath });
    const runs = [];
    const rss = [];
    const search = (sequence) => ({ query: queries[sequence % queries.length], userId, topK: 10 });
    /**
     * A search run before measuring, `--warm-up` seconds (default 10) at 16 connections. A fresh server takes
     * about 6 s to reach its speed (JIT, page cache, the store's remembered statistics and results): second by
     * second, 372, 817, 907, 1,270, 1,495, then 2,000–2,450 searches/s. The first server's warm-up is reported
     * too, as the cold start.
     */
    const warmUp = (url, key, name = "warm-up") =>
      warmUpSeconds === 0
        ? Promise.resolve(undefined)
        : runLoad({ url, name, connections: 16, duration: warmUpSeconds, path: "/v1/memories/search", body: search, key });
    const note = (sequence, session) => ({
      text: `${subjects[sequence % subjects.length]} ${actions[(sequence >> 3) % actions.length]} ${objects[(sequence >> 6) % objects.length]} (note ${sequence})`,
      userId: `bench-writer-${sequence % 8}`,
      sessionId: `bench-session-${session}`,
    });
    let store;
    // Search with the repeated-question cache off (every request a full recall), then on (the default: this
    // run repeats one conversation's questions, so after the first round the cache answers).
    for (const cache of [false, true]) {
      server = await startServer({ database, workers, cache });
      store ??= { importSeconds, memories: server.memories, episodes: server.episodes, workers };
      const name = cache ? "search, cache on" : "search, cache off";
      process.stderr.write(`serving ${server.url} with ${server.memories} memories, ${workers} worker(s), ${name}\n`);
      const cold = await warmUp(server.url, undefined, `${name}, cold start (warm-up)`);
      if (!cache && cold !== undefined) runs.push(cold);
      for (const connections of connectionCounts) {
        process.stderr.write(`${name}, ${connections} connections, ${duration} s…\n`);
        runs.push(await runLoad({ url: server.url, name, connections, duration, path: "/v1/memories/search", body: search }));
      }
      if (cache) break;
      // Every conversation's questions, each to its own conversation's user, interleaved (conversation n % 10,
      // then its questions in turn): ten times as many distinct questions over ten users, so less that the
      // store remembers is asked again.
      process.stderr.write(`search, cache off, all conversations' questions, 16 connections, ${duration} s…\n`);
      runs.push(
        await runLoad({
          url: server.url,
          name: "search, cache off, all conversations",
          connections: 16,
          duration,
          path: "/v1/memories/search",
          body: everyQuestion,
        }),
      );
      // Overload: 1,000 connections (over 15 times the busiest run above), then recovery at 16.
      for (const [label, connections, seconds] of [
        ["search, overload", 1000, duration],
        ["search, after overload", 16, Math.min(10, duration)],
      ]) {
        process.stderr.write(`${label}: ${connections} connections, ${seconds} s…\n`);
        runs.push(
          await runLoad({ url: server.url, name: label, connections, duration: seconds, path: "/v1/memories/search", body: search }),
        );
      }
      // Nine searches to one add, every search a full recall (each add also ends what the searches remembered).
      for (const connections of connectionCounts) {
        process.stderr.write(`90/10 search/add, ${connections} connections, ${duration} s…\n`);
        runs.push(
          await runLoad({
            url: server.url,
            name: "90/10 search/add, cache off",
            connections,
            duration,
            path: "/v1/memories/search",
            route: (sequence) => (sequence % 10 === 0 ? "/v1/memories" : "/v1/memories/search"),
            body: (sequence) => (sequence % 10 === 0 ? note(sequence, "mix") : search(sequence)),
          }),
        );
      }
      rss.push(server.peakRssMb());
      await server.stop();
      server = undefined;
    }
    for (const connections of connectionCounts) {
      process.stderr.write(`add, ${connections} connections, ${duration} s…\n`);
      runs.push(
        await runLoad({
          url: server.url,
          name: "add",
          connections,
          duration,
          path: "/v1/memories",
          body: (sequence) => note(sequence, String(connections)),
        }),
      );
    }
    rss.push(server.peakRssMb());
    const memoriesAfter = await server.stop();
    server = undefined;
    // A noisy tenant and a quiet one on one server (cache off): 60 connections of the first, 4 of the second,
    // at once. Admission gives turns round the tenants' lines, so the quiet one should not wait behind the noisy.
    // Keys are made last: once one exists, every request needs one.
    const noisyKey = createKey({ database, tenant: "default" });
    const quietKey = createKey({ database, tenant: "quiet" });
    importDataset({ directory, datasetPath, database, tenant: "quiet" });
    server = await startServer({ database, workers, cache: false });
    await warmUp(server.url, noisyKey);
    process.stderr.write(`two tenants: 60 + 4 connections, ${duration} s…\n`);
    const tenantRuns = await Promise.all(
      [
        { name: "search, noisy tenant", connections: 60, key: noisyKey },
        { name: "search, quiet tenant", connections: 4, key: quietKey },
      ].map(({ name, connections, key }) =>
        runLoad({ url: server.url, name, connections, duration, path: "/v1/memories/search", body: search, key }),
      ),
    );
    runs.push(...tenantRuns);
    await server.stop();
    server = undefined;
    const stopped = { peakRssMb: rss.map((values) => Math.max(...values)), memoriesAfter };
    const ready = { store };
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
      warmUpSeconds,
      runs,
      server: { peakRssMb: stopped.peakRssMb, memoriesAfter: stopped.memoriesAfter },
    };
    console.table(
      runs.map((run) => ({
        run: run.run,
        conns: run.connections,
        "req/s": run.requestsPerSecond,
        "2xx/s": run.okPerSecond,
        "p50 ms": run.p50Ms,
        "p95 ms": run.p95Ms,
        "p99 ms": run.p99Ms,
        statuses: Object.entries(run.statuses)
          .map(([status, count]) => `${status}: ${count}`)
          .join(", "),
        "refused p95 ms": Number.isNaN(run.refusedP95Ms) ? "" : run.refusedP95Ms,
        errors: run.errors,
        timeouts: run.timeouts,
      })),
    );
    process.stdout.write(
      `server peak RSS, largest process (cache off, cache on): ${stopped.peakRssMb.join(", ")} MB; ${report.machine.cpus} × ${report.machine.cpuModel}\n`,
    );
    const outDirectory = join(here, "out");
    mkdirSync(outDirectory, { recursive: true });
    writeFileSync(join(outDirectory, "http.json"), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`wrote ${join("bench", "out", "http.json")}\n`);
  } finally {
    await server?.stop().catch(() => undefined);
    rmSync(directory, { recursive: true, force: true });
  }
}
