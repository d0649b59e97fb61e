import type { Command } from "commander";
import { MnemoError } from "../../core/errors.js";
import { createHttpApp } from "../http/create-http-app.js";
import { createDefaultPrincipal } from "../http/principal.js";
import { isLoopbackHost, startHttpServer } from "../http/start-http-server.js";
import { createStderrLogger } from "../http/stderr-logger.js";
import type { CliContext } from "./cli-context.js";

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

/**
 * Registers `mnemo serve`: the REST API (`/v1`, mem0-compatible `/mem0`), MCP over streamable HTTP (`/mcp`),
 * `/openapi.json`, `/docs`, `/healthz` and `/metrics`, with JSON logs on stderr and a graceful shutdown on
 * SIGTERM/SIGINT (stop accepting, finish in-flight requests, close the database, exit 0).
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
    .action(async (flags: { host?: string; port?: string }) => {
      const host = flags.host ?? environmentValue("MNEMO_HOST") ?? serveDefaults.host;
      const port = parsePort(flags.port ?? environmentValue("MNEMO_PORT") ?? String(serveDefaults.port));
      if (!isLoopbackHost(host)) {
        throw new MnemoError({
          code: "INPUT_INVALID",
          message:
            `Refusing to listen on ${host}: only loopback addresses (127.0.0.1, ::1, localhost) are allowed until API keys are configured, ` +
            "and this version has no API keys yet. Anyone who can reach a non-loopback address could read and delete every memory. " +
            "Listen on 127.0.0.1, or put an authenticating reverse proxy in front of it.",
          details: { host },
        });
      }
      const logger = createStderrLogger({ name: "mnemo-serve" });
      const principal = createDefaultPrincipal({ tenantId: context.globals().tenant });
      const memory = await context.openMemory();
      try {
        const app = createHttpApp({ memory, logger, resolvePrincipal: () => principal });
        const signal = waitForShutdownSignal();
        const server = await startHttpServer({ fetch: app.fetch, host, port }).catch((error: unknown) => {
          throw new MnemoError({
            code: "INPUT_INVALID",
            message: `Cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`,
            details: { host, port },
            cause: error,
          });
        });
        process.stderr.write(
          `mnemo: listening on ${server.url} (REST ${server.url}/v1 · MCP ${server.url}/mcp · docs ${server.url}/docs)\n`,
        );
        logger.info({ url: server.url, tenantId: principal.tenantId }, "listening");
        const received = await signal;
        logger.info({ signal: received }, "shutting-down");
        await server.close({ graceMs: 10_000 });
      } finally {
        await memory.close();
      }
      logger.info({}, "stopped");
    });
}
