import cluster from "node:cluster";
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { createSqliteAccessStore } from "../../adapters/stores/sqlite/sqlite-access-store.js";
import { createSqliteStore } from "../../adapters/stores/sqlite/sqlite-store.js";
import { MnemoError } from "../../core/errors.js";
import { createApiKeys } from "../../core/hub/api-keys.js";
import { createMemoryHub } from "../../core/hub/memory-hub.js";
import { createMemory } from "../../create-memory.js";
import type { AccessStore } from "../../ports/access-store.js";
import { parseAdmissionSettings } from "../http/admission-queue.js";
import { createApiKeyResolver } from "../http/api-key-auth.js";
import { createHttpApp } from "../http/create-http-app.js";
import { createDefaultPrincipal } from "../http/principal.js";
import { parseRateLimit } from "../http/rate-limit.js";
import { isLoopbackHost, startHttpServer } from "../http/start-http-server.js";
import { createStderrLogger } from "../http/stderr-logger.js";
import type { CliContext } from "./cli-context.js";
import { databasePath } from "./keys-command.js";
import { announceListening, parseWorkerCount, startServeCluster } from "./serve-cluster.js";

/** Defaults of `mnemo serve`. */
export const serveDefaults = { host: "127.0.0.1", port: 7077 } as const;

/** An environment variable, unset when empty. */
function environmentValue(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new MnemoError({ code: "INPUT_INVALID", message: `Port "${value}" is not a number from 0 to 65535.` });
  }
  return port;
}

/**
 * Resolves when the process receives one of the signals, with its name. A second signal while shutting down
 * exits at once (130).
 */
export function waitForShutdownSignal(signals: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT"]): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      for (const name of signals) process.off(name, onSignal);
      const force = () => process.exit(130);
      for (const name of signals) process.once(name, force);
      resolve(signal);
    };
    for (const name of signals) process.on(name, onSignal);
  });
}

/** The flags of `mnemo serve`. */
interface ServeFlags {
  host?: string;
  port?: string;
  rateLimit?: string;
  workers?: string;
  maxConcurrent?: string;
  maxQueued?: string;
  queueTimeout?: string;
  maxDatabaseMb?: string;
}

/** `--max-database-mb` as bytes: a whole number of MiB from 1 to 16,777,216 (16 TiB), or undefined when unset. */
function parseMaxDatabaseBytes(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const megabytes = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || megabytes < 1 || megabytes > 16_777_216) {
    throw new MnemoError({
      code: "INPUT_INVALID",
      message: `Maximum database size "${text}" is not a whole number of MB from 1 to 16777216.`,
      details: { value: text },
    });
  }
  return megabytes * 1_048_576;
}

/** Does the database file already hold an API key? (A missing file holds none and is not created.) */
async function keysExist(path: string): Promise<boolean> {
  if (path === ":memory:" || path === "" || !existsSync(path)) return false;
  const access = createSqliteAccessStore({ path });
  try {
    return await access.hasKeys();
  } finally {
    await access.close();
  }
}

/**
 * Registers `mnemo serve`: the REST API (`/v1`, mem0-compatible `/mem0`, the multi-agent hub `/v1/hub`, key
 * admin `/v1/keys`), MCP over streamable HTTP (`/mcp`), `/openapi.json`, `/docs`, `/healthz` and `/metrics`,
 * with JSON logs on stderr and a graceful shutdown on SIGTERM/SIGINT (stop accepting, finish in-flight
 * requests, close the database, exit 0). Once an API key exists (`mnemo keys create`), every route but
 * `/healthz` needs one; only then may it listen on a non-loopback address. Per-key rate limit: `--rate-limit`
 * or `MNEMO_RATE_LIMIT` (`100/s`, `600/min:50`, `off`; default 100/s, burst 200). `--workers N` (or `auto`)
 * runs N processes on one port over the same file, for more requests per second on more cores; rate limits,
 * `/metrics` and the repeated-question cache are then per process. Admission control per process:
 * `--max-concurrent` requests at once (16), `--max-queued` waiting (1024), `--queue-timeout` ms of waiting (5000);
 * past those, 503 `OVERLOADED` with `Retry-After` (`MNEMO_MAX_CONCURRENT`, `MNEMO_MAX_QUEUED`, `MNEMO_QUEUE_TIMEOUT_MS`).
 * `--max-database-mb` (`MNEMO_MAX_DATABASE_MB`) caps the file's size: writes past it get 507 `STORE_FULL`.
 *
 * @example
 * registerServeCommand(program, context); // then: mnemo serve --port 7077 --db ./mnemo.db
 */
