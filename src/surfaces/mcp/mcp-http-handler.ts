import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import type { MemoryHub } from "../../core/hub/memory-hub.js";
import type { Logger } from "../../ports/logger.js";
import type { Principal } from "../http/principal.js";
import { createMcpServer } from "./create-mcp-server.js";

/**
 * Creates a handler for MCP over streamable HTTP in stateless mode: every POST gets a fresh server and
 * transport bound to the caller's principal, answered with JSON. GET and DELETE (server-initiated streams,
 * sessions) are answered 405, as stateless servers do.
 *
 * @example
 * const handle = createMcpHttpHandler({ memory });
 * app.all("/mcp", (c) => handle(c.req.raw, c.get("principal")));
 */
export function createMcpHttpHandler(options: {
  memory: Memory;
  logger?: Logger;
  /** Offer the hub tools and confine credentials bound to an agent to what it may see. */
  hub?: MemoryHub;
}): (request: Request, principal: Principal) => Promise<Response> {
  return async (request, principal) => {
    if (request.method !== "POST") {
      return Response.json(
        { jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed: this MCP endpoint is stateless (POST only)." }, id: null },
        { status: 405, headers: { Allow: "POST" } },
      );
    }
    const server = createMcpServer({
      memory: options.memory,
      principal,
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.hub === undefined ? {} : { hub: options.hub }),
    });
    // No sessionIdGenerator: stateless mode.
    const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
    await server.connect(transport);
    try {
      return await transport.handleRequest(request);
    } finally {
      await server.close();
    }
  };
}
