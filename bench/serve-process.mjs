// Shared by the benchmarks that drive `mnemo serve` in a child process (http.mjs, crash.mjs, soak.mjs).
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const cli = join(dirname(fileURLToPath(import.meta.url)), "..", "bin", "mnemo.js");

/** The value after `--name` on the command line, or `fallback`. */
export function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

/**
 * Starts `mnemo <args…>` (a `serve` on port 0) with `environment` over the caller's (MNEMO_HOST and MNEMO_PORT
 * cleared, rate limit off) and resolves once it logs the loopback address it listens on. With `keepLog`, its
 * whole stderr is kept (for error messages); otherwise only the start-up lines, and the request log that follows
 * is drained and dropped so a process that also drives the load does not spend its time collecting it.
 * Refuses any address but 127.0.0.1.
 *
 * @example
 * const { url, child } = await startServeProcess({ args: ["--db", path, "serve", "--port", "0"], environment: {} });
 */
export async function startServeProcess({ args, environment, keepLog = false }) {
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...process.env, MNEMO_HOST: "", MNEMO_PORT: "", MNEMO_RATE_LIMIT: "off", ...environment },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  let started = false;
  const url = await new Promise((resolve, reject) => {
    child.stderr.on("data", (chunk) => {
      if (started && !keepLog) return;
      stderr += chunk.toString("utf8");
      if (started) return;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (match !== null) {
        started = true;
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`mnemo serve exited ${code}: ${stderr.slice(-2000)}`)));
  });
  if (new URL(url).hostname !== "127.0.0.1") throw new Error(`refusing to load a non-loopback address: ${url}`);
  return { url, child, stderr: () => stderr };
}

/**
 * Imports a LoCoMo file with `mnemo import` into `database` (default `directory`/bench.db), for `tenant`
 * (default: the default tenant); returns the database's path and the seconds taken.
 */
export function importDataset({ directory, datasetPath, database = join(directory, "bench.db"), tenant }) {
  const started = performance.now();
  const tenantFlag = tenant === undefined ? [] : ["--tenant", tenant];
  const imported = spawnSync(process.execPath, [cli, "--db", database, ...tenantFlag, "import", "--format", "locomo", datasetPath], {
    env: { ...process.env, MNEMO_DB: "" },
    encoding: "utf8",
  });
  if (imported.status !== 0) throw new Error(`mnemo import failed: ${imported.stderr}`);
  return { database, importSeconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
}

/**
 * The conversations of a LoCoMo file as search load: each one's user id (its `sample_id`, as `mnemo import` stores
 * it) and its questions (non-empty ones). The benchmarks read the questions only to vary the load; the server
 * never sees the answers.
 */
export function datasetConversations(samples) {
  return samples
    .map((sample) => ({
      userId: String(sample.sample_id),
      questions: (sample.qa ?? []).map((item) => String(item.question)).filter((question) => question.trim() !== ""),
    }))
    .filter((conversation) => conversation.questions.length > 0);
}

/** The process ids of a started `mnemo serve`: the process itself and, with `--workers N`, its workers. */
export function servePids({ child, stderr }) {
  const listening = stderr()
    .split("\n")
    .filter((line) => line.includes('"workers-listening"'))
    .map((line) => JSON.parse(line))[0];
  return [child.pid, ...(listening?.pids ?? [])];
}

/** A process's resident memory in MB from /proc: `VmRSS` now, or `VmHWM` (its peak); 0 when it is gone. */
export function residentMb(pid, field = "VmRSS") {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match === null ? 0 : Math.round(Number(match[1]) / 1024);
  } catch {
    return 0;
  }
}

/** Creates an API key (read, write) of the tenant in the database with `mnemo keys create`; returns it. */
export function createKey({ database, tenant }) {
  const created = spawnSync(
    process.execPath,
    [cli, "--db", database, "keys", "create", "--tenant", tenant, "--scopes", "read,write", "--json"],
    {
      env: { ...process.env, MNEMO_DB: "" },
      encoding: "utf8",
    },
  );
  if (created.status !== 0) throw new Error(`mnemo keys create failed: ${created.stderr}`);
  return JSON.parse(created.stdout).key;
}
