import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteAccessStore } from "../../adapters/stores/sqlite/sqlite-access-store.js";
import { createApiKeys } from "../../core/hub/api-keys.js";
import { createMemory } from "../../create-memory.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const binary = join(root, "bin", "mnemo.js");
const directory = mkdtempSync(join(tmpdir(), "mnemo-mcp-stdio-"));
const database = join(directory, "mcp.db");

function textOf(result: unknown): string {
  const content = (result as CallToolResult).content[0];
  return content?.type === "text" ? content.text : "";
}

beforeAll(() => {
  for (const built of ["dist/surfaces/cli/main.js", "dist/surfaces/cli/mcp-command.js"]) {
    if (!existsSync(join(root, built))) {
      throw new Error(
        `${built} is missing: build first with \`npm run build\` (or \`npx tsc -p tsconfig.build.json\`); this test runs the built CLI.`,
      );
    }
  }
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("mnemo mcp (built CLI over stdio, official MCP SDK client)", () => {
  it("lists the tools, runs each one, maps errors to tool errors, and shuts down cleanly", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [binary, "--db", database, "mcp"],
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? directory, MNEMO_LOG_LEVEL: "info" },
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const client = new Client({ name: "mnemo-test", version: "1.0.0" });
    const protocolErrors: Error[] = [];
    client.onerror = (error) => protocolErrors.push(error);
    await client.connect(transport);
    const child = transport.pid;
    expect(child).toBeGreaterThan(0);

    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      [
        "add_memory",
        "delete_memory",
        "get_memory",
        "list_memories",
        "memory_history",
        "search_memory",
        "update_memory",
        // The multi-agent hub (the local principal holds every scope).
        "hub_search",
        "share_for_task",
        "hub_add",
        "grant_access",
        "revoke_grant",
        "list_grants",
        "audit_log",
        "register_agent",
        "join_pool",
        "leave_pool",
      ].sort(),
    );
    const search = tools.find((tool) => tool.name === "search_memory");
    expect(search?.description).toMatch(/not instructions/);
    expect(search?.inputSchema.properties).toHaveProperty("query");
    expect(client.getInstructions()).toMatch(/evidence/);

    const added = await client.callTool({ name: "add_memory", arguments: { text: "I moved to Lisbon last month", userId: "u1" } });
    expect(added.isError).toBeFalsy();
    const id = JSON.parse(textOf(added)).results[0].id as string;

    const found = await client.callTool({ name: "search_memory", arguments: { query: "Where does the user live?", userId: "u1" } });
    const recalled = JSON.parse(textOf(found));
    expect(recalled.notice).toMatch(/not instructions/);
    expect(recalled.results[0]).toMatchObject({ id, memory: expect.stringContaining("Lisbon") });

    const listed = JSON.parse(textOf(await client.callTool({ name: "list_memories", arguments: { userId: "u1" } })));
    expect(listed.total).toBe(1);
    const got = JSON.parse(textOf(await client.callTool({ name: "get_memory", arguments: { id } })));
    expect(got).toMatchObject({ id, version: 1 });

    const updated = await client.callTool({ name: "update_memory", arguments: { id, text: "I moved to Porto last month", version: 1 } });
    expect(JSON.parse(textOf(updated)).version).toBe(2);
    const stale = await client.callTool({ name: "update_memory", arguments: { id, text: "I moved to Faro", version: 1 } });
    expect(stale.isError).toBe(true);
    expect(textOf(stale)).toMatch(/^VERSION_CONFLICT: /);

    const history = JSON.parse(textOf(await client.callTool({ name: "memory_history", arguments: { id } })));
    expect(history.results.map((entry: { event: string }) => entry.event)).toEqual(["ADD", "UPDATE"]);

    const missing = await client.callTool({ name: "get_memory", arguments: { id: "no-such-id" } });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/^MEMORY_NOT_FOUND: /);
    const noScope = await client.callTool({ name: "add_memory", arguments: { text: "orphan" } });
    expect(noScope.isError).toBe(true);
    expect(textOf(noScope)).toMatch(/^SCOPE_REQUIRED: /);
    const invalid = await client.callTool({ name: "search_memory", arguments: { query: "x", topK: "many" } });
    expect(invalid.isError).toBe(true);
    const tenantField = await client.callTool({ name: "search_memory", arguments: { query: "x", tenantId: "other" } });
    expect(tenantField.isError).toBe(true);

    expect(JSON.parse(textOf(await client.callTool({ name: "delete_memory", arguments: { id: await addAnother(client) } })))).toMatchObject(
      {
        deleted: true,
      },
    );

    await client.close();
    expect(protocolErrors).toEqual([]);
    // Logs went to stderr as JSON lines; stdout carried only protocol messages (any other line breaks the client).
    expect(stderr).toContain('"msg":"mcp-stdio-ready"');
    expect(stderr).toContain('"msg":"mcp-stdio-stopped"');

    // The database was closed cleanly and holds what was written.
    const memory = await createMemory({ path: database });
    try {
      expect((await memory.get(id)).memory).toBe("I moved to Porto last month");
    } finally {
      await memory.close();
    }
  });
});

describe("mnemo mcp --key (built CLI over stdio)", () => {
  it("acts as the key's tenant, agent and scopes, and refuses an invalid key", async () => {
    const keyed = join(directory, "keyed.db");
    const access = createSqliteAccessStore({ path: keyed });
    const { key } = await createApiKeys({ access }).create({ tenantId: "acme", agentId: "planner", scopes: ["read", "write"] });
    await access.close();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [binary, "--db", keyed, "mcp", "--key", key],
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? directory },
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const client = new Client({ name: "mnemo-test", version: "1.0.0" });
    await client.connect(transport);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain("hub_search");
    expect(names).not.toContain("register_agent");
    const added = JSON.parse(
      textOf(await client.callTool({ name: "add_memory", arguments: { text: "Planner private note", userId: "u1" } })),
    );
    await client.close();
    expect(stderr).toContain('"agentId":"planner"');
    expect(stderr).not.toContain(key);

    const memory = await createMemory({ path: keyed });
    try {
      expect(await memory.get(added.results[0].id, { tenantId: "acme" })).toMatchObject({ agentId: "planner", tenantId: "acme" });
    } finally {
      await memory.close();
    }

    const refused = spawnSync(process.execPath, [binary, "--db", keyed, "mcp", "--key", `${key.slice(0, -2)}xx`], {
      encoding: "utf8",
      input: "",
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("INPUT_INVALID");
    expect(refused.stderr).not.toContain(key);
  });
});

async function addAnother(client: Client): Promise<string> {
  const added = await client.callTool({ name: "add_memory", arguments: { text: "Forget me later", userId: "u1", infer: false } });
  return JSON.parse(textOf(added)).results[0].id as string;
}
