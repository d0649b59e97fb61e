import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import { createMemory } from "../../create-memory.js";
import { createHttpApp } from "../http/create-http-app.js";
import type { Principal } from "../http/principal.js";
import { type HttpServerHandle, startHttpServer } from "../http/start-http-server.js";

let memory: Memory;
let server: HttpServerHandle;

const principals: Record<string, Principal> = {
  writer: { tenantId: "tenant-a", agentId: "planner", scopes: ["read", "write"] },
  reader: { tenantId: "tenant-a", scopes: ["read"] },
  other: { tenantId: "tenant-b", scopes: ["read", "write"] },
};

function textOf(result: unknown): string {
  const content = (result as CallToolResult).content[0];
  return content?.type === "text" ? content.text : "";
}

async function connect(key: string): Promise<Client> {
  const client = new Client({ name: "mnemo-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${key}` } } }),
  );
  return client;
}

beforeAll(async () => {
  memory = await createMemory({ path: ":memory:" });
  const app = createHttpApp({
    memory,
    resolvePrincipal: (context) => principals[context.req.header("authorization")?.replace(/^Bearer /, "") ?? ""],
  });
  server = await startHttpServer({ fetch: app.fetch, host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await server.close();
  await memory.close();
});

describe("MCP over streamable HTTP (real server on loopback, official SDK client)", () => {
  it("runs the tools confined to the principal's tenant and scopes", async () => {
    const writer = await connect("writer");
    const added = await writer.callTool({ name: "add_memory", arguments: { text: "My sister Ana lives in Madrid", userId: "u1" } });
    expect(added.isError).toBeFalsy();
    const id = JSON.parse(textOf(added)).results[0].id as string;
    const found = JSON.parse(
      textOf(await writer.callTool({ name: "search_memory", arguments: { query: "Where does Ana live?", userId: "u1" } })),
    );
    expect(found.results[0].id).toBe(id);
    const history = JSON.parse(textOf(await writer.callTool({ name: "memory_history", arguments: { id } })));
    expect(history.results[0].actor).toBe("planner");
    await writer.close();

    // Read-only credentials are offered only the read tools.
    const reader = await connect("reader");
    const { tools } = await reader.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["get_memory", "list_memories", "memory_history", "search_memory"]);
    expect(JSON.parse(textOf(await reader.callTool({ name: "get_memory", arguments: { id } }))).id).toBe(id);
    await reader.close();

    // Another tenant cannot see or touch it: 404-style tool errors, no existence oracle.
    const other = await connect("other");
    const hidden = await other.callTool({ name: "get_memory", arguments: { id } });
    expect(hidden.isError).toBe(true);
    expect(textOf(hidden)).toMatch(/^MEMORY_NOT_FOUND: /);
    const removed = await other.callTool({ name: "delete_memory", arguments: { id } });
    expect(textOf(removed)).toMatch(/^MEMORY_NOT_FOUND: /);
    expect(JSON.parse(textOf(await other.callTool({ name: "search_memory", arguments: { query: "Ana Madrid" } }))).results).toEqual([]);
    await other.close();
    expect((await memory.get(id, { tenantId: "tenant-a" })).memory).toContain("Madrid");
  });

  it("refuses unauthenticated requests and the stateless endpoint's GET", async () => {
    const anonymous = await fetch(`${server.url}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(anonymous.status).toBe(401);
    const get = await fetch(`${server.url}/mcp`, { headers: { authorization: "Bearer writer", accept: "text/event-stream" } });
    expect(get.status).toBe(405);
  });
});
