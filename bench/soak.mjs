#!/usr/bin/env node
// Soak benchmark: does `mnemo serve` stay flat under hours-like steady load? (RSS, WAL, latency, errors)
// Usage: npm run bench:soak -- [--minutes 10] [--window 10] [--connections 16] [--workers 2] [--dataset path/to/locomo10.json]
//
// `mnemo import` loads the LoCoMo file into a temporary database; `mnemo serve --workers N` (defaults: 2
// workers, the repeated-question cache on) serves it on 127.0.0.1. This process then drives a steady 90/10 mix
// for the given minutes, in windows of --window seconds (autocannon, 16 connections): nine searches (every
// conversation's questions in turn, each in its own user's scope) to one add (a new generated sentence for one
// of 50 users, so the store keeps growing and every add ends what the searches remembered). After each window
// it reads every server process's resident memory (VmRSS), the WAL and database file sizes, and the window's
// requests/s, p95 (of 2xx answers) and non-2xx answers. It prints a table and the drift between the first window after warm-up
// and the last, and writes bench/out/soak.json. Traffic goes only to 127.0.0.1; the run stops by itself.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTextGenerator } from "./generate-text.mjs";
import { runLoad } from "./load.mjs";
import { datasetConversations, importDataset, option, residentMb, servePids, startServeProcess } from "./serve-process.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const datasetPath = option("dataset", join(here, "..", "..", "shared", "bench", "data", "locomo10.json"));
const minutes = Number(option("minutes", "10"));
const windowSeconds = Number(option("window", "10"));
const connections = Number(option("connections", "16"));
const workers = Number(option("workers", "2"));
if (!(minutes > 0 && minutes <= 240)) throw new Error("--minutes must be in (0, 240]");
if (!(windowSeconds >= 1 && windowSeconds <= 600)) throw new Error("--window must be 1–600 seconds");

const fileMb = (path) => {
  try {
    return Number((statSync(path).size / 2 ** 20).toFixed(1));
  } catch {
    return 0;
  }
};

const searches = datasetConversations(JSON.parse(readFileSync(datasetPath, "utf8"))).flatMap(({ userId, questions }) =>
  questions.map((query) => ({ query, userId })),
);
const text = createTextGenerator({ seed: 5 });
const directory = mkdtempSync(join(tmpdir(), "mnemo-bench-soak-"));
let child;
try {
  process.stderr.write(`importing ${datasetPath}…\n`);
  const { database, importSeconds } = importDataset({ directory, datasetPath });
  const started = await startServeProcess({
    args: ["serve", "--port", "0", "--workers", String(workers)],
    environment: { MNEMO_DB: database },
  });
  child = started.child;
  const pids = servePids(started);
  // Numbering carries on across windows, so adds never repeat.
  const counter = { value: 0 };
  const windows = [];
  const total = Math.max(1, Math.round((minutes * 60) / windowSeconds));
  process.stderr.write(`soak: ${total} windows of ${windowSeconds} s, ${connections} connections, ${workers} worker(s)\n`);
  for (let index = 0; index < total; index += 1) {
    const { requestsPerSecond, p50Ms, p95Ms, p99Ms, non2xx, errors } = await runLoad({
      url: started.url,
      name: "soak",
      connections,
      duration: windowSeconds,
      path: "/v1/memories/search",
      counter,
      route: (sequence) => (sequence % 10 === 0 ? "/v1/memories" : "/v1/memories/search"),
      body: (sequence) => {
        if (sequence % 10 === 0) return { text: text.sentence(sequence), userId: `soak-user-${sequence % 50}` };
        const search = searches[sequence % searches.length];
        return { query: search.query, userId: search.userId, topK: 10 };
      },
    });
    const window = { requestsPerSecond, p50Ms, p95Ms, p99Ms, non2xx, errors };
    const rssMb = pids.map((pid) => residentMb(pid));
    windows.push({
      window: index + 1,
      minute: Number((((index + 1) * windowSeconds) / 60).toFixed(2)),
      ...window,
      workerRssMb: Math.max(...rssMb.slice(1)),
      totalRssMb: rssMb.reduce((sum, value) => sum + value, 0),
      walMb: fileMb(`${database}-wal`),
      databaseMb: fileMb(database),
    });
    const last = windows.at(-1);
    process.stderr.write(
      `  ${String(last.window).padStart(3)}: ${last.requestsPerSecond} req/s, p95 ${last.p95Ms} ms, worker RSS ${last.workerRssMb} MB, WAL ${last.walMb} MB\n`,
    );
  }
  const stats = await (await fetch(`${started.url}/v1/stats`)).json();
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const exitCode = await exited;
  child = undefined;
  // The first window warms the JIT and the page cache; drift is measured from the second.
  const first = windows[Math.min(1, windows.length - 1)];
  const last = windows.at(-1);
  const summary = {
    windows: windows.length,
    requests: Math.round(windows.reduce((sum, window) => sum + window.requestsPerSecond * windowSeconds, 0)),
    non2xx: windows.reduce((sum, window) => sum + window.non2xx, 0),
    errors: windows.reduce((sum, window) => sum + window.errors, 0),
    workerRssMb: { first: first.workerRssMb, last: last.workerRssMb, max: Math.max(...windows.map((window) => window.workerRssMb)) },
    walMb: { max: Math.max(...windows.map((window) => window.walMb)), last: last.walMb },
    databaseMb: { first: first.databaseMb, last: last.databaseMb },
    requestsPerSecond: { first: first.requestsPerSecond, last: last.requestsPerSecond },
    p95Ms: { first: first.p95Ms, last: last.p95Ms, max: Math.max(...windows.map((window) => window.p95Ms)) },
    memoriesAtEnd: stats.activeMemories,
    serverExitCode: exitCode,
  };
  console.table(
    windows
      .filter((_, index) => windows.length <= 12 || index % Math.ceil(windows.length / 12) === 0 || index === windows.length - 1)
      .map((window) => ({
        minute: window.minute,
        "req/s": window.requestsPerSecond,
        "p95 ms": window.p95Ms,
        "p99 ms": window.p99Ms,
        "non-2xx": window.non2xx,
        "worker RSS MB": window.workerRssMb,
        "WAL MB": window.walMb,
        "db MB": window.databaseMb,
      })),
  );
  process.stdout.write(
    `soak ${minutes} min: ${summary.requests} requests, ${summary.non2xx} non-2xx, ${summary.errors} errors; ` +
      `worker RSS ${summary.workerRssMb.first} → ${summary.workerRssMb.last} MB (max ${summary.workerRssMb.max}); ` +
      `WAL max ${summary.walMb.max} MB; database ${summary.databaseMb.first} → ${summary.databaseMb.last} MB; ` +
      `req/s ${summary.requestsPerSecond.first} → ${summary.requestsPerSecond.last}; p95 ${summary.p95Ms.first} → ${summary.p95Ms.last} ms; ` +
      `server exit ${summary.serverExitCode}\n`,
  );
  const outDirectory = join(here, "out");
  mkdirSync(outDirectory, { recursive: true });
  writeFileSync(
    join(outDirectory, "soak.json"),
    `${JSON.stringify({ date: new Date().toISOString(), importSeconds, minutes, windowSeconds, connections, workers, summary, windows }, null, 2)}\n`,
  );
  process.stdout.write(`wrote ${join("bench", "out", "soak.json")}\n`);
} finally {
  child?.kill("SIGKILL");
  rmSync(directory, { recursive: true, force: true });
}
