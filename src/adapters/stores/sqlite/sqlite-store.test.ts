import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import type { Memory } from "../../../core/engine/create-memory-engine.js";
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

  it("stems a user's prefixed words as the words themselves: 'Ines' does not match 'in'", async () => {
    const memory = await createMemory({ path: join(directory, "stems.db") });
    try {
      const texts = ["We met in Lisbon in June", "The kites were flying high", "Ines bought a kite at the harbour"];
      await memory.add(
        texts.map((content, index) => ({ role: "user" as const, content, id: `s${index}` })),
        { userId: "u1", infer: false },
      );
      // What the keyword channels found (the context channel adds the turns around a match).
      const matched = async (query: string) =>
        (await memory.search(query, { userId: "u1" })).results
          .filter((result) => result.why.some((reason) => reason.channel === "keyword" || reason.channel === "episode"))
          .map((result) => result.sources[0])
          .sort();
      expect(await matched("Ines")).toEqual(["s2"]);
      // Stemming itself still works on prefixed words: "kites" finds "kite".
      expect(await matched("kites")).toEqual(["s1", "s2"]);
    } finally {
      await memory.close();
    }
  });

  it("rewrites the user-prefixed words from the plain ones when opening a version-7 file (migration 8)", async () => {
    const path = join(directory, "prefix-migration.db");
    const memory = await createMemory({ path });
    await memory.add([{ role: "user", content: "Ines bought a kite at the harbour", id: "k1" }], { userId: "u1", infer: false });
    await memory.close();
    const raw = new Database(path);
    // As a version-7 file would hold them: the user's words under another prefix (here, none).
    raw.exec("UPDATE memory_fts SET keywords = plain; UPDATE episode_fts SET keywords = plain, context = plain_context;");
    raw.pragma("user_version = 7");
    raw.close();
    const reopened = await createMemory({ path });
    try {
      const { results } = await reopened.search("kite", { userId: "u1" });
      expect(results.map((result) => result.sources[0])).toEqual(["k1"]);
      expect(results[0]?.why.map((reason) => reason.channel)).toEqual(expect.arrayContaining(["keyword", "episode"]));
    } finally {
      await reopened.close();
    }
  });

  it("asks whether a tenant has word-for-word memories through a partial index, not a scan of its memories", () => {
    const database = openDatabase({ path: join(directory, "verbatim.db") });
    const plan = database
      .prepare("EXPLAIN QUERY PLAN SELECT 1 FROM memories WHERE tenant_id = ? AND verbatim = 1 LIMIT 1")
      .all("t") as Array<{
      detail: string;
    }>;
    expect(plan.map((step) => step.detail).join("\n")).toMatch(/USING COVERING INDEX memories_verbatim/);
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

  it("leaves out of the keyword match a word found in most rows of a large scope, and keeps every word at share 1", async () => {
    const path = join(directory, "common-terms.db");
    // "coffee" is in all 41 memories: above the 20% share in a scope of at least 30 rows, it is left out.
    expect(await hitsOf({ minimumRows: 30, fraction: 0.2 }, path)).toBe(1);
    // With the share at 1: every word counts.
    expect(await hitsOf({ minimumRows: 30, fraction: 1 }, path)).toBe(41);
    // Under the size threshold the scope is ranked with its own statistics, where a word in more than half of
    // its rows adds no rows either (see the test of small scopes below).
    expect(await hitsOf({ minimumRows: 100, fraction: 1 }, path)).toBe(1);
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

  it("lets a user's nearest word stand in for a misspelt word of the query that no one has written", async () => {
    const store = createSqliteStore({ path: join(directory, "misspelt.db") });
    const memory = await createMemory({ store });
    try {
      await memory.add(
        ["I won the chess tournament on Sunday", "We cooked pasta for dinner", "The weather was lovely"].map((content) => ({
          role: "user" as const,
          content,
        })),
        { userId: "u1", infer: false },
      );
      const search = (matchExpression: string) =>
        store.searchKeyword({ scope: { tenantId: "default", userId: "u1" }, filters: {}, matchExpression, limit: 5 });
      const [hit] = await search('"torunament"');
      expect((await memory.get(hit?.memoryId ?? "")).memory).toContain("tournament");
      // A word someone of the tenant wrote is taken as written: "paste" stands for "pasta" until another user
      // of the tenant writes it. Another tenant's words decide nothing here.
      expect(await search('"paste"')).toHaveLength(1);
      await memory.add([{ role: "user", content: "Tomato paste on the shelf" }], { userId: "u9", tenantId: "other", infer: false });
      expect(await search('"paste"')).toHaveLength(1);
      await memory.add([{ role: "user", content: "Tomato paste on the shelf" }], { userId: "u2", infer: false });
      expect(await search('"paste"')).toHaveLength(0);
      // The stand-in weighs less than the word itself.
      const [exact, misspelt] = [await search('"tournament"'), await search('"torunament"')];
      expect(misspelt[0]?.score).toBeLessThan(exact[0]?.score ?? 0);
    } finally {
      await memory.close();
    }
  });

  it("ranks a user's memories by that user's own word statistics, however much other users store", async () => {
    const path = join(directory, "scope-statistics.db");
    const run = async (commonTerms: { minimumRows: number; fraction: number }) => {
      rmSync(path, { force: true });
      const store = createSqliteStore({ path, commonTerms });
      const memory = await createMemory({ store });
      const ranking = async () =>
        (
          await store.searchKeyword({
            scope: { tenantId: "default", userId: "u1" },
            filters: {},
            matchExpression: '"tennis" OR "racket"',
            limit: 3,
          })
        ).map((hit) => hit.memoryId);
      try {
        // "tennis" is in most of u1's memories, "racket" in one (a long one).
        const { results } = await memory.add(
          [
            "Tennis at the club, tennis again, more tennis",
            "I finally bought a racket after reading reviews for weeks and comparing prices in three different shops",
            ...Array.from({ length: 12 }, (_, index) => `Tennis lesson number ${index}`),
            ...Array.from({ length: 6 }, (_, index) => `Dinner plan ${index} with friends`),
          ].map((content) => ({ role: "user" as const, content })),
          { userId: "u1", infer: false },
        );
        const racket = results.find((item) => item.memory.includes("racket"))?.id;
        const before = await ranking();
        // Thousands of other users' memories, none with either word.
        for (let batch = 0; batch < 20; batch += 1) {
          await memory.add(
            Array.from({ length: 100 }, (_, index) => ({
              role: "user" as const,
              content: `Weekly report ${batch}-${index} sent to the team`,
            })),
            { userId: `other-${batch}`, infer: false },
          );
        }
        return { racket, before, after: await ranking() };
      } finally {
        await memory.close();
      }
    };
    const own = await run({ minimumRows: 20_000, fraction: 0.1 });
    // The rare word decides, before and after the other users' rows arrive.
    expect(own.before[0]).toBe(own.racket);
    expect(own.after).toEqual(own.before);
    // FTS5's bm25() alone (the path of scopes too large for per-phrase ranking) weighs words by their rarity in
    // the whole file: once other users fill it, "tennis" looks rare too and the short row repeating it wins.
    const table = await run({ minimumRows: 0, fraction: 1 });
    expect(table.before[0]).toBe(table.racket);
    expect(table.after[0]).not.toBe(table.racket);
  });

  it("lets a word found in most of a small scope's rows add no rows of its own, the same on every search", async () => {
    const store = createSqliteStore({ path: join(directory, "scope-common-words.db") });
    const memory = await createMemory({ store });
    const search = async (matchExpression: string) =>
      (await store.searchKeyword({ scope: { tenantId: "default", userId: "u1" }, filters: {}, matchExpression, limit: 100 })).length;
    try {
      await memory.add(
        [
          ...Array.from({ length: 8 }, (_, index) => `Coffee number ${index} in the morning`),
          "Coffee or tea, I cannot decide",
          "Green tea at noon",
        ].map((content) => ({ role: "user" as const, content })),
        { userId: "u1", infer: false },
      );
      // "coffee" is in 9 of 10 rows: only the rows with "tea" are found, on the first search (counting) and the
      // next (the count remembered, "coffee" not read).
      expect(await search('"coffee" OR "tea"')).toBe(2);
      expect(await search('"coffee" OR "tea"')).toBe(2);
      // When every word that matches is that common, they all count (a word without rows changes nothing).
      expect(await search('"coffee"')).toBe(9);
      expect(await search('"coffee" OR "absent"')).toBe(9);
      expect(await search('"coffee" OR "absent"')).toBe(9);
      // The scope's row count is taken again after writes: in 9 of 20 rows, "coffee" is no longer common and
      // its rows count again (with the 2 "tea" rows, one shared: 10).
      await memory.add(
        Array.from({ length: 10 }, (_, index) => ({ role: "user" as const, content: `Biscuit recipe ${index} for the weekend` })),
        { userId: "u1", infer: false },
      );
      expect(await search('"coffee" OR "tea"')).toBe(10);
    } finally {
      await memory.close();
    }
  });

  it("weighs phrases of a small scope's search by the caller's phrase weights", async () => {
    const store = createSqliteStore({ path: join(directory, "phrase-weights.db") });
    const memory = await createMemory({ store });
    try {
      await memory.add(
        ["Green tea in the garden", "Black coffee in the garden", ...Array.from({ length: 4 }, (_, index) => `Dinner plan ${index}`)].map(
          (content) => ({ role: "user" as const, content }),
        ),
        { userId: "u1", infer: false },
      );
      const first = async (phraseWeights: Record<string, number>) => {
        const [best] = await store.searchKeyword({
          scope: { tenantId: "default", userId: "u1" },
          filters: {},
          matchExpression: '"tea" OR "coffee"',
          phraseWeights,
          limit: 2,
        });
        return (await store.getMemories({ tenantId: "default", ids: [best?.memoryId ?? ""], withEntities: false }))[0]?.text;
      };
      expect(await first({ coffee: 0.5 })).toBe("Green tea in the garden");
      expect(await first({ tea: 0.5 })).toBe("Black coffee in the garden");
    } finally {
      await memory.close();
    }
  });
});

describe("keyword coordination in a user's scope", () => {
  it("multiplies a row's score by 1 + coordination × the share of the query's own words it holds (expansions not counted)", async () => {
    const path = join(directory, "coordination.db");
    const seed = await createMemory({ path });
    await seed.add(
      [
        { role: "user" as const, content: "Harbour kites at dawn", id: "both" },
        { role: "user" as const, content: "Harbour ferries and a lighthouse", id: "one" },
        ...["Chess on Sundays", "My sister lives in Porto", "We adopted a cat", "Tea every morning"].map((content) => ({
          role: "user" as const,
          content,
        })),
      ],
      { userId: "u1", infer: false },
    );
    await seed.close();
    // "lighthouse" is a related word (weight 0.5): it adds to the score but not to the count of words held.
    const scores = async (keywordCoordination: number) => {
      const store = createSqliteStore({ path, keywordCoordination });
      try {
        const hits = await store.searchKeyword({
          scope: { tenantId: "default", userId: "u1" },
          filters: {},
          matchExpression: '"harbour" OR "kites" OR "lighthouse"',
          phraseWeights: { lighthouse: 0.5 },
          limit: 10,
        });
        const memories = await store.getMemories({ tenantId: "default", ids: hits.map((hit) => hit.memoryId) });
        const scoreOf = (source: string) => hits.find((hit) => memories.find((m) => m.id === hit.memoryId)?.sources[0] === source)?.score;
        return { both: scoreOf("both") ?? Number.NaN, one: scoreOf("one") ?? Number.NaN };
      } finally {
        await store.close();
      }
    };
    const off = await scores(0);
    const on = await scores(0.5);
    // Two own words of two: × 1.5; one of two: × 1.25.
    expect(on.both / off.both).toBeCloseTo(1.5, 9);
    expect(on.one / off.one).toBeCloseTo(1.25, 9);
  });
});

describe("remembered reads", () => {
  /** A memory writing to a file and a second store reading it: two connections, as two server processes have. */
  const withWriterAndReader = async (
    file: string,
    work: (connections: { writer: Memory; reader: ReturnType<typeof createSqliteStore> }) => Promise<void>,
  ) => {
    const path = join(directory, file);
    const writer = await createMemory({ path });
    const reader = createSqliteStore({ path });
    try {
      await work({ writer, reader });
    } finally {
      await reader.close();
      await writer.close();
    }
  };

  it("reads memories and episodes again once another connection has written: nothing remembered outlives a write", async () => {
    await withWriterAndReader("remembered-records.db", async ({ writer, reader }) => {
      const added = await writer.add([{ role: "user", content: "I live in Lisbon" }], { userId: "u1", infer: false });
      const memoryId = added.results[0]?.id ?? "";
      const episodeId = added.episodes[0]?.id ?? "";
      const read = async () => ({
        memories: (await reader.getMemories({ tenantId: "default", ids: [memoryId], withEntities: false })).map((memory) => memory.text),
        episodes: (await reader.getEpisodes({ tenantId: "default", ids: [episodeId] })).map((episode) => episode.content),
      });
      expect(await read()).toEqual({ memories: ["I live in Lisbon"], episodes: ["I live in Lisbon"] });
      // Another tenant never gets them, remembered or not.
      expect(await reader.getMemories({ tenantId: "other", ids: [memoryId], withEntities: false })).toEqual([]);
      expect(await reader.getEpisodes({ tenantId: "other", ids: [episodeId] })).toEqual([]);
      await writer.update(memoryId, { text: "I live in Porto" });
      expect((await read()).memories).toEqual(["I live in Porto"]);
      await writer.deleteAll({ userId: "u1" });
      // The memory is a tombstone now (its words erased), the episode gone.
      expect(await read()).toEqual({ memories: [""], episodes: [] });
      expect((await reader.getMemories({ tenantId: "default", ids: [memoryId], withEntities: false }))[0]?.status).toBe("deleted");
    });
  });

  it("answers the entity and time channels afresh once another connection has written", async () => {
    await withWriterAndReader("remembered-results.db", async ({ writer, reader }) => {
      const scope = { tenantId: "default", userId: "u1" };
      await writer.add("Yesterday I went hiking with Priya near Lisbon", { userId: "u1", timestamp: "2024-05-08T10:00:00Z" });
      const read = async () => {
        const entities = await reader.findEntities({ scope, names: ["Priya"] });
        const hits = await reader.searchByEntities({ scope, filters: {}, entityIds: entities.map((entity) => entity.id), limit: 10 });
        const dated = await reader.searchByTime({
          scope,
          filters: {},
          start: "2024-05-01T00:00:00Z",
          end: "2024-06-01T00:00:00Z",
          limit: 10,
        });
        return { entities: entities.length, hits: hits.length, dated: dated.length };
      };
      expect(await read()).toEqual({ entities: 1, hits: 1, dated: 1 });
      await writer.add("Priya and I booked a pottery class", { userId: "u1", timestamp: "2024-05-20T10:00:00Z" });
      expect(await read()).toEqual({ entities: 1, hits: 2, dated: 2 });
      await writer.deleteAll({ userId: "u1" });
      expect(await read()).toEqual({ entities: 0, hits: 0, dated: 0 });
    });
  });

  it("judges a turn's validity at the time asked, with nothing written between: remembered checks keep no time", async () => {
    await withWriterAndReader("remembered-validity.db", async ({ writer: memory, reader: store }) => {
      await memory.add([{ role: "user", content: "I live in Lisbon" }], {
        userId: "u1",
        sessionId: "s1",
        timestamp: "2024-01-10T10:00:00Z",
      });
      await memory.add([{ role: "user", content: "Okay, talk soon" }], {
        userId: "u1",
        sessionId: "s1",
        timestamp: "2024-01-10T10:01:00Z",
      });
      await memory.add([{ role: "user", content: "I live in Porto now" }], { userId: "u1", timestamp: "2024-06-01T10:00:00Z" });
      const lisbon = (await memory.getAll({ userId: "u1", filters: { statuses: ["superseded"] } })).results.find(
        (view) => view.memory === "I live in Lisbon",
      );
      expect(lisbon?.validTo).toBe("2024-06-01T10:00:00.000Z");
      const scope = { tenantId: "default", userId: "u1" };
      const march = "2024-03-01T00:00:00.000Z";
      const july = "2024-07-01T00:00:00.000Z";
      const [lisbonTurn] = await store.searchEpisodeKeyword({ scope, matchExpression: '"lisbon"', limit: 5, validAt: march });
      const lisbonTurnId = lisbonTurn?.episodeId ?? "";
      const talkSoon = (await store.getNeighbourEpisodes({ scope, episodeIds: [lisbonTurnId], window: 1 }))[0]?.episodeId ?? "";
      expect(talkSoon).not.toBe("");
      const found = async (validAt: string) => ({
        byKeyword: (await store.searchEpisodeKeyword({ scope, matchExpression: '"lisbon"', limit: 5, validAt })).some(
          (hit) => hit.episodeId === lisbonTurnId,
        ),
        asNeighbour: (await store.getNeighbourEpisodes({ scope, episodeIds: [talkSoon], window: 1, validAt })).some(
          (hit) => hit.episodeId === lisbonTurnId,
        ),
      });
      // While "I live in Lisbon" was true its turn is found, after it was superseded not: the same reads, one mark.
      expect(await found(march)).toEqual({ byKeyword: true, asNeighbour: true });
      expect(await found(july)).toEqual({ byKeyword: false, asNeighbour: false });
      expect(await found(march)).toEqual({ byKeyword: true, asNeighbour: true });
    });
  });
});
