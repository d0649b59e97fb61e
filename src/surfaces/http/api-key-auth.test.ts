import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSqliteAccessStore } from "../../adapters/stores/sqlite/sqlite-access-store.js";
import { createSqliteStore } from "../../adapters/stores/sqlite/sqlite-store.js";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import { type ApiKeys, createApiKeys, parseApiKey } from "../../core/hub/api-keys.js";
import { createMemoryHub } from "../../core/hub/memory-hub.js";
import { createMemory } from "../../create-memory.js";
import type { AccessStore } from "../../ports/access-store.js";
import { credentialsOf } from "./api-key-auth.js";
import { createHttpApp, type HttpAppOptions } from "./create-http-app.js";
import { createRateLimiter, parseRateLimit } from "./rate-limit.js";
import { isLoopbackHost, startHttpServer } from "./start-http-server.js";

/** The secret part of a key (it may itself contain "_"). */
const secretOf = (key: string): string => parseApiKey(key)?.secret ?? "unparsable key";

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON answers, checked field by field.
type Loose = any;

let memory: Memory;
let access: AccessStore;
let apiKeys: ApiKeys;
let logged: string[];
let app: ReturnType<typeof createHttpApp>;

async function makeApp(options: Partial<HttpAppOptions> = {}) {
  const store = createSqliteStore({ path: ":memory:" });
  memory = await createMemory({ store });
  access = createSqliteAccessStore({ path: ":memory:" });
  apiKeys = createApiKeys({ access });
  logged = [];
  const record = (object: Record<string, unknown>, message?: string) => logged.push(JSON.stringify({ ...object, message }));
  const hub = createMemoryHub({ memory, store, access });
  app = createHttpApp({ memory, apiKeys, hub, logger: { debug: record, info: record, warn: record, error: record }, ...options });
}

