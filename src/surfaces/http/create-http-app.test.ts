import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import { createMemory } from "../../create-memory.js";
import { createHttpApp } from "./create-http-app.js";
import type { Principal } from "./principal.js";

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON answers, checked field by field.
type Loose = any;

let memory: Memory;
let app: ReturnType<typeof createHttpApp>;

const jsonHeaders = { "content-type": "application/json" };

async function call(method: string, path: string, body?: unknown, target = app) {
  const response = await target.request(path, {
    method,
    ...(body === undefined ? {} : { headers: jsonHeaders, body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as Loose), headers: response.headers };
}

async function counts() {
  const stats = await memory.stats();
  return { episodes: stats.episodes, memories: stats.memories, historyEntries: stats.historyEntries };
}

/** Runs a request that must be refused with `status` and `code`, and checks that it wrote nothing. */
async function expectRefused(request: () => Promise<{ status: number; body: Loose | undefined }>, status: number, code: string) {
  const before = await counts();
  const response = await request();
  expect(response.status).toBe(status);
  expect(response.body?.error?.code).toBe(code);
  expect(typeof response.body?.error?.message).toBe("string");
  expect(await counts()).toEqual(before);
  return response;
}

beforeAll(async () => {
  memory = await createMemory({ path: ":memory:" });
});
afterAll(async () => {
  await memory.close();
});
beforeEach(async () => {
  await memory.reset();
  app = createHttpApp({ memory });
});

describe("REST /v1 (app.request, no port)", () => {
  it("adds, searches, lists, gets, updates, shows history and deletes", async () => {
    const added = await call("POST", "/v1/memories", {
      text: "I moved to Lisbon last month",
      userId: "u1",
      sessionId: "s1",
      timestamp: "2024-05-08T13:56:00Z",
      metadata: { source: "chat" },
    });
    expect(added.status).toBe(200);
    expect(added.body?.results[0]).toMatchObject({ event: "ADD", memory: expect.stringContaining("Lisbon") });
    const id = added.body?.results[0].id as string;

    const fromMessages = await call("POST", "/v1/memories", {
      messages: [{ role: "user", content: "I am allergic to peanuts", name: "Lena", id: "turn-7" }],
      userId: "u1",
    });
    expect(fromMessages.status).toBe(200);
    expect(fromMessages.body?.episodes[0]).toMatchObject({ externalId: "turn-7" });

    const found = await call("POST", "/v1/memories/search", { query: "Where does the user live?", userId: "u1", topK: 2 });
    expect(found.status).toBe(200);
    expect(found.body?.results[0].id).toBe(id);
    expect(found.body?.results[0].why.length).toBeGreaterThan(0);

    const page = await call("GET", "/v1/memories?userId=u1&limit=1&offset=0");
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(page.body?.results).toHaveLength(1);
    const otherUser = await call("GET", "/v1/memories?userId=nobody");
    expect(otherUser.body?.total).toBe(0);

    const got = await call("GET", `/v1/memories/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, userId: "u1", sessionId: "s1", tenantId: "default", metadata: { source: "chat" } });

    const updated = await call("PATCH", `/v1/memories/${id}`, { text: "I moved to Porto last month", version: got.body?.version });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ memory: "I moved to Porto last month", version: (got.body?.version as number) + 1 });

    const history = await call("GET", `/v1/memories/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body?.results.map((entry: { event: string }) => entry.event)).toEqual(["ADD", "UPDATE"]);

    expect((await call("DELETE", `/v1/memories/${id}`)).body).toEqual({ id, deleted: true });
    expect((await call("GET", `/v1/memories/${id}`)).status).toBe(404);

    const stats = await call("GET", "/v1/stats");
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ activeMemories: 1, embedder: { modelId: expect.any(String) } });
  });

  it("filters the list by kind and status, and deletes a whole scope", async () => {
    await call("POST", "/v1/memories", { text: "I love green tea", userId: "u2", infer: false });
    await call("POST", "/v1/memories", { text: "We will fly to Rome next week", userId: "u2", infer: false });
    await call("POST", "/v1/memories", { text: "Keep me", userId: "u3", infer: false });
    const all = await call("GET", "/v1/memories?userId=u2");
    const kinds = new Set(all.body?.results.map((item: { kind: string }) => item.kind));
    const kind = [...kinds][0] as string;
    const filtered = await call("GET", `/v1/memories?userId=u2&kind=${kind}&status=active`);
    expect(filtered.status).toBe(200);
    expect(filtered.body?.results.every((item: { kind: string }) => item.kind === kind)).toBe(true);

    const deleted = await call("DELETE", "/v1/memories?userId=u2");
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ deletedMemories: 2, deletedEpisodes: 2 });
    expect((await call("GET", "/v1/memories?userId=u2")).body?.total).toBe(0);
    expect((await call("GET", "/v1/memories?userId=u3")).body?.total).toBe(1);
  });

  it("answers bad input with 400 INPUT_INVALID or SCOPE_REQUIRED and writes nothing", async () => {
    await expectRefused(() => call("POST", "/v1/memories", '{"text": "truncated'), 400, "INPUT_INVALID");
    await expectRefused(() => call("POST", "/v1/memories", "[1, 2"), 400, "INPUT_INVALID");
    const unknown = await expectRefused(
      () => call("POST", "/v1/memories", { text: "x", userId: "u1", colour: "red" }),
      400,
      "INPUT_INVALID",
    );
    expect(JSON.stringify(unknown.body?.error.details)).toContain("colour");
    // The tenant comes from the credentials: a body naming one is an unknown field.
    await expectRefused(() => call("POST", "/v1/memories", { text: "x", userId: "u1", tenantId: "other" }), 400, "INPUT_INVALID");
    await expectRefused(() => call("POST", "/v1/memories", '{"text":"x","userId":"u1","__proto__":{"admin":true}}'), 400, "INPUT_INVALID");
    await expectRefused(
      () => call("POST", "/v1/memories", { text: "x", messages: [{ role: "user", content: "y" }], userId: "u1" }),
      400,
      "INPUT_INVALID",
    );
    await expectRefused(() => call("POST", "/v1/memories", { userId: "u1" }), 400, "INPUT_INVALID");
    await expectRefused(() => call("POST", "/v1/memories", { text: "orphan text" }), 400, "SCOPE_REQUIRED");
    await expectRefused(() => call("POST", "/v1/memories", { text: "x", userId: "u1", timestamp: "yesterday" }), 400, "INPUT_INVALID");
    await expectRefused(() => call("POST", "/v1/memories", { text: "x", userId: "bad\u0000id" }), 400, "INPUT_INVALID");
    await expectRefused(() => call("POST", "/v1/memories/search", { query: "", userId: "u1" }), 400, "INPUT_INVALID");
    await expectRefused(() => call("POST", "/v1/memories/search", { query: "x", topK: 100_000 }), 400, "INPUT_INVALID");
    await expectRefused(() => call("GET", "/v1/memories?limit=abc"), 400, "INPUT_INVALID");
    await expectRefused(() => call("GET", "/v1/memories?colour=red"), 400, "INPUT_INVALID");
    await expectRefused(() => call("GET", "/v1/memories?kind=gossip"), 400, "INPUT_INVALID");
    await expectRefused(() => call("DELETE", "/v1/memories"), 400, "INPUT_INVALID");
    const invalidUtf8 = new Uint8Array([
      ...new TextEncoder().encode('{"text":"caf'),
      0xff,
      0xfe,
      ...new TextEncoder().encode('","userId":"u1"}'),
    ]);
    await expectRefused(() => send(app, "/v1/memories", { method: "POST", headers: jsonHeaders, body: invalidUtf8 }), 400, "INPUT_INVALID");
    const nested = `${"[".repeat(5_000)}${"]".repeat(5_000)}`;
    await expectRefused(() => call("POST", "/v1/memories", nested), 400, "INPUT_INVALID");
    // Metadata nested deeper than 16 levels (at 1,000 SQLite refused it as STORE_FAILED; at 5,000 a stack overflow
    // escaped uncoded).
    for (const depth of [17, 1_000, 5_000]) {
      const metadata = `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
      await expectRefused(() => call("POST", "/v1/memories", `{"text":"x","userId":"u1","metadata":${metadata}}`), 400, "INPUT_INVALID");
    }
    expect((await call("POST", "/v1/memories", { text: "nested metadata", userId: "u9", metadata: { a: { b: { c: 1 } } } })).status).toBe(
      200,
    );
    await expectRefused(
      () => send(app, "/v1/memories", { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });

  it("refuses bodies over the limit with 413 before reading them, and writes nothing", async () => {
    const small = createHttpApp({ memory, limits: { maxBodyBytes: 1_024 } });
    const body = JSON.stringify({ text: "a".repeat(2_000), userId: "u1" });
    // Declared length over the limit.
    await expectRefused(
      () => send(small, "/v1/memories", { method: "POST", headers: { ...jsonHeaders, "content-length": String(body.length) }, body }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    // No declared length: the streamed bytes are counted.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < 4; index += 1) controller.enqueue(new TextEncoder().encode(body.slice(index * 500, (index + 1) * 500)));
        controller.close();
      },
    });
    await expectRefused(
      () => send(small, "/v1/memories", { method: "POST", headers: jsonHeaders, body: stream, duplex: "half" } as RequestInit),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    // The default limit is 1 MiB.
    const huge = JSON.stringify({ text: "b".repeat(1_100_000), userId: "u1" });
    await expectRefused(() => call("POST", "/v1/memories", huge), 413, "PAYLOAD_TOO_LARGE");
    // Under the limit passes.
    expect((await call("POST", "/v1/memories", { text: "short enough", userId: "u1" }, small)).status).toBe(200);
  });

  it("answers unknown ids with 404 and stale versions with 409, writing nothing", async () => {
    for (const [method, path, body] of [
      ["GET", "/v1/memories/no-such-id", undefined],
      ["PATCH", "/v1/memories/no-such-id", { text: "new" }],
      ["DELETE", "/v1/memories/no-such-id", undefined],
      ["GET", "/v1/memories/no-such-id/history", undefined],
    ] as const) {
      const refused = await expectRefused(() => call(method, path, body), 404, "MEMORY_NOT_FOUND");
      expect(refused.body?.error.details).toEqual({ id: "no-such-id" });
    }
    const added = await call("POST", "/v1/memories", { text: "My cat is called Miso", userId: "u1" });
    const id = added.body?.results[0].id as string;
    await call("PATCH", `/v1/memories/${id}`, { text: "My cat is called Mochi", version: 1 });
    const conflict = await expectRefused(
      () => call("PATCH", `/v1/memories/${id}`, { text: "My cat is called Tofu", version: 1 }),
      409,
      "VERSION_CONFLICT",
    );
    expect(conflict.body?.error.details).toMatchObject({ currentVersion: 2 });
    expect((await call("GET", `/v1/memories/${id}`)).body?.memory).toBe("My cat is called Mochi");
    await expectRefused(() => call("PATCH", `/v1/memories/${id}`, {}), 400, "INPUT_INVALID");
    await expectRefused(() => call("GET", "/v1/nothing-here"), 404, "ROUTE_NOT_FOUND");
  });

  it("takes the tenant and scopes from the principal", async () => {
    const principals: Record<string, Principal> = {
      "key-a": { tenantId: "tenant-a", agentId: "planner", scopes: ["read", "write"] },
      "key-b": { tenantId: "tenant-b", scopes: ["read", "write"] },
      "key-reader": { tenantId: "tenant-a", scopes: ["read"] },
    };
    const keyed = createHttpApp({
      memory,
      resolvePrincipal: (context) => principals[context.req.header("authorization")?.replace(/^Bearer /, "") ?? ""],
    });
    const as = (key: string | undefined, method: string, path: string, body?: unknown) =>
      send(keyed, path, {
        method,
        headers: { ...jsonHeaders, ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    const added = await as("key-a", "POST", "/v1/memories", { text: "Tenant A secret plan", userId: "u1" });
    expect(added.status).toBe(200);
    const id = added.body?.results[0].id as string;
    expect((await as("key-a", "GET", `/v1/memories/${id}`)).body).toMatchObject({ tenantId: "tenant-a" });
    expect((await as("key-a", "GET", `/v1/memories/${id}/history`)).body?.results[0].actor).toBe("planner");
    // Another tenant sees nothing and gets 404, not 403 (no existence oracle).
    await expectRefused(() => as("key-b", "GET", `/v1/memories/${id}`), 404, "MEMORY_NOT_FOUND");
    await expectRefused(() => as("key-b", "PATCH", `/v1/memories/${id}`, { text: "hijacked" }), 404, "MEMORY_NOT_FOUND");
    await expectRefused(() => as("key-b", "DELETE", `/v1/memories/${id}`), 404, "MEMORY_NOT_FOUND");
    expect((await as("key-b", "POST", "/v1/memories/search", { query: "secret plan" })).body?.results).toEqual([]);
    expect((await as("key-b", "GET", "/v1/memories")).body?.total).toBe(0);
    await expectRefused(() => as("key-reader", "POST", "/v1/memories", { text: "x", userId: "u1" }), 403, "SCOPE_FORBIDDEN");
    expect((await as("key-reader", "GET", `/v1/memories/${id}`)).status).toBe(200);
    await expectRefused(() => as(undefined, "GET", "/v1/memories"), 401, "UNAUTHENTICATED");
    await expectRefused(() => as("wrong", "POST", "/v1/memories", { text: "x", userId: "u1" }), 401, "UNAUTHENTICATED");
    // Operations endpoints need no principal.
    expect((await as(undefined, "GET", "/healthz")).body).toEqual({ status: "ok" });
  });

  it("answers internal failures with 500 INTERNAL without leaking their message, and logs them", async () => {
    const logged: Array<Record<string, unknown>> = [];
    const failing = { ...memory, search: async () => Promise.reject(new Error("disk exploded at /secret/path")) } as Memory;
    const broken = createHttpApp({
      memory: failing,
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: (object) => logged.push(object) },
    });
    const response = await send(broken, "/v1/memories/search", {
      method: "POST",
      headers: jsonHeaders,
      body: JSON.stringify({ query: "x" }),
    });
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ error: { code: "INTERNAL", message: "Internal error." } });
    expect(JSON.stringify(logged)).toContain("disk exploded");
  });

  it("serves an OpenAPI 3.1 document listing every route, and an HTML reference without scripts", async () => {
    const response = await call("GET", "/openapi.json");
    expect(response.status).toBe(200);
    const document = response.body as Loose;
    expect(validateOpenApi31(document)).toEqual([]);
    const operations = Object.entries(document.paths as Loose).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        "POST /v1/memories",
        "POST /v1/memories/search",
        "GET /v1/memories",
        "DELETE /v1/memories",
        "GET /v1/memories/{id}",
        "PATCH /v1/memories/{id}",
        "DELETE /v1/memories/{id}",
        "GET /v1/memories/{id}/history",
        "GET /v1/stats",
        "GET /healthz",
        "GET /metrics",
        "POST /mcp",
        "GET /mem0/v1/ping/",
        "POST /mem0/v3/memories/add/",
        "POST /mem0/v3/memories/search/",
        "POST /mem0/v3/memories/",
        "GET /mem0/v1/memories/{memory_id}/",
        "PUT /mem0/v1/memories/{memory_id}/",
        "DELETE /mem0/v1/memories/{memory_id}/",
        "DELETE /mem0/v1/memories/",
        "GET /mem0/v1/memories/{memory_id}/history/",
      ].sort(),
    );
    const addBody = document.paths["/v1/memories"].post.requestBody.content["application/json"].schema;
    const addSchema = addBody.$ref === undefined ? addBody : document.components.schemas[addBody.$ref.split("/").at(-1)];
    expect(Object.keys(addSchema.properties)).toEqual(
      expect.arrayContaining(["messages", "text", "userId", "agentId", "sessionId", "metadata", "timestamp", "infer"]),
    );
    expect(addSchema.properties).not.toHaveProperty("tenantId");
    expect(addSchema.additionalProperties).toBe(false);

    const docs = await app.request("/docs");
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toContain("text/html");
    const html = await docs.text();
    expect(html).not.toMatch(/<script|https?:\/\/(?!127\.)/i);
    for (const path of ["/v1/memories/search", "/v1/memories/{id}/history", "/mem0/v3/memories/add/", "/healthz"])
      expect(html).toContain(path);
    expect(html).toContain("topK");
  });

  it("exposes Prometheus metrics with request counts, latency, errors by code and memory counts", async () => {
    await call("POST", "/v1/memories", { text: "I like jazz", userId: "u1" });
    await call("GET", "/v1/memories/missing-id");
    await call("POST", "/v1/memories", "{oops");
    await call("GET", "/v1/stats");
    const response = await app.request("/metrics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain('mnemo_http_requests_total{method="POST",route="/v1/memories",status="200"} 1');
    expect(text).toContain('mnemo_http_requests_total{method="GET",route="/v1/memories/:id",status="404"} 1');
    expect(text).toContain('mnemo_http_requests_total{method="POST",route="/v1/memories",status="400"} 1');
    expect(text).toMatch(/mnemo_http_request_duration_seconds_bucket\{method="GET",route="\/v1\/stats",le="\+Inf"\} 1/);
    expect(text).toContain('mnemo_http_errors_total{code="MEMORY_NOT_FOUND"} 1');
    expect(text).toContain('mnemo_http_errors_total{code="INPUT_INVALID"} 1');
    expect(text).toMatch(/mnemo_memories\{status="active"\} [1-9]/);
    for (const line of text.trim().split("\n"))
      expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? [-+.\deE]+|\w+(\{[^}]*\})? \+?Inf)$/);
  });
});

async function send(target: ReturnType<typeof createHttpApp>, path: string, init: RequestInit) {
  const response = await target.request(path, init);
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as Loose) };
}

/**
 * Structural checks of an OpenAPI 3.1 document (the parts a generator can get wrong): version, info, every
 * operation has responses, path templates match required path parameters, every `$ref` resolves.
 */
function validateOpenApi31(document: Loose): string[] {
  const problems: string[] = [];
  if (!/^3\.1\.\d+$/.test(String(document.openapi))) problems.push(`openapi is ${document.openapi}`);
  if (typeof document.info?.title !== "string" || typeof document.info?.version !== "string") problems.push("info.title/version missing");
  if (typeof document.paths !== "object") problems.push("paths missing");
  const resolve = (ref: string) =>
    ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<Loose>((node, key) => node?.[key], document);
  const visit = (node: unknown, where: string) => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, `${where}/${index}`);
    } else if (typeof node === "object" && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && (typeof value !== "string" || resolve(value) === undefined))
          problems.push(`${where}: unresolved $ref ${value}`);
        visit(value, `${where}/${key}`);
      }
    }
  };
  visit(document, "#");
  for (const [path, item] of Object.entries<Loose>(document.paths ?? {})) {
    if (!path.startsWith("/")) problems.push(`${path}: does not start with /`);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    for (const [method, operation] of Object.entries<Loose>(item)) {
      if (!["get", "put", "post", "delete", "options", "head", "patch", "trace"].includes(method))
        problems.push(`${path}: bad method ${method}`);
      if (typeof operation.responses !== "object" || Object.keys(operation.responses).length === 0)
        problems.push(`${method} ${path}: no responses`);
      for (const [status, response] of Object.entries<Loose>(operation.responses ?? {})) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) problems.push(`${method} ${path}: bad status ${status}`);
        if (typeof response.description !== "string") problems.push(`${method} ${path} ${status}: no description`);
      }
      const parameters: Loose[] = operation.parameters ?? [];
      for (const parameter of parameters) {
        if (typeof parameter.name !== "string" || !["query", "header", "path", "cookie"].includes(parameter.in))
          problems.push(`${method} ${path}: bad parameter`);
        if (parameter.in === "path" && parameter.required !== true)
          problems.push(`${method} ${path}: path parameter ${parameter.name} not required`);
      }
      const pathParameters = parameters.filter((parameter) => parameter.in === "path").map((parameter) => parameter.name);
      if (JSON.stringify([...pathParameters].sort()) !== JSON.stringify([...templated].sort())) {
        problems.push(`${method} ${path}: path parameters ${pathParameters} do not match the template`);
      }
    }
  }
  return problems;
}
