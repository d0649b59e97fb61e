import { afterEach, beforeEach, describe, expect, it } from "vitest";
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
import { createMemoryHub } from "../../core/hub/memory-hub.js";
import { createMemory } from "../../create-memory.js";
import type { AccessStore } from "../../ports/access-store.js";
import { createHttpApp } from "./create-http-app.js";

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON answers, checked field by field.
type Loose = any;

let memory: Memory;
let access: AccessStore;
let apiKeys: ApiKeys;
let app: ReturnType<typeof createHttpApp>;

beforeEach(async () => {
  const store = createSqliteStore({ path: ":memory:" });
  memory = await createMemory({ store });
  access = createSqliteAccessStore({ path: ":memory:" });
  apiKeys = createApiKeys({ access });
  app = createHttpApp({ memory, apiKeys, hub: createMemoryHub({ memory, store, access }), rateLimit: false });
});
afterEach(async () => {
  await memory.close();
  await access.close();
});

async function call(key: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Loose }> {
  const response = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
}

async function ok(key: string, method: string, path: string, body?: unknown): Promise<Loose> {
  const response = await call(key, method, path, body);
  if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function agentKey(tenantId: string, agentId: string, scopes: Array<"read" | "write" | "admin"> = ["read", "write"]) {
  return (await apiKeys.create({ tenantId, agentId, scopes })).key;
}

describe("hub REST routes with agent-bound keys", () => {
  it("registers agents, grants, searches with authors, shares for a task, reports conflicts and audits", async () => {
    const admin = (await apiKeys.create({ tenantId: "acme", scopes: ["admin"] })).key;
    const consulting = await agentKey("acme", "consulting");
    const afterSales = await agentKey("acme", "after-sales");
    const marketing = await agentKey("acme", "marketing");

    expect((await call(consulting, "POST", "/v1/hub/agents", { agentId: "x", role: "peer" })).status).toBe(403);
    await ok(admin, "POST", "/v1/hub/agents", { agentId: "consulting", role: "peer" });
    expect((await ok(consulting, "GET", "/v1/hub/agents")).results).toHaveLength(1);

    const allergy = (
      await ok(consulting, "POST", "/v1/hub/memories", {
        userId: "u1",
        text: "The user is allergic to peanuts",
        metadata: { tags: ["diet"] },
      })
    ).results[0].id;
    await ok(consulting, "POST", "/v1/hub/memories", { userId: "u1", text: "The user's favourite band is Radiohead" });

    // Acting as another agent is refused; tenant-wide credentials must name the agent.
    expect((await call(afterSales, "POST", "/v1/hub/grants", { ownerAgentId: "consulting", granteeAgentId: "after-sales" })).status).toBe(
      403,
    );
    expect((await call(admin, "POST", "/v1/hub/search", { userId: "u1", query: "peanuts" })).status).toBe(400);

    const grant = await ok(consulting, "POST", "/v1/hub/grants", { granteeAgentId: "after-sales", tags: ["diet"] });
    expect(grant).toMatchObject({ ownerAgentId: "consulting", granteeAgentId: "after-sales", tags: ["diet"] });
    expect((await ok(afterSales, "GET", "/v1/hub/grants")).results.map((item: Loose) => item.id)).toEqual([grant.id]);
    expect((await ok(marketing, "GET", "/v1/hub/grants")).results).toEqual([]);

    const found = await ok(afterSales, "POST", "/v1/hub/search", { userId: "u1", query: "peanuts" });
    expect(found.results.map((result: Loose) => [result.id, result.agentId, result.via])).toEqual([[allergy, "consulting", "grant"]]);
    expect((await ok(marketing, "POST", "/v1/hub/search", { userId: "u1", query: "peanuts" })).results).toEqual([]);
    expect((await ok(admin, "POST", "/v1/hub/search", { agentId: "after-sales", userId: "u1", query: "peanuts" })).results).toHaveLength(1);

    const shared = await ok(afterSales, "POST", "/v1/hub/share", { userId: "u1", task: "Choose a peanut snack for the user" });
    expect(shared.results.map((result: Loose) => result.id)).toEqual([allergy]);

    const added = await ok(afterSales, "POST", "/v1/hub/memories", {
      userId: "u1",
      text: "Recommended the Thai peanut satay kit to the user",
    });
    expect(added.conflicts).toEqual([
      expect.objectContaining({ memoryId: allergy, agentId: "consulting", text: "The user is allergic to peanuts" }),
    ]);
    const chinese = await ok(consulting, "POST", "/v1/hub/memories", {
      userId: "u2",
      text: "患者青霉素过敏",
      metadata: { tags: ["diet"] },
    });
    expect(chinese.conflicts).toEqual([]);
    const prescribed = await ok(afterSales, "POST", "/v1/hub/memories", { userId: "u2", text: "给患者开了青霉素" });
    expect(prescribed.conflicts).toEqual([expect.objectContaining({ memoryId: chinese.results[0].id, term: "青霉素" })]);

    // Writing into another agent's space needs its write grant: 403 otherwise.
    const intrusion = await call(afterSales, "POST", "/v1/hub/memories", { userId: "u1", ownerAgentId: "consulting", text: "x" });
    expect(intrusion.status).toBe(403);
    expect(intrusion.body.error.code).toBe("SCOPE_FORBIDDEN");

    const audit = await ok(consulting, "GET", "/v1/hub/audit");
    expect(audit.results.map((entry: Loose) => entry.action)).toEqual(expect.arrayContaining(["search", "share", "conflict-check"]));
    expect(audit.results.every((entry: Loose) => entry.ownerAgentId === "consulting" || entry.readerAgentId === "consulting")).toBe(true);
    expect((await ok(marketing, "GET", "/v1/hub/audit")).results).toEqual([]);

    // Revocation: by a stranger 404, by the owner 200; then nothing is visible.
    expect((await call(marketing, "DELETE", `/v1/hub/grants/${grant.id}`)).body.error.code).toBe("GRANT_NOT_FOUND");
    expect((await ok(consulting, "DELETE", `/v1/hub/grants/${grant.id}`)).revokedAt).toEqual(expect.any(String));
    expect(
      (await ok(afterSales, "POST", "/v1/hub/search", { userId: "u1", query: "peanuts" })).results.map((result: Loose) => result.agentId),
    ).toEqual(["after-sales"]);
  });

  it("confines /v1/memories and /mem0 to what an agent-bound key may see", async () => {
    const planner = await agentKey("acme", "planner");
    const booker = await agentKey("acme", "booker");
    const tenantWide = (await apiKeys.create({ tenantId: "acme", scopes: ["read", "write"] })).key;
    const mine = (await ok(planner, "POST", "/v1/memories", { text: "Planner knows the user likes Porto", userId: "u1", infer: false }))
      .results[0].id;
    const shared = (
      await ok(tenantWide, "POST", "/v1/memories", { text: "Everyone knows the user likes Porto", userId: "u1", infer: false })
    ).results[0].id;
    expect((await ok(tenantWide, "GET", `/v1/memories/${mine}`)).agentId).toBe("planner");
    expect((await call(booker, "GET", `/v1/memories/${mine}`)).status).toBe(404);
    expect((await call(booker, "PATCH", `/v1/memories/${mine}`, { text: "x" })).status).toBe(404);
    expect((await call(booker, "DELETE", `/mem0/v1/memories/${mine}/`)).status).toBe(404);
    expect((await call(booker, "DELETE", `/v1/memories/${shared}`)).status).toBe(404);
    expect((await ok(booker, "GET", "/v1/memories?userId=u1")).results.map((item: Loose) => item.id)).toEqual([shared]);
    const search = await ok(booker, "POST", "/v1/memories/search", { query: "Porto", userId: "u1" });
    expect(search.results.map((result: Loose) => [result.id, result.agentId])).toEqual([[shared, null]]);
    expect((await call(booker, "POST", "/v1/memories", { text: "x", userId: "u1", agentId: "planner" })).status).toBe(400);
    const booked = await ok(booker, "POST", "/v1/memories", { text: "Booker note", userId: "u1", infer: false });
    expect((await ok(tenantWide, "GET", `/v1/memories/${booked.results[0].id}`)).agentId).toBe("booker");
  });
});

describe("OpenAPI document with keys and the hub", () => {
  it("lists the key and hub routes, with resolvable references and path parameters matching the templates", async () => {
    const admin = (await apiKeys.create({ tenantId: "acme", scopes: ["admin"] })).key;
    const document = await ok(admin, "GET", "/openapi.json");
    const operations = Object.entries(document.paths as Loose).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        "POST /v1/keys",
        "GET /v1/keys",
        "DELETE /v1/keys/{id}",
        "POST /v1/hub/agents",
        "GET /v1/hub/agents",
        "POST /v1/hub/grants",
        "GET /v1/hub/grants",
        "DELETE /v1/hub/grants/{id}",
        "GET /v1/hub/pools",
        "PUT /v1/hub/pools/{topic}/members/{agentId}",
        "DELETE /v1/hub/pools/{topic}/members/{agentId}",
        "POST /v1/hub/search",
        "POST /v1/hub/share",
        "POST /v1/hub/memories",
        "GET /v1/hub/audit",
      ]),
    );
    const problems: string[] = [];
    const resolve = (ref: string) =>
      ref
        .replace(/^#\//, "")
        .split("/")
        .reduce<Loose>((node, part) => node?.[part], document);
    const visit = (node: unknown) => {
      if (Array.isArray(node)) for (const item of node) visit(item);
      else if (typeof node === "object" && node !== null) {
        for (const [field, value] of Object.entries(node)) {
          if (field === "$ref" && (typeof value !== "string" || resolve(value) === undefined)) problems.push(`unresolved ${value}`);
          visit(value);
        }
      }
    };
    visit(document);
    for (const [path, item] of Object.entries<Loose>(document.paths)) {
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      for (const [method, operation] of Object.entries<Loose>(item)) {
        const declared = (operation.parameters ?? [])
          .filter((parameter: Loose) => parameter.in === "path")
          .map((parameter: Loose) => parameter.name);
        if (JSON.stringify(declared.sort()) !== JSON.stringify(templated)) problems.push(`${method} ${path}: path parameters ${declared}`);
        if (Object.keys(operation.responses ?? {}).length === 0) problems.push(`${method} ${path}: no responses`);
      }
    }
    expect(problems).toEqual([]);
    const addSchema = document.components.schemas.HubAddRequest;
    expect(addSchema.properties).not.toHaveProperty("tenantId");
    expect(addSchema.additionalProperties).toBe(false);
  });
});

