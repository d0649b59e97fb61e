import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteAccessStore } from "../../adapters/stores/sqlite/sqlite-access-store.js";
import { createSqliteStore } from "../../adapters/stores/sqlite/sqlite-store.js";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import { createMemoryHub } from "../../core/hub/memory-hub.js";
import { createMemory } from "../../create-memory.js";
import type { AccessStore } from "../../ports/access-store.js";
import { createSchemaFuzzer } from "../../testing/schema-fuzzer.js";
import { createDefaultPrincipal } from "../http/principal.js";
import { createMcpServer } from "./create-mcp-server.js";

/**
 * Schema-driven fuzzing of every MCP tool (RELIABILITY.md, "Bad input"): arguments are generated from each
 * tool's own input schema, mostly well-typed, sometimes hostile. Every tool error must lead with a stable code
 * (or be the SDK's own argument validation), none may be INTERNAL or STORE_FAILED, and a refused call must leave
 * the memories as they were. A fixed seed keeps it deterministic.
 */
const calls = 1_500;
const hostileStrings = [
  "",
  "u1",
  "support",
  "consulting",
  "constructor",
  "<|endoftext|>",
  "I moved to Lisbon last month",
  "用户对花生过敏",
  "Try the peanut cookies",
  "couple hour couple hour couple hour couple hour couple hour couple hour",
  "a".repeat(3_000),
  "\u0000",
  "2023-02-30",
  "2024-05-08T13:56:00Z",
  "*",
  "read",
  "write",
  "fact",
];
const hostileValues: unknown[] = [null, true, 0, -1, 1e9, 1.5, [], {}, ["x"], { a: 1 }];

let memory: Memory;
let access: AccessStore;
let client: Client;

beforeAll(async () => {
  const store = createSqliteStore({ path: ":memory:" });
  memory = await createMemory({ store, recallCacheSize: 0 });
  access = createSqliteAccessStore({ path: ":memory:" });
  const server = createMcpServer({ memory, principal: createDefaultPrincipal(), hub: createMemoryHub({ memory, store, access }) });
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: "mnemo-mcp-fuzz", version: "1.0.0" });
  await client.connect(clientSide);
});
afterAll(async () => {
  await client.close();
  await memory.close();
  await access.close();
});

describe("every MCP tool under schema-driven fuzzing", () => {
  it(`answers ${calls} generated calls with results or coded errors, and refusals write nothing`, async () => {
    const ids: string[] = [];
    const { pick, generate } = createSchemaFuzzer({
      seed: 20_261_124,
      strings: () => [...hostileStrings, ...ids],
      values: hostileValues,
      hostileShare: 0.07,
    });
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(10);
    const counts = async () => JSON.stringify(await memory.stats());
    const failures: string[] = [];
    let succeeded = 0;
    for (let index = 0; index < calls; index += 1) {
      const tool = pick(tools);
      const generated = generate(tool.inputSchema);
      const args = typeof generated === "object" && generated !== null && !Array.isArray(generated) ? generated : {};
      const before = await counts();
      const result = (await client.callTool({ name: tool.name, arguments: args as Record<string, unknown> })) as CallToolResult;
      const first = result.content[0];
      const text = first?.type === "text" ? first.text : "";
      const label = `${tool.name} ${JSON.stringify(args).slice(0, 200)} → ${text.slice(0, 200)}`;
      if (result.isError === true) {
        if (!/^[A-Z_]+: /.test(text) && !/^MCP error -32602/.test(text)) failures.push(`uncoded: ${label}`);
        if (/^(?:INTERNAL|STORE_FAILED):/.test(text)) failures.push(label);
        if ((await counts()) !== before) failures.push(`wrote: ${label}`);
      } else {
        succeeded += 1;
        if (tool.name === "add_memory") for (const added of JSON.parse(text).results ?? []) ids.push(added.id);
      }
    }
    expect(failures).toEqual([]);
    // The generator gets past validation: many calls succeed.
    expect(succeeded).toBeGreaterThan(calls / 10);
  });
});
