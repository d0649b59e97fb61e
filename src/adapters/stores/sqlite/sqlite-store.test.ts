import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { MnemoError } from "../../../core/errors.js";
import { createMemory } from "../../../create-memory.js";
import { defineStoreContract } from "../../../testing/define-store-contract.js";
import { migrations } from "./migrations.js";
import { durablePragmas, openDatabase, readPragmas } from "./open-database.js";
import { createSqliteStore } from "./sqlite-store.js";

const directory = mkdtempSync(join(tmpdir(), "mnemo-sqlite-"));
let counter = 0;
afterAll(() => rmSync(directory, { recursive: true, force: true }));

defineStoreContract({
  name: "sqlite (file)",
  makeStore: async () => {
    counter += 1;
    return createSqliteStore({ path: join(directory, `contract-${counter}.db`) });
  },
});

describe("sqlite connection profile", () => {
  it("opens every connection with WAL, synchronous=FULL, foreign keys and a busy timeout", () => {
    const database = openDatabase({ path: join(directory, "pragmas.db") });
    expect(database.pragma("journal_mode", { simple: true })).toBe(durablePragmas.journal_mode);
    expect(database.pragma("synchronous", { simple: true })).toBe(2);
    expect(database.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(database.pragma("busy_timeout", { simple: true })).toBeGreaterThanOrEqual(5000);
    expect(database.pragma("cache_size", { simple: true })).toBe(readPragmas.cache_size);
    expect(database.pragma("user_version", { simple: true })).toBe(migrations.at(-1)?.version);
    database.close();
  });

  it("finds a user's latest episode through an index, without sorting the user's episodes", () => {
    const database = openDatabase({ path: join(directory, "latest.db") });
    const plan = database
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM episodes e WHERE e.tenant_id = ? AND e.user_id = ? ORDER BY e.seq DESC LIMIT 1")
      .all("t", "u") as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join("\n")).toMatch(/USING INDEX episodes_latest/);
    expect(plan.map((step) => step.detail).join("\n")).not.toMatch(/TEMP B-TREE/);
    database.close();
  });

  it("refuses a database written by a newer schema", () => {
    const path = join(directory, "newer.db");
    const raw = new Database(path);
    raw.pragma("user_version = 999");
    raw.close();
    expect(() => openDatabase({ path })).toThrowError(MnemoError);
    try {
      openDatabase({ path });
    } catch (error) {
      expect(MnemoError.isInstance(error) && error.code).toBe("STORE_SCHEMA_NEWER");
    }
  });

  it("keeps episodes immutable", () => {
    const database = openDatabase({ path: join(directory, "immutable.db") });
    database
      .prepare(`INSERT INTO episodes (id, tenant_id, source_type, content, language, occurred_at, recorded_at, emotion_score, emotion_intensity, content_hash)
        VALUES ('e1', 't', 'message', 'hello', 'en', 'x', 'x', 50, 0, 'h')`)
      .run();
    expect(() => database.prepare("UPDATE episodes SET content = 'changed' WHERE id = 'e1'").run()).toThrow(/immutable/);
    database.close();
  });

  it("keeps the embedding model across reopen and refuses another one", async () => {
    const path = join(directory, "model.db");
    const first = createSqliteStore({ path });
    await first.prepareEmbeddings({ modelId: "model-a", dimensions: 8 });
    await first.close();
    const second = createSqliteStore({ path });
    await expect(second.prepareEmbeddings({ modelId: "model-b", dimensions: 8 })).rejects.toMatchObject({ code: "EMBEDDER_MISMATCH" });
    await second.prepareEmbeddings({ modelId: "model-a", dimensions: 8 });
    await second.close();
  });
});

describe("common words in large scopes", () => {
  const texts = [
    ...Array.from({ length: 40 }, (_, index) => `Morning coffee number ${index} at the kitchen table`),
    "Coffee with Ana in Lisbon after the conference",
  ];
  const hitsOf = async (options: { minimumRows: number; fraction: number }, path: string) => {
    const store = createSqliteStore({ path, commonTerms: options });
    const memory = await createMemory({ store });
    try {
      if ((await memory.getAll({ userId: "u1", limit: 1 })).total === 0) {
        await memory.add(
          texts.map((content) => ({ role: "user" as const, content })),
          { userId: "u1", infer: false },
        );
      }
      // The store's keyword channel itself (recall later drops hits far below the best one).
      const hits = await store.searchKeyword({
        scope: { tenantId: "default", userId: "u1" },
        filters: {},
        matchExpression: '"coffee" OR "lisbon"',
        limit: 100,
      });
      return hits.length;
    } finally {
      await memory.close();
    }
  };

  it("leaves out of the keyword match a word found in most rows of a large scope, and keeps every word otherwise", async () => {
    const path = join(directory, "common-terms.db");
    // "coffee" is in all 41 memories: above the 20% share in a scope of at least 30 rows, it is left out.
    expect(await hitsOf({ minimumRows: 30, fraction: 0.2 }, path)).toBe(1);
    // The same scope under the size threshold, or with the share at 1: every word counts.
    expect(await hitsOf({ minimumRows: 100, fraction: 0.2 }, path)).toBe(41);
    expect(await hitsOf({ minimumRows: 30, fraction: 1 }, path)).toBe(41);
    // An AND (the near-duplicate probe) is never pruned.
    const store = createSqliteStore({ path, commonTerms: { minimumRows: 30, fraction: 0.2 } });
    const probe = await store.searchKeyword({
      scope: { tenantId: "default", userId: "u1" },
      filters: {},
      matchExpression: '"coffee" AND "kitchen"',
      limit: 100,
    });
    expect(probe).toHaveLength(40);
    await store.close();
  });

  it("notices a word becoming common after its count was remembered", async () => {
    const path = join(directory, "common-terms-later.db");
    const store = createSqliteStore({ path, commonTerms: { minimumRows: 30, fraction: 0.2 } });
    const memory = await createMemory({ store });
    const search = async () =>
      (
        await store.searchKeyword({
          scope: { tenantId: "default", userId: "u1" },
          filters: {},
          matchExpression: '"tea" OR "coffee"',
          limit: 100,
        })
      ).length;
    try {
      await memory.add(
        texts.map((content) => ({ role: "user" as const, content: content.replace("coffee", "tea") })),
        { userId: "u1", infer: false },
      );
      // "coffee" is in 1 of 41 rows, "tea" in 40: only "coffee" is kept (its count is now remembered).
      expect(await search()).toBe(1);
      await memory.add(
        Array.from({ length: 30 }, (_, index) => ({ role: "user" as const, content: `Coffee break ${index} by the window` })),
        { userId: "u1", infer: false },
      );
      // Now in 31 of 71 rows, "coffee" is common too. Trusting the remembered count would keep "coffee" alone
      // (31 hits); counted again, both words are common and the first one, "tea", is kept alone.
      expect(await search()).toBe(40);
    } finally {
      await memory.close();
    }
  });
});
