import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteAccessStore } from "../../adapters/stores/sqlite/sqlite-access-store.js";
import { createSqliteStore } from "../../adapters/stores/sqlite/sqlite-store.js";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import { createMemoryHub } from "../../core/hub/memory-hub.js";
import { createMemory } from "../../create-memory.js";
import type { AccessStore } from "../../ports/access-store.js";
import { createSchemaFuzzer } from "../../testing/schema-fuzzer.js";
import { createHttpApp } from "./create-http-app.js";

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document, walked generically.
type Loose = any;

/**
 * Schema-driven fuzzing of every documented route (RELIABILITY.md, "Bad input"): request bodies and query
 * parameters are generated from the app's own OpenAPI document, mostly well-typed, sometimes hostile (wrong
 * types, tokenizer control text, words that name members of every JavaScript object, impossible dates,
 * unknown fields). Every answer must be below 500, a refused /v1 request must carry a coded error, and a
 * refused write must leave the store as it was. A fixed seed keeps it deterministic. It found a query
 * containing "constructor" answering 500.
 */
const requests = 2_000;
const hostileStrings = [
  "",
  " ",
  "u1",
  "u2",
  "support",
  "constructor",
  "__proto__",
  "<|endoftext|>",
  "I moved to Lisbon last month",
  "My sister Anna moved to Madrid in May 2023",
  "我对花生过敏",
  "couple hour couple hour couple hour couple hour couple hour couple hour",
  "a".repeat(3_000),
  "\u0000",
  "💥",
  "2023-02-30",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
  "' OR 1=1 --",
  'NEAR("a" "b")',
  "*",
  "\\",
];
const hostileValues: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, 2 ** 53, [], {}, [1], { a: 1 }];

let memory: Memory;
let access: AccessStore;
let app: ReturnType<typeof createHttpApp>;

beforeAll(async () => {
  const store = createSqliteStore({ path: ":memory:" });
  memory = await createMemory({ store, recallCacheSize: 0 });
  access = createSqliteAccessStore({ path: ":memory:" });
  app = createHttpApp({ memory, hub: createMemoryHub({ memory, store, access }), rateLimit: false });
});
afterAll(async () => {
  await memory.close();
  await access.close();
});

async function counts() {
  const stats = await memory.stats();
  return { episodes: stats.episodes, memories: stats.memories, historyEntries: stats.historyEntries };
}

describe("every documented route under schema-driven fuzzing", () => {
  it(`answers ${requests} generated requests below 500, with coded refusals that write nothing`, async () => {
    const document: Loose = await (await app.request("/openapi.json")).json();
    // Real ids for the routes that take one, and a user some generated requests name.
    const seeded = await memory.add(["I moved to Lisbon last month", "My sister Anna is allergic to peanuts"].join(". "), { userId: "u1" });
    const ids: string[] = seeded.results.map((result) => result.id);
    const { pick, random, generate } = createSchemaFuzzer({
      seed: 20_261_124,
      strings: () => [...hostileStrings, ...ids],
      values: hostileValues,
      unknownFieldShare: 0.05,
      resolve: (reference) =>
        reference
          .split("/")
          .slice(1)
          .reduce((node: Loose, key) => node?.[key], document),
    });
    const operations: Array<{ path: string; method: string; operation: Loose }> = [];
    for (const [path, item] of Object.entries<Loose>(document.paths)) {
      for (const [method, operation] of Object.entries<Loose>(item)) operations.push({ path, method, operation });
    }
    expect(operations.length).toBeGreaterThan(20);

    const failures: string[] = [];
    let acceptedWrites = 0;
    for (let index = 0; index < requests; index += 1) {
      const { path, method, operation } = pick(operations);
      let url = path.replace(/\{\w+\}/g, () => encodeURIComponent(pick([...ids, "nope", "a".repeat(300)])));
      const query = (operation.parameters ?? [])
        .filter((parameter: Loose) => parameter.in === "query" && random() < 0.6)
        .map((parameter: Loose) => `${parameter.name}=${encodeURIComponent(String(generate(parameter.schema)))}`);
      if (query.length > 0) url += `?${query.join("&")}`;
      const schema = operation.requestBody?.content?.["application/json"]?.schema;
      const body = schema === undefined ? undefined : JSON.stringify(generate(schema));
      const writes = method !== "get";
      const before = writes ? await counts() : undefined;
      const response = await app.request(url, {
        method: method.toUpperCase(),
        ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body }),
      });
      const text = await response.text();
      const label = `${method.toUpperCase()} ${url} ${body?.slice(0, 200) ?? ""} → ${response.status} ${text.slice(0, 200)}`;
      if (response.status >= 500) failures.push(label);
      if (response.status >= 400 && response.status < 500) {
        if (path.startsWith("/v1") && typeof JSON.parse(text)?.error?.code !== "string") failures.push(`uncoded: ${label}`);
        if (before !== undefined && JSON.stringify(await counts()) !== JSON.stringify(before)) failures.push(`wrote: ${label}`);
      }
      if (writes && response.status < 300) acceptedWrites += 1;
      if (response.status === 200 && path === "/v1/memories" && method === "post") {
        for (const result of JSON.parse(text).results ?? []) ids.push(result.id);
      }
    }
    expect(failures).toEqual([]);
    // The generator reaches past validation: some writes were accepted.
    expect(acceptedWrites).toBeGreaterThan(10);
  });
});