async function call(key: string | undefined, method: string, path: string, body?: unknown, scheme = "Bearer") {
  const response = await app.request(path, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(key === undefined ? {} : { authorization: `${scheme} ${key}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: Loose;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed, headers: response.headers, text };
}

beforeEach(async () => {
  await makeApp();
});
afterEach(async () => {
  await memory.close();
  await access.close();
});

describe("API keys on the HTTP app (app.request)", () => {
  it("serves the local principal while no key exists; once one does, every route but /healthz needs a key", async () => {
    expect((await call(undefined, "POST", "/v1/memories", { text: "Local note", userId: "u1" })).status).toBe(200);
    expect((await call(undefined, "GET", "/metrics")).status).toBe(200);
    expect((await call(undefined, "GET", "/openapi.json")).status).toBe(200);

    const { key: admin } = await apiKeys.create({ tenantId: "tenant-a", scopes: ["admin"] });
    for (const path of ["/v1/memories", "/v1/stats", "/mem0/v1/ping/", "/metrics", "/openapi.json", "/docs", "/v1/keys", "/nowhere"]) {
      const refused = await call(undefined, "GET", path);
      expect(refused.status, path).toBe(401);
      expect(refused.body?.error?.code, path).toBe("UNAUTHENTICATED");
      expect(refused.headers.get("www-authenticate")).toContain("Bearer");
    }
    expect((await call(undefined, "GET", "/healthz")).status).toBe(200);
    const mcp = await app.request("/mcp", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(mcp.status).toBe(401);

    const wrong = `${admin.slice(0, -4)}AAAA`;
    for (const bad of [wrong, "mnemo_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not-a-key", ""]) {
      expect((await call(bad, "GET", "/v1/memories")).body?.error?.code).toBe("UNAUTHENTICATED");
    }
    expect((await call(admin, "GET", "/v1/memories")).status).toBe(200);
    expect((await call(admin, "GET", "/openapi.json")).status).toBe(200);
    expect((await call(admin, "GET", "/docs")).status).toBe(200);
    // mem0's clients send "Authorization: Token <key>".
    expect((await call(admin, "GET", "/mem0/v1/ping/", undefined, "Token")).status).toBe(200);
    // The local memory of tenant "default" is not visible to tenant-a.
    expect((await call(admin, "GET", "/v1/memories")).body?.total).toBe(0);
  });

  it("manages keys through admin routes, per tenant: create (secret shown once), list, revoke; 403 without admin; 404 across tenants", async () => {
    const { key: adminA } = await apiKeys.create({ tenantId: "tenant-a", scopes: ["admin"] });
    const { key: adminB, record: recordB } = await apiKeys.create({ tenantId: "tenant-b", scopes: ["admin"] });

    const created = await call(adminA, "POST", "/v1/keys", { scopes: ["read", "write"], agentId: "planner", name: "planner" });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^mnemo_[0-9a-f]{16}_/);
    expect(created.body.record).toMatchObject({ tenantId: "tenant-a", agentId: "planner", scopes: ["read", "write"] });
    const writer = created.body.key as string;
    // A body naming a tenant is refused (the tenant comes from the credentials).
    expect((await call(adminA, "POST", "/v1/keys", { scopes: ["read"], tenantId: "tenant-b" })).status).toBe(400);
    expect((await call(adminA, "POST", "/v1/keys", { scopes: ["root"] })).status).toBe(400);

    const listed = await call(adminA, "GET", "/v1/keys");
    expect(listed.body.results.map((key: Loose) => key.tenantId)).toEqual(["tenant-a", "tenant-a"]);
    expect(listed.text).not.toContain(secretOf(writer));
    expect(listed.text).not.toMatch(/secret|hash/i);
    expect(listed.text).not.toContain(recordB.id);

    // Scopes: a read/write key may not manage keys.
    const forbidden = await call(writer, "POST", "/v1/keys", { scopes: ["admin"] });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("SCOPE_FORBIDDEN");
    expect((await call(writer, "GET", "/metrics")).status).toBe(403);

    // Another tenant's key id answers 404 and stays valid.
    const foreign = await call(adminA, "DELETE", `/v1/keys/${recordB.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("KEY_NOT_FOUND");
    expect((await call(adminB, "GET", "/v1/keys")).status).toBe(200);

    const revoked = await call(adminA, "DELETE", `/v1/keys/${created.body.record.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await call(writer, "GET", "/v1/memories")).status).toBe(401);

    // Keys are never logged.
    expect(logged.length).toBeGreaterThan(0);
    const logs = logged.join("\n");
    for (const key of [adminA, adminB, writer]) {
      expect(logs).not.toContain(key);
      expect(logs).not.toContain(secretOf(key));
    }
  });

  it("enforces scopes: 403 for a missing scope, answers other tenants' ids with 404", async () => {
    const { key: reader } = await apiKeys.create({ tenantId: "tenant-a", scopes: ["read"] });
    const { key: writerA } = await apiKeys.create({ tenantId: "tenant-a", scopes: ["read", "write"] });
    const { key: writerB } = await apiKeys.create({ tenantId: "tenant-b", scopes: ["read", "write"] });
    const refused = await call(reader, "POST", "/v1/memories", { text: "x", userId: "u1" });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "SCOPE_FORBIDDEN", details: { scope: "write" } });

    const added = await call(writerA, "POST", "/v1/memories", { text: "Tenant A knows the launch code word is heron", userId: "u1" });
    const id = added.body.results[0].id as string;
    for (const [method, path, body] of [
      ["GET", `/v1/memories/${id}`, undefined],
      ["PATCH", `/v1/memories/${id}`, { text: "hijacked" }],
      ["DELETE", `/v1/memories/${id}`, undefined],
      ["GET", `/v1/memories/${id}/history`, undefined],
      ["GET", `/mem0/v1/memories/${id}/`, undefined],
    ] as const) {
      const response = await call(writerB, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error.code).toBe("MEMORY_NOT_FOUND");
    }
    expect((await call(writerB, "POST", "/v1/memories/search", { query: "launch code heron" })).body.results).toEqual([]);
    expect((await call(reader, "GET", `/v1/memories/${id}`)).body.memory).toContain("heron");
  });

  it("limits each key with a token bucket: 429 with Retry-After, never 5xx, other keys unaffected", async () => {
    await memory.close();
    await access.close();
    await makeApp({ rateLimit: { ratePerSecond: 0.5, burst: 2 } });
    const { key: noisy } = await apiKeys.create({ tenantId: "tenant-a", scopes: ["read"] });
    const { key: quiet } = await apiKeys.create({ tenantId: "tenant-b", scopes: ["read"] });
    expect((await call(noisy, "GET", "/v1/stats")).status).toBe(200);
    expect((await call(noisy, "GET", "/v1/stats")).status).toBe(200);
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      const limited = await call(noisy, "GET", "/v1/stats");
      statuses.push(limited.status);
      expect(limited.body.error.code).toBe("RATE_LIMITED");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(limited.body.error.details.retryAfterSeconds).toBe(Number(limited.headers.get("retry-after")));
    }
    expect(statuses).toEqual([429, 429, 429, 429, 429]);
    expect((await call(quiet, "GET", "/v1/stats")).status).toBe(200);
    expect((await call(undefined, "GET", "/healthz")).status).toBe(200);
  });

  it("parses rate limits and refills buckets over time", () => {
    expect(parseRateLimit("100/s")).toEqual({ ratePerSecond: 100, burst: 200 });
    expect(parseRateLimit("600/min:20")).toEqual({ ratePerSecond: 10, burst: 20 });
    expect(parseRateLimit("off")).toBe(false);
    expect(() => parseRateLimit("fast")).toThrow(/Rate limit/);
    // A unit that is a member of every object is no unit.
    expect(() => parseRateLimit("10/constructor")).toThrow(/Rate limit "10\/constructor"/);
    let now = 0;
    const limiter = createRateLimiter({ ratePerSecond: 2, burst: 1 }, { now: () => now });
    expect(limiter.take("k")).toEqual({ allowed: true });
    expect(limiter.take("k")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 500;
    expect(limiter.take("k")).toEqual({ allowed: true });
    expect(credentialsOf("Bearer abc")).toBe("abc");
    expect(credentialsOf("token abc")).toBe("abc");
    expect(credentialsOf("Basic abc")).toBeUndefined();
  });
});

describe("mem0's MemoryClient with a Mnemo API key (real loopback server)", () => {
  const mem0Directory = mkdtempSync(join(tmpdir(), "mnemo-mem0-key-"));
  afterAll(() => rmSync(mem0Directory, { recursive: true, force: true }));

  it("authenticates with the Token header mem0 sends, confined to the key's tenant", async () => {
    process.env.MEM0_TELEMETRY = "false";
    process.env.MEM0_DIR = mem0Directory;
    const originalFetch = globalThis.fetch;
    globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
      if (!isLoopbackHost(url.hostname)) throw new Error(`blocked non-loopback request to ${url.host}`);
      return originalFetch(input, init);
    }) as typeof fetch;
    const server = await startHttpServer({ fetch: app.fetch, host: "127.0.0.1", port: 0 });
    try {
      const { MemoryClient } = await import("mem0ai");
      const { key } = await apiKeys.create({ tenantId: "tenant-m", scopes: ["read", "write"] });
      const client = new MemoryClient({ apiKey: key, host: `${server.url}/mem0` });
      await client.ping();
      await client.add([{ role: "user", content: "I am allergic to peanuts" }], { userId: "alice", infer: false });
      const found = (await client.search("peanuts", { filters: { user_id: "alice" } })) as unknown as Array<{ memory: string }>;
      expect(found[0]?.memory ?? JSON.stringify(found)).toContain("peanuts");
      expect((await memory.getAll({ tenantId: "tenant-m", userId: "alice" })).total).toBe(1);
      const stranger = await fetch(`${server.url}/mem0/v1/ping/`, {
        headers: { authorization: "Token mnemo_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
      });
      expect(stranger.status).toBe(401);
    } finally {
      await server.close();
      globalThis.fetch = originalFetch;
    }
  });
});
