import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Command } from "commander";
import { createDefaultPrincipal } from "../http/principal.js";
import { createStderrLogger } from "../http/stderr-logger.js";
import { createMcpServer } from "../mcp/create-mcp-server.js";
import type { CliContext } from "./cli-context.js";

/**
 * Registers `mnemo mcp`: an MCP server over stdio for agent hosts (Claude Desktop, Cursor, …). Stdout carries
 * only protocol messages; logs go to stderr. It stops when stdin closes or on SIGTERM/SIGINT, closing the
 * database cleanly.
 *
 * @example
 * registerMcpCommand(program, context); // then: { "command": "npx", "args": ["mnemo", "--db", "/path/mnemo.db", "mcp"] }
 */
export function registerMcpCommand(program: Command, context: CliContext): void {
  program
    .command("mcp")
    .description("serve MCP over stdio (stdout carries only protocol messages; logs go to stderr)")
    .action(async () => {
      const logger = createStderrLogger({ name: "mnemo-mcp" });
      const principal = createDefaultPrincipal({ tenantId: context.globals().tenant });
      const memory = await context.openMemory();
      const cleanups: Array<() => void> = [];
      try {
        const server = createMcpServer({ memory, principal, logger });
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
        logger.info({ tenantId: principal.tenantId }, "mcp-stdio-ready");
        const reason = await stopped;
        logger.info({ reason }, "mcp-stdio-stopping");
        await server.close();
      } finally {
        for (const cleanup of cleanups) cleanup();
        await memory.close();
      }
      logger.info({}, "mcp-stdio-stopped");
    });
}