export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command("serve")
    .description("serve the REST API (/v1, /mem0), MCP over HTTP (/mcp), /docs and /metrics")
    .option("--host <host>", `address to listen on (default: $MNEMO_HOST or ${serveDefaults.host})`)
    .option("--port <port>", `port, 0 for any free one (default: $MNEMO_PORT or ${serveDefaults.port})`)
    .option("--rate-limit <limit>", "per-key rate limit: <count>/<s|min|h>[:<burst>] or off (default: $MNEMO_RATE_LIMIT or 100/s)")
    .option("--workers <count>", "worker processes sharing the port: a number or auto, one per core (default: $MNEMO_WORKERS or 1)")
    .option("--max-concurrent <count>", "requests worked on at once, per process (default: $MNEMO_MAX_CONCURRENT or 16)")
    .option("--max-queued <count>", "requests that may wait their turn, per process; more get 503 (default: $MNEMO_MAX_QUEUED or 1024)")
    .option("--queue-timeout <ms>", "longest wait for a turn before a 503 (default: $MNEMO_QUEUE_TIMEOUT_MS or 5000)")
    .option(
      "--max-database-mb <mb>",
      "largest size of the database file; writes past it get 507 STORE_FULL (default: $MNEMO_MAX_DATABASE_MB or none)",
    )
    .action(async (flags: ServeFlags) => {
      const host = flags.host ?? environmentValue("MNEMO_HOST") ?? serveDefaults.host;
      const port = parsePort(flags.port ?? environmentValue("MNEMO_PORT") ?? String(serveDefaults.port));
      const rateLimitText = flags.rateLimit ?? environmentValue("MNEMO_RATE_LIMIT");
      const rateLimit = rateLimitText === undefined ? undefined : parseRateLimit(rateLimitText);
      const workers = parseWorkerCount(flags.workers ?? environmentValue("MNEMO_WORKERS") ?? "1");
      const admission = parseAdmissionSettings({
        maxConcurrent: flags.maxConcurrent ?? environmentValue("MNEMO_MAX_CONCURRENT"),
        maxQueued: flags.maxQueued ?? environmentValue("MNEMO_MAX_QUEUED"),
        queueTimeoutMs: flags.queueTimeout ?? environmentValue("MNEMO_QUEUE_TIMEOUT_MS"),
      });
      const maxDatabaseBytes = parseMaxDatabaseBytes(flags.maxDatabaseMb ?? environmentValue("MNEMO_MAX_DATABASE_MB"));
      const path = databasePath(context);
      // A worker of `--workers N` was forked by a primary that has already checked.
      if (cluster.isPrimary && !isLoopbackHost(host) && !(await keysExist(path))) {
        throw new MnemoError({
          code: "INPUT_INVALID",
          message:
            `Refusing to listen on ${host}: only loopback addresses (127.0.0.1, ::1, localhost) are allowed until API keys are configured, ` +
            "and this database has no API keys. Anyone who can reach a non-loopback address could read and delete every memory. " +
            "Create one with `mnemo keys create --tenant <tenant> --scopes read,write`, or listen on 127.0.0.1.",
          details: { host },
        });
      }
      const logger = createStderrLogger({ name: "mnemo-serve" });
      if (workers > 1 && cluster.isPrimary) {
        // Migrate and register the embedder once, before the workers open the file side by side.
        await (await createMemory({ path })).close();
        const signal = waitForShutdownSignal();
        const group = await startServeCluster({ workers, logger });
        process.stderr.write(
          `mnemo: listening on ${group.url} with ${workers} workers (REST ${group.url}/v1 · MCP ${group.url}/mcp · docs ${group.url}/docs)\n`,
        );
        const received = await signal;
        logger.info({ signal: received }, "shutting-down");
        await group.stop();
        logger.info({}, "stopped");
        return;
      }
      const principal = createDefaultPrincipal({ tenantId: context.globals().tenant });
      const store = createSqliteStore({ path, ...(maxDatabaseBytes === undefined ? {} : { maxDatabaseBytes }) });
      const memory = await createMemory({ store }).catch(async (error: unknown) => {
        await store.close();
        throw error;
      });
      let access: AccessStore | undefined;
      try {
        access = createSqliteAccessStore({ path });
        const apiKeys = createApiKeys({ access });
        const hub = createMemoryHub({ memory, store, access });
        const app = createHttpApp({
          memory,
          logger,
          apiKeys,
          hub,
          admission,
          resolvePrincipal: createApiKeyResolver({ apiKeys, fallback: principal }),
          ...(rateLimit === undefined ? {} : { rateLimit }),
        });
        const signal = waitForShutdownSignal();
        const server = await startHttpServer({ fetch: app.fetch, host, port }).catch((error: unknown) => {
          throw new MnemoError({
            code: "INPUT_INVALID",
            message: `Cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`,
            details: { host, port },
            cause: error,
          });
        });
        announceListening(server.url);
        if (cluster.isPrimary)
          process.stderr.write(
            `mnemo: listening on ${server.url} (REST ${server.url}/v1 · MCP ${server.url}/mcp · docs ${server.url}/docs)\n`,
          );
        logger.info({ url: server.url, tenantId: principal.tenantId, apiKeys: await apiKeys.configured() }, "listening");
        const received = await signal;
        logger.info({ signal: received }, "shutting-down");
        await server.close({ graceMs: 10_000 });
      } finally {
        await access?.close();
        await memory.close();
      }
      logger.info({}, "stopped");
      // A worker's channel to the primary would keep it alive.
      if (cluster.isWorker) process.disconnect();
    });
}
