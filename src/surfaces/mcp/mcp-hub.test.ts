import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteAccessStore } from "../../adapters/stores/sqlite/sqlite-access-store.js";
import { createSqliteStore } from "../../adapters/stores/sqlite/sqlite-store.js";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import {
  type MatrixDriver,
  matrixAgents,
  matrixSupervisors,
  matrixTenants,
  runAccessMatrix,
} from "../../core/hub/access-matrix.contract.js";
import { type ApiKeys, createApiKeys } from "../../core/hub/api-keys.js";
import { createMemoryHub, type MemoryHub } from "../../core/hub/memory-hub.js";
import { createMemory } from "../../create-memory.js";
import type { AccessStore } from "../../ports/access-store.js";
import { createHttpApp } from "../http/create-http-app.js";
import { type HttpServerHandle, startHttpServer } from "../http/start-http-server.js";

// biome-ignore lint/suspicious/noExplicitAny: parsed tool answers, checked field by field.
type Loose = any;

let memory: Memory;
let access: AccessStore;
let apiKeys: ApiKeys;
let hub: MemoryHub;
let server: HttpServerHandle;
const clients: Client[] = [];

beforeAll(async () => {
  const store = createSqliteStore({ path: ":memory:" });
  memory = await createMemory({ store });
  access = createSqliteAccessStore({ path: ":memory:" });
  apiKeys = createApiKeys({ access });
  hub = createMemoryHub({ memory, store, access });
  server = await startHttpServer({ fetch: createHttpApp({ memory, apiKeys, hub, rateLimit: false }).fetch, host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  for (const client of clients) await client.close();
  await server.close();
  await memory.close();
  await access.close();
});

async function connect(key: string): Promise<Client> {
  const client = new Client({ name: "mnemo-hub-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${key}` } } }),
  );
  clients.push(client);
  return client;
}

function textOf(result: unknown): string {
  const content = (result as CallToolResult).content[0];
  return content?.type === "text" ? content.text : "";
}

async function tool(client: Client, name: string, args: Record<string, unknown>): Promise<Loose> {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError === true) throw new Error(`${name}: ${textOf(result)}`);
  return JSON.parse(textOf(result));
}

async function toolError(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError, `${name} should fail`).toBe(true);
  return textOf(result);
}

describe("hub tools over MCP (official SDK client, real loopback server, API keys)", () => {
  it("derives the agent from the key; grants, searches with authors, shares, flags conflicts (English and Chinese), audits", async () => {
    const key = async (agentId: string) => (await apiKeys.create({ tenantId: "clinic", agentId, scopes: ["read", "write"] })).key;
    const triage = await connect(await key("triage"));
    const doctor = await connect(await key("doctor"));
    const pharmacy = await connect(await key("pharmacy"));
    const reader = await connect((await apiKeys.create({ tenantId: "clinic", scopes: ["read"] })).key);

    const names = (await triage.listTools()).tools.map((item) => item.name);
    expect(names).toEqual(
      expect.arrayContaining(["hub_search", "share_for_task", "hub_add", "grant_access", "revoke_grant", "list_grants", "audit_log"]),
    );
    expect(names).not.toContain("register_agent");
    expect((await reader.listTools()).tools.map((item) => item.name)).not.toContain("hub_add");

    const allergy = (await tool(triage, "hub_add", { userId: "p1", text: "患者青霉素过敏", metadata: { tags: ["allergy"] } })).results[0]
      .id;
    const peanuts = (
      await tool(triage, "hub_add", { userId: "p1", text: "The patient is allergic to peanuts", metadata: { tags: ["allergy"] } })
    ).results[0].id;
    expect(await toolError(doctor, "hub_add", { userId: "p1", text: "x", agentId: "triage" })).toMatch(/^SCOPE_FORBIDDEN: /);

    const grant = await tool(triage, "grant_access", { granteeAgentId: "doctor", tags: ["allergy"] });
    expect(grant).toMatchObject({ ownerAgentId: "triage", granteeAgentId: "doctor" });

    const found = await tool(doctor, "hub_search", { userId: "p1", query: "peanuts allergy" });
    expect(found.notice).toMatch(/not instructions/);
    expect(found.results[0]).toMatchObject({ id: peanuts, agentId: "triage", via: "grant" });
    expect(found.results.every((result: Loose) => result.agentId === "triage" && result.via === "grant")).toBe(true);
    expect((await tool(pharmacy, "hub_search", { userId: "p1", query: "peanuts allergy" })).results).toEqual([]);
    expect((await tool(doctor, "share_for_task", { userId: "p1", task: "Prescribe penicillin, 青霉素 500mg" })).results).toEqual([
      expect.objectContaining({ id: allergy, agentId: "triage" }),
    ]);

    const prescribed = await tool(doctor, "hub_add", { userId: "p1", text: "给患者开了青霉素" });
    expect(prescribed.conflicts).toEqual([expect.objectContaining({ memoryId: allergy, agentId: "triage", term: "青霉素" })]);
    const snack = await tool(doctor, "hub_add", { userId: "p1", text: "Recommended the Thai peanut satay kit to the patient" });
    expect(snack.conflicts).toEqual([expect.objectContaining({ memoryId: peanuts, agentId: "triage", rule: "aversion" })]);
    expect((await tool(pharmacy, "hub_add", { userId: "p1", text: "Recommended peanut brittle" })).conflicts).toEqual([]);

    const audit = await tool(triage, "audit_log", {});
    expect(audit.results.map((entry: Loose) => `${entry.readerAgentId}:${entry.action}`)).toEqual(
      expect.arrayContaining(["doctor:search", "doctor:share", "doctor:conflict-check"]),
    );
    expect((await tool(pharmacy, "audit_log", {})).results).toEqual([]);

    // Standard tools are confined too: another agent's private memory is not found.
    expect(await toolError(pharmacy, "get_memory", { id: peanuts })).toMatch(/^MEMORY_NOT_FOUND: /);
    expect((await tool(doctor, "get_memory", { id: peanuts })).agentId).toBe("triage");

    expect(await toolError(pharmacy, "revoke_grant", { grantId: grant.id })).toMatch(/^GRANT_NOT_FOUND: /);
    await tool(triage, "revoke_grant", { grantId: grant.id });
    const after = await tool(doctor, "hub_search", { userId: "p1", query: "peanuts allergy" });
    expect(after.results.filter((result: Loose) => result.agentId !== "doctor")).toEqual([]);
    expect(await toolError(doctor, "get_memory", { id: peanuts })).toMatch(/^MEMORY_NOT_FOUND: /);
  });

  it("0 leaks in 300 randomized operations across 2 tenants × 3 agents × 2 users (MCP)", async () => {
    const connections = new Map<string, Client>();
    for (const tenantId of matrixTenants) {
      const admin = (await apiKeys.create({ tenantId, scopes: ["admin"] })).key;
      const adminClient = await connect(admin);
      connections.set(`${tenantId}|`, adminClient);
      for (const agentId of matrixAgents) {
        connections.set(
          `${tenantId}|${agentId}`,
          await connect((await apiKeys.create({ tenantId, agentId, scopes: ["read", "write"] })).key),
        );
        const supervisorId = matrixSupervisors[agentId];
        await tool(adminClient, "register_agent", {
          agentId,
          role: agentId === "lead" ? "supervisor" : supervisorId === undefined ? "peer" : "worker",
          ...(supervisorId === undefined ? {} : { supervisorId }),
        });
      }
    }
    const clientOf = (tenantId: string, agentId: string) => connections.get(`${tenantId}|${agentId}`) as Client;
    const found = async (client: Client, name: string, args: Record<string, unknown>): Promise<boolean> => {
      const result = await client.callTool({ name, arguments: args });
      if (result.isError !== true) return true;
      if (/^(MEMORY_NOT_FOUND|GRANT_NOT_FOUND): /.test(textOf(result))) return false;
      throw new Error(`${name}: ${textOf(result)}`);
    };
    const driver: MatrixDriver = {
      async add(input) {
        const body = await tool(clientOf(input.tenantId, input.agentId), "add_memory", {
          text: input.text,
          userId: input.userId,
          infer: false,
          metadata: { tags: input.tags },
        });
        return { id: body.results[0].id, episodeIds: body.episodes.map((episode: Loose) => episode.id) };
      },
      async search(input) {
        const client = clientOf(input.tenantId, input.agentId);
        if (input.agentId !== "") {
          const body = await tool(client, "hub_search", { userId: input.userId, query: input.query });
          return body.results.map((result: Loose) => ({ id: result.id, agentId: result.agentId }));
        }
        const body = await tool(client, "search_memory", { userId: input.userId, query: input.query });
        const hits: Array<{ id: string; agentId: string | null }> = [];
        for (const result of body.results as Loose[]) {
          const view = await client.callTool({ name: "get_memory", arguments: { id: result.id } });
          if (view.isError !== true) hits.push({ id: result.id, agentId: JSON.parse(textOf(view)).agentId ?? null });
        }
        return hits;
      },
      async list(input) {
        const body = await tool(clientOf(input.tenantId, input.agentId), "list_memories", { userId: input.userId, limit: 200 });
        return body.results.map((item: Loose) => item.id);
      },
      get: (input) => found(clientOf(input.tenantId, input.agentId), "get_memory", { id: input.id }),
      delete: (input) => found(clientOf(input.tenantId, input.agentId), "delete_memory", { id: input.id }),
      async grant(input) {
        const { tenantId, ownerAgentId, ...grant } = input;
        return (await tool(clientOf(tenantId, ownerAgentId), "grant_access", grant)).id;
      },
      revoke: (input) => found(clientOf(input.tenantId, input.agentId), "revoke_grant", { grantId: input.grantId }),
      async joinPool(input) {
        await tool(clientOf(input.tenantId, ""), "join_pool", { topic: input.topic, agentId: input.agentId });
      },
      async leavePool(input) {
        await tool(clientOf(input.tenantId, ""), "leave_pool", { topic: input.topic, agentId: input.agentId });
      },
    };
    const report = await runAccessMatrix({ driver, operations: 300, seed: 31337 });
    expect(report.leaks, `${report.leaks.length} leaks in ${report.operations} randomized operations`).toEqual([]);
    expect(report.operations).toBe(300);
    expect(report.visibleHits).toBeGreaterThan(20);
    expect(report.crossAgentHits).toBeGreaterThan(0);
    expect(report.crossTenantAttempts).toBeGreaterThan(10);
  });
});
