import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Command } from "commander";
import { createSqliteAccessStore } from "../../adapters/stores/sqlite/sqlite-access-store.js";
import { createSqliteStore } from "../../adapters/stores/sqlite/sqlite-store.js";
import { MnemoError } from "../../core/errors.js";
import { createApiKeys } from "../../core/hub/api-keys.js";
import { createMemoryHub } from "../../core/hub/memory-hub.js";
import { createMemory } from "../../create-memory.js";
import { createDefaultPrincipal, type Principal, principalOfKey } from "../http/principal.js";
import { createStderrLogger } from "../http/stderr-logger.js";
import { createMcpServer } from "../mcp/create-mcp-server.js";
import type { CliContext } from "./cli-context.js";
import { databasePath } from "./keys-command.js";

/**
 * Registers `mnemo mcp`: an MCP server over stdio for agent hosts (Claude Desktop, Cursor, …), with the memory
 * tools and the multi-agent hub tools. It acts as the local principal (the `--tenant`, every scope), or, with
 * `--key`, as that API key's tenant, agent and scopes. Stdout carries only protocol messages; logs go to
 * stderr. It stops when stdin closes or on SIGTERM/SIGINT, closing the database cleanly.
 *
 * @example
 * registerMcpCommand(program, context); // then: { "command": "npx", "args": ["mnemo", "--db", "/path/mnemo.db", "mcp", "--key", "mnemo_…"] }
 */
export function registerMcpCommand(program: Command, context: CliContext): void {
  program
    .command("mcp")
    .description("serve MCP over stdio (stdout carries only protocol messages; logs go to stderr)")
    .option("--key <key>", "act as this API key (its tenant, agent and scopes) instead of the local principal")
    .action(async (flags: { key?: string }) => {
      const logger = createStderrLogger({ name: "mnemo-mcp" });
      const path = databasePath(context);
      const access = createSqliteAccessStore({ path });
      let principal: Principal = createDefaultPrincipal({ tenantId: context.globals().tenant });
      if (flags.key !== undefined) {
        const key = await createApiKeys({ access }).authenticate(flags.key);
        if (key === undefined) {
          await access.close();
          throw new MnemoError({ code: "INPUT_INVALID", message: "The --key is unknown, malformed or revoked." });
        }
        principal = principalOfKey(key);
      }
      const store = createSqliteStore({ path });
      const memory = await createMemory({ store }).catch(async (error: unknown) => {
        await store.close();
        await access.close();
        throw error;
      });
      const cleanups: Array<() => void> = [];
      try {
        const hub = createMemoryHub({ memory, store, access });
        const server = createMcpServer({ memory, principal, logger, hub });
        const stopped = new Promise<string>((resolve) => {
          const on = (emitter: NodeJS.EventEmitter, event: string, reason: string) => {
            const listener = () => resolve(reason);
            emitter.once(event, listener);
            cleanups.push(() => emitter.off(event, listener));
          };
          on(process.stdin, "end", "stdin-ended");
          on(process.stdin, "close", "stdin-closed");
          on(process, "SIGTERM", "SIGTERM");
          on(process, "SIGINT", "SIGINT");
          server.server.onclose = () => resolve("transport-closed");
        });
        await server.connect(new StdioServerTransport());
        logger.info(
          { tenantId: principal.tenantId, ...(principal.agentId === undefined ? {} : { agentId: principal.agentId }) },
          "mcp-stdio-ready",
        );
        const reason = await stopped;
        logger.info({ reason }, "mcp-stdio-stopping");
        await server.close();
      } finally {
        for (const cleanup of cleanups) cleanup();
        await access.close();
        await memory.close();
      }
      logger.info({}, "mcp-stdio-stopped");
    });
}
