import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { MnemoError } from "../../core/errors.js";
import type { Logger } from "../../ports/logger.js";

/** What a worker tells the primary once it listens. */
export interface WorkerListening {
  type: "mnemo-listening";
  url: string;
}

function isListening(message: unknown): message is WorkerListening {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === "mnemo-listening";
}

/**
 * Reads `--workers` / `MNEMO_WORKERS`: a count from 1 to 64, or `auto` (one per core).
 *
 * @example
 * parseWorkerCount("auto"); // 2 on a 2-core machine
 */
export function parseWorkerCount(value: string): number {
  const text = value.trim().toLowerCase();
  if (text === "auto") return availableParallelism();
  const count = Number(text);
  if (!/^\d+$/.test(text) || count < 1 || count > 64) {
    throw new MnemoError({ code: "INPUT_INVALID", message: `Workers "${value}" is not "auto" or a number from 1 to 64.` });
  }
  return count;
}

/**
 * Young-generation size of a worker (V8's `--max-semi-space-size`, in MB). Node 20's default (16 MB) makes a
 * serving worker spend about a tenth of its time in scavenges: each search allocates a few hundred kB that die
 * young. At 32 MB, `bench:http`-style search runs served 15–20% more requests per second (1,180 → 1,368 and
 * 1,169 → 1,421 req/s in paired 20 s runs, 2 workers) for about 85 MB more peak resident memory per worker
 * (481 → 566 MB after 20 s of searches at 64 connections, LoCoMo, cache on).
 */
export const workerSemiSpaceMb = 32;

/**
 * The Node options of a forked worker: the primary's, plus {@link workerSemiSpaceMb} unless the primary's
 * options or `NODE_OPTIONS` already set a young-generation size.
 *
 * @example
 * workerExecArgv({ execArgv: [], nodeOptions: "" }); // ["--max-semi-space-size=32"]
 */
export function workerExecArgv(options: { execArgv: readonly string[]; nodeOptions: string }): string[] {
  const setsSemiSpace = (text: string) => /--max[-_]semi[-_]space[-_]size/.test(text);
  if (options.execArgv.some(setsSemiSpace) || setsSemiSpace(options.nodeOptions)) return [...options.execArgv];
  return [...options.execArgv, `--max-semi-space-size=${workerSemiSpaceMb}`];
}

/** Tells the primary (when there is one) that this worker listens. */
export function announceListening(url: string): void {
  if (cluster.isWorker) process.send?.({ type: "mnemo-listening", url } satisfies WorkerListening);
}

/**
 * The primary of `mnemo serve --workers N`: forks N worker processes of the same command, which share the
 * listening socket (the operating system spreads connections) and open the same SQLite file (WAL: readers in
 * parallel, one writer at a time, `busy_timeout` between processes). Resolves with the shared URL once every
 * worker listens, and with `stopped` after `stop()`: SIGTERM to each worker, which finishes its in-flight
 * requests and closes its database. A worker that dies on its own is replaced (at most 5 times a minute).
 *
 * @example
 * const group = await startServeCluster({ workers: 2, logger });
 * console.error(group.url); await group.stop();
 */
export async function startServeCluster(options: { workers: number; logger: Logger }): Promise<{ url: string; stop: () => Promise<void> }> {
  const { logger } = options;
  let stopping = false;
  const restarts: number[] = [];
  const live = new Set<Worker>();
  let failStart: ((error: Error) => void) | undefined;
  let allStopped: (() => void) | undefined;

  cluster.setupPrimary({ execArgv: workerExecArgv({ execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS ?? "" }) });
  const fork = (): Worker => {
    const worker = cluster.fork();
    live.add(worker);
    worker.once("exit", (code, signal) => {
      live.delete(worker);
      if (stopping) {
        if (live.size === 0) allStopped?.();
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && (restarts[0] ?? now) < now - 60_000) restarts.shift();
      logger.error({ pid: worker.process.pid, code, signal }, "worker-exited");
      if (restarts.length > 5) {
        failStart?.(new Error("workers keep exiting; see the log above"));
        stopping = true;
        for (const other of live) other.process.kill("SIGTERM");
        if (live.size === 0) allStopped?.();
        return;
      }
      fork();
    });
    return worker;
  };

  const url = await new Promise<string>((resolve, reject) => {
    failStart = reject;
    let ready = 0;
    for (let index = 0; index < options.workers; index += 1) {
      const worker = fork();
      worker.on("message", (message: unknown) => {
        if (!isListening(message)) return;
        ready += 1;
        if (ready === options.workers) resolve(message.url);
      });
    }
  });
  logger.info({ url, workers: options.workers, pids: [...live].map((worker) => worker.process.pid) }, "workers-listening");
  return {
    url,
    stop() {
      stopping = true;
      return new Promise<void>((resolve) => {
        allStopped = resolve;
        if (live.size === 0) resolve();
        for (const worker of live) worker.process.kill("SIGTERM");
      });
    },
  };
}