describe("cross-tenant and cross-agent matrix (REST, app.request)", () => {
  it("0 leaks in 300 randomized operations across 2 tenants × 3 agents × 2 users", async () => {
    const keys = new Map<string, string>();
    for (const tenantId of matrixTenants) {
      const admin = (await apiKeys.create({ tenantId, scopes: ["admin"] })).key;
      keys.set(`${tenantId}|`, admin);
      for (const agentId of matrixAgents) {
        keys.set(`${tenantId}|${agentId}`, await agentKey(tenantId, agentId));
        const supervisorId = matrixSupervisors[agentId];
        await ok(admin, "POST", "/v1/hub/agents", {
          agentId,
          role: agentId === "lead" ? "supervisor" : supervisorId === undefined ? "peer" : "worker",
          ...(supervisorId === undefined ? {} : { supervisorId }),
        });
      }
    }
    const keyOf = (tenantId: string, agentId: string) => keys.get(`${tenantId}|${agentId}`) ?? "";
    const found = async (key: string, method: string, path: string): Promise<boolean> => {
      const response = await call(key, method, path);
      if (response.status === 200) return true;
      if (response.status === 404 && ["MEMORY_NOT_FOUND", "GRANT_NOT_FOUND"].includes(response.body.error.code)) return false;
      throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`);
    };
    let searches = 0;
    const driver: MatrixDriver = {
      async add(input) {
        const body = await ok(keyOf(input.tenantId, input.agentId), "POST", "/v1/memories", {
          text: input.text,
          userId: input.userId,
          infer: false,
          metadata: { tags: input.tags },
        });
        return { id: body.results[0].id, episodeIds: body.episodes.map((episode: Loose) => episode.id) };
      },
      async search(input) {
        const key = keyOf(input.tenantId, input.agentId);
        searches += 1;
        if (input.agentId !== "" && searches % 2 === 0) {
          const body = await ok(key, "POST", "/v1/hub/search", { userId: input.userId, query: input.query });
          return body.results.map((result: Loose) => ({ id: result.id, agentId: result.agentId }));
        }
        const body = await ok(key, "POST", "/v1/memories/search", { userId: input.userId, query: input.query });
        const hits: Array<{ id: string; agentId: string | null }> = [];
        for (const result of body.results as Loose[]) {
          if (input.agentId !== "") hits.push({ id: result.id, agentId: result.agentId });
          else if (result.type !== "episode")
            hits.push({ id: result.id, agentId: (await ok(key, "GET", `/v1/memories/${result.id}`)).agentId ?? null });
        }
        return hits;
      },
      async list(input) {
        const body = await ok(keyOf(input.tenantId, input.agentId), "GET", `/v1/memories?userId=${input.userId}&limit=1000`);
        return body.results.map((item: Loose) => item.id);
      },
      get: (input) => found(keyOf(input.tenantId, input.agentId), "GET", `/v1/memories/${input.id}`),
      delete: (input) => found(keyOf(input.tenantId, input.agentId), "DELETE", `/v1/memories/${input.id}`),
      async grant(input) {
        const { tenantId, ownerAgentId, ...grant } = input;
        return (await ok(keyOf(tenantId, ownerAgentId), "POST", "/v1/hub/grants", grant)).id;
      },
      revoke: (input) => found(keyOf(input.tenantId, input.agentId), "DELETE", `/v1/hub/grants/${input.grantId}`),
      async joinPool(input) {
        await ok(keyOf(input.tenantId, ""), "PUT", `/v1/hub/pools/${input.topic}/members/${input.agentId}`);
      },
      async leavePool(input) {
        await ok(keyOf(input.tenantId, ""), "DELETE", `/v1/hub/pools/${input.topic}/members/${input.agentId}`);
      },
    };
    const report = await runAccessMatrix({ driver, operations: 300, seed: 5150 });
    expect(report.leaks, `${report.leaks.length} leaks in ${report.operations} randomized operations`).toEqual([]);
    expect(report.operations).toBe(300);
    expect(report.visibleHits).toBeGreaterThan(20);
    expect(report.crossAgentHits).toBeGreaterThan(0);
    expect(report.crossTenantAttempts).toBeGreaterThan(10);
  });
});
