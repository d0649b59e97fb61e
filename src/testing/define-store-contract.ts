import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Episode } from "../core/domain/episode.js";
import type { MemoryRecord, StoredMemoryFields } from "../core/domain/memory-record.js";
import type { Scope } from "../core/domain/scope.js";
import { MnemoError } from "../core/errors.js";
import type { MemoryStore, StoreWriter } from "../ports/store.js";

const dimensions = 4;
const timestamp = "2024-05-08T13:56:00.000Z";
let counter = 0;

function unit(values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return new Float32Array(values.map((value) => value / norm));
}

function makeEpisode(scope: Scope, content: string, externalId?: string): Episode {
  counter += 1;
  return {
    id: `episode-${counter}`,
    ...scope,
    sourceType: "message",
    role: "user",
    content,
    language: "en",
    ...(externalId === undefined ? {} : { externalId }),
    occurredAt: timestamp,
    recordedAt: timestamp,
    metadata: {},
    emotionScore: 50,
    emotionIntensity: 0,
    contentHash: `hash-${content}`,
  };
}

function makeMemory(scope: Scope, text: string, sourceEpisodeIds: string[], extra: Partial<MemoryRecord> = {}) {
  counter += 1;
  const memory: StoredMemoryFields = {
    id: `memory-${counter}`,
    ...scope,
    text,
    kind: "fact",
    language: "en",
    sourceEpisodeIds,
    validFrom: timestamp,
    importance: 0.5,
    emotionScore: 50,
    emotionIntensity: 0,
    strength: 1,
    accessCount: 0,
    status: "active",
    sourceType: "user",
    trust: "high",
    version: 1,
    metadata: { topic: "test" },
    contentHash: `hash-${text}`,
    createdAt: timestamp,
    updatedAt: timestamp,
    ...extra,
  };
  return memory;
}

async function remember(
  writer: StoreWriter,
  scope: Scope,
  text: string,
  vector: number[],
  extra: Partial<MemoryRecord> = {},
): Promise<string> {
  const episode = makeEpisode(scope, text, `D${counter}:1`);
  await writer.insertEpisode(episode, { keywordText: text.toLowerCase() });
  const memory = makeMemory(scope, text, [episode.id], extra);
  await writer.insertMemory({ memory, entityIds: [], keywordText: text.toLowerCase(), embedding: unit(vector) });
  return memory.id;
}

/**
 * The contract every store adapter must pass. Call it from a test file with a factory of fresh, empty stores.
 *
 * @example
 * defineStoreContract({ name: "sqlite", makeStore: async () => createSqliteStore({ path: ":memory:" }) });
 */
export function defineStoreContract(options: { name: string; makeStore: () => Promise<MemoryStore> }): void {
  describe(`store contract: ${options.name}`, () => {
    let store: MemoryStore;
    const alice: Scope = { tenantId: "t1", userId: "alice" };
    const bob: Scope = { tenantId: "t1", userId: "bob" };
    const otherTenantAlice: Scope = { tenantId: "t2", userId: "alice" };

    beforeEach(async () => {
      store = await options.makeStore();
      await store.prepareEmbeddings({ modelId: "contract-model", dimensions });
    });
    afterEach(async () => {
      await store.close();
    });

    it("declares its capabilities", () => {
      expect(store.capabilities).toEqual({ vector: true, fullText: true, graph: true });
    });

    it("refuses another embedding model or dimension", async () => {
      await store.prepareEmbeddings({ modelId: "contract-model", dimensions });
      const error = await store.prepareEmbeddings({ modelId: "other-model", dimensions }).catch((caught: unknown) => caught);
      expect(MnemoError.isInstance(error) && error.code).toBe("EMBEDDER_MISMATCH");
      const wrongSize = await store.prepareEmbeddings({ modelId: "contract-model", dimensions: 8 }).catch((caught: unknown) => caught);
      expect(MnemoError.isInstance(wrongSize) && wrongSize.code).toBe("EMBEDDER_MISMATCH");
    });

    it("stores a memory with its sources and reads it back", async () => {
      const id = await store.transaction((writer) => remember(writer, alice, "Alice moved to Lisbon", [1, 0, 0, 0]));
      const memory = await store.getMemory({ tenantId: "t1", id });
      expect(memory?.text).toBe("Alice moved to Lisbon");
      expect(memory?.userId).toBe("alice");
      expect(memory?.sourceEpisodeIds).toHaveLength(1);
      expect(memory?.sources[0]).toMatch(/^D\d+:1$/);
      expect(memory?.metadata).toEqual({ topic: "test" });
      const episodes = await store.getEpisodes({ tenantId: "t1", ids: memory?.sourceEpisodeIds ?? [] });
      expect(episodes[0]?.content).toBe("Alice moved to Lisbon");
    });

    it("rolls back every write of a failed transaction", async () => {
      const failure = new Error("boom");
      await expect(
        store.transaction(async (writer) => {
          await remember(writer, alice, "first write", [1, 0, 0, 0]);
          await remember(writer, alice, "second write", [0, 1, 0, 0]);
          throw failure;
        }),
      ).rejects.toBe(failure);
      const counts = await store.countRows({});
      expect(counts.memories).toBe(0);
      expect(counts.episodes).toBe(0);
      expect(await store.searchKeyword({ scope: alice, filters: {}, matchExpression: '"write"', limit: 10 })).toEqual([]);
      expect(await store.searchVector({ scope: alice, filters: {}, embedding: unit([1, 0, 0, 0]), limit: 10 })).toEqual([]);
    });

    it("keeps users and tenants apart on every read", async () => {
      const ids = await store.transaction(async (writer) => ({
        alice: await remember(writer, alice, "coffee with oat milk", [1, 0, 0, 0]),
        bob: await remember(writer, bob, "coffee with oat milk", [1, 0, 0, 0]),
        other: await remember(writer, otherTenantAlice, "coffee with oat milk", [1, 0, 0, 0]),
      }));
      const keyword = await store.searchKeyword({ scope: alice, filters: {}, matchExpression: '"coffee"', limit: 10 });
      expect(keyword.map((hit) => hit.memoryId)).toEqual([ids.alice]);
      const vector = await store.searchVector({ scope: alice, filters: {}, embedding: unit([1, 0, 0, 0]), limit: 10 });
      expect(vector.map((hit) => hit.memoryId)).toEqual([ids.alice]);
      const listed = await store.listMemories({ scope: alice, filters: {}, limit: 10, offset: 0 });
      expect(listed.items.map((item) => item.id)).toEqual([ids.alice]);
      expect(await store.getMemory({ tenantId: "t2", id: ids.alice })).toBeUndefined();
      const tenantWide = await store.listMemories({ scope: { tenantId: "t1" }, filters: {}, limit: 10, offset: 0 });
      expect(tenantWide.total).toBe(2);
    });

    it("still returns k vector results for a user when other users hold closer vectors", async () => {
      await store.transaction(async (writer) => {
        for (let index = 0; index < 30; index += 1) await remember(writer, bob, `bob note ${index}`, [1, 0.01 * index, 0, 0]);
        for (let index = 0; index < 5; index += 1) await remember(writer, alice, `alice note ${index}`, [0, 1, 0.1 * index, 0]);
      });
      const hits = await store.searchVector({ scope: alice, filters: {}, embedding: unit([1, 0, 0, 0]), limit: 3 });
      expect(hits).toHaveLength(3);
    });

    it("ranks vector hits nearest first with cosine scores", async () => {
      const ids = await store.transaction(async (writer) => [
        await remember(writer, alice, "far", [0, 0, 1, 0]),
        await remember(writer, alice, "near", [1, 0.1, 0, 0]),
      ]);
      const hits = await store.searchVector({ scope: alice, filters: {}, embedding: unit([1, 0, 0, 0]), limit: 2 });
      expect(hits.map((hit) => hit.memoryId)).toEqual([ids[1], ids[0]]);
      expect(hits[0]?.score ?? 0).toBeGreaterThan(0.99);
    });

    it("matches pre-segmented Chinese words and English stems", async () => {
      const ids = await store.transaction(async (writer) => [
        await remember(writer, alice, "我 喜欢 喝 咖啡", [1, 0, 0, 0]),
        await remember(writer, alice, "she was running marathons", [0, 1, 0, 0]),
      ]);
      const chinese = await store.searchKeyword({ scope: alice, filters: {}, matchExpression: '"咖啡"', limit: 5 });
      expect(chinese.map((hit) => hit.memoryId)).toEqual([ids[0]]);
      const stemmed = await store.searchKeyword({ scope: alice, filters: {}, matchExpression: '"run" OR "marathon"', limit: 5 });
      expect(stemmed.map((hit) => hit.memoryId)).toEqual([ids[1]]);
    });

    it("ranks words that name members of every JavaScript object like any other word", async () => {
      const id = await store.transaction((writer) => remember(writer, alice, "the constructor of the bridge", [1, 0, 0, 0]));
      for (const phraseWeights of [{}, { bridge: 0.5 }]) {
        const hits = await store.searchKeyword({
          scope: alice,
          filters: {},
          matchExpression: '"constructor" OR "bridge"',
          phraseWeights,
          limit: 5,
        });
        expect(hits.map((hit) => hit.memoryId)).toEqual([id]);
        expect(hits[0]?.score).toBeGreaterThan(0);
      }
    });

    it("finds the best matches that pass the filters even when better matches fail them", async () => {
      // Twelve short facts outrank three long preferences on "tea"; the search asks for preferences only,
      // and for another agent's episodes only.
      const sales = { ...alice, agentId: "sales" };
      const preferenceIds = await store.transaction(async (writer) => {
        for (let index = 0; index < 12; index += 1) await remember(writer, alice, `tea ${index}`, [1, 0, 0, 0]);
        const ids: string[] = [];
        for (const flavour of ["green", "black", "white"]) {
          ids.push(
            await remember(
              writer,
              sales,
              `the customer mentioned that ${flavour} tea is what they drink every afternoon at work`,
              [1, 0, 0, 0],
              {
                kind: "preference",
              },
            ),
          );
        }
        return ids;
      });
      const preferences = await store.searchKeyword({
        scope: alice,
        filters: { kinds: ["preference"] },
        matchExpression: '"tea"',
        limit: 3,
      });
      expect(preferences.map((hit) => hit.memoryId).sort()).toEqual([...preferenceIds].sort());
      const salesEpisodes = await store.searchEpisodeKeyword({ scope: sales, matchExpression: '"tea"', limit: 3 });
      expect(salesEpisodes).toHaveLength(3);
      const all = await store.searchKeyword({ scope: alice, filters: {}, matchExpression: '"tea"', limit: 3 });
      expect(all.every((hit) => !preferenceIds.includes(hit.memoryId))).toBe(true);
    });

    it("filters by kind and metadata inside the store", async () => {
      const ids = await store.transaction(async (writer) => [
        await remember(writer, alice, "likes tea", [1, 0, 0, 0], { kind: "preference", metadata: { channel: "chat" } }),
        await remember(writer, alice, "tea tasting on Friday", [1, 0, 0, 0], { kind: "event", metadata: { channel: "email" } }),
      ]);
      const preferences = await store.listMemories({ scope: alice, filters: { kinds: ["preference"] }, limit: 10, offset: 0 });
      expect(preferences.items.map((item) => item.id)).toEqual([ids[0]]);
      const email = await store.searchKeyword({
        scope: alice,
        filters: { metadata: { channel: "email" } },
        matchExpression: '"tea"',
        limit: 10,
      });
      expect(email.map((hit) => hit.memoryId)).toEqual([ids[1]]);
      const events = await store.searchVector({ scope: alice, filters: { kinds: ["event"] }, embedding: unit([1, 0, 0, 0]), limit: 10 });
      expect(events.map((hit) => hit.memoryId)).toEqual([ids[1]]);
    });

    it("hides superseded memories by default and shows them as of a past date", async () => {
      const oldId = await store.transaction(async (writer) => {
        const id = await remember(writer, alice, "lives in Lisbon", [1, 0, 0, 0]);
        await writer.updateMemory({
          tenantId: "t1",
          id,
          changes: { status: "superseded", validTo: "2024-06-01T00:00:00.000Z", supersededBy: "memory-new" },
        });
        return id;
      });
      expect(await store.searchKeyword({ scope: alice, filters: {}, matchExpression: '"lisbon"', limit: 5 })).toEqual([]);
      expect(await store.searchVector({ scope: alice, filters: {}, embedding: unit([1, 0, 0, 0]), limit: 5 })).toEqual([]);
      const past = await store.searchKeyword({
        scope: alice,
        filters: { asOf: "2024-05-20T00:00:00.000Z" },
        matchExpression: '"lisbon"',
        limit: 5,
      });
      expect(past.map((hit) => hit.memoryId)).toEqual([oldId]);
      const later = await store.searchVector({
        scope: alice,
        filters: { asOf: "2024-07-01T00:00:00.000Z" },
        embedding: unit([1, 0, 0, 0]),
        limit: 5,
      });
      expect(later).toEqual([]);
    });

    it("purges a memory from every index and wipes its history texts", async () => {
      const id = await store.transaction(async (writer) => {
        const memoryId = await remember(writer, alice, "secret canary 7731", [1, 0, 0, 0]);
        await writer.appendHistory({
          id: "h1",
          tenantId: "t1",
          memoryId,
          event: "ADD",
          afterText: "secret canary 7731",
          afterHash: "x",
          actor: "test",
          createdAt: timestamp,
        });
        await writer.purgeMemory({ tenantId: "t1", id: memoryId, deletedAt: timestamp });
        return memoryId;
      });
      const memory = await store.getMemory({ tenantId: "t1", id });
      expect(memory?.status).toBe("deleted");
      expect(memory?.text).toBe("");
      expect(
        await store.searchKeyword({
          scope: alice,
          filters: { statuses: ["active", "superseded", "dormant", "deleted"] },
          matchExpression: '"canary"',
          limit: 5,
        }),
      ).toEqual([]);
      expect(
        await store.searchVector({ scope: alice, filters: { statuses: ["deleted"] }, embedding: unit([1, 0, 0, 0]), limit: 5 }),
      ).toEqual([]);
      const history = await store.getHistory({ tenantId: "t1", memoryId: id });
      expect(history[0]?.afterText).toBeUndefined();
      expect(history[0]?.afterHash).toBe("x");
    });

    it("purges a whole scope, episodes included, and leaves other users alone", async () => {
      await store.transaction(async (writer) => {
        await remember(writer, alice, "alice one", [1, 0, 0, 0]);
        await remember(writer, alice, "alice two", [1, 0, 0, 0]);
        await remember(writer, bob, "bob one", [1, 0, 0, 0]);
      });
      const purged = await store.transaction((writer) => writer.purgeScope({ scope: alice, deletedAt: timestamp }));
      expect(purged.memories).toHaveLength(2);
      expect(purged.episodes).toBe(2);
      expect((await store.listMemories({ scope: alice, filters: {}, limit: 10, offset: 0 })).total).toBe(0);
      expect((await store.listMemories({ scope: bob, filters: {}, limit: 10, offset: 0 })).total).toBe(1);
      expect(await store.listEpisodes({ scope: alice, limit: 10, offset: 0 })).toEqual([]);
    });

    it("finds exact duplicates by hash within the owner scope only", async () => {
      await store.transaction((writer) => remember(writer, alice, "likes jazz", [1, 0, 0, 0]));
      expect(await store.findMemoryByHash({ scope: alice, contentHash: "hash-likes jazz" })).toBeDefined();
      expect(await store.findMemoryByHash({ scope: bob, contentHash: "hash-likes jazz" })).toBeUndefined();
    });

    it("resolves entities by name or alias and links relations", async () => {
      await store.transaction(async (writer) => {
        const anna = await writer.upsertEntity({
          id: "e-anna",
          tenantId: "t1",
          userId: "alice",
          name: "Anna",
          type: "person",
          aliases: ["my sister"],
        });
        const again = await writer.upsertEntity({
          id: "e-anna-2",
          tenantId: "t1",
          userId: "alice",
          name: "anna",
          type: "person",
          aliases: ["sis"],
        });
        expect(again.id).toBe(anna.id);
        const lisbon = await writer.upsertEntity({
          id: "e-lisbon",
          tenantId: "t1",
          userId: "alice",
          name: "Lisbon",
          type: "place",
          aliases: [],
        });
        await writer.insertRelation({
          id: "r1",
          tenantId: "t1",
          userId: "alice",
          subjectId: anna.id,
          predicate: "lives_in",
          objectId: lisbon.id,
          sourceEpisodeIds: [],
        });
      });
      const byAlias = await store.findEntities({ scope: alice, names: ["My Sister"] });
      expect(byAlias.map((entity) => entity.id)).toEqual(["e-anna"]);
      expect(byAlias[0]?.aliases).toEqual(["my sister", "sis"]);
      expect(await store.findEntities({ scope: bob, names: ["Anna"] })).toEqual([]);
      const relations = await store.listRelations({ scope: alice, entityId: "e-lisbon", limit: 10 });
      expect(relations.map((relation) => [relation.subjectId, relation.predicate, relation.objectId])).toEqual([
        ["e-anna", "lives_in", "e-lisbon"],
      ]);
    });

    it("finds the current relations of a subject and of a memory, and closes them", async () => {
      const memoryId = await store.transaction(async (writer) => {
        const stated = await remember(writer, alice, "anna lives in lisbon and is my sister", [1, 0, 0, 0]);
        const person = (id: string, name: string) =>
          writer.upsertEntity({ id, tenantId: "t1", userId: "alice", name, type: "person", aliases: [] });
        const anna = await person("e-anna", "Anna");
        const lena = await person("e-lena", "Lena");
        const relation = { tenantId: "t1", userId: "alice", memoryId: stated, sourceEpisodeIds: [] };
        await writer.insertRelation({ ...relation, id: "r-lives", subjectId: anna.id, predicate: "lives_in", objectValue: "Lisbon" });
        await writer.insertRelation({
          ...relation,
          id: "r-sister",
          subjectId: lena.id,
          predicate: "family_member",
          qualifier: "sister",
          objectId: anna.id,
        });
        return stated;
      });
      const current = await store.findCurrentRelations({ scope: alice, subjectId: "e-anna", predicate: "lives_in" });
      expect(current.map((relation) => [relation.id, relation.objectValue, relation.memoryId])).toEqual([["r-lives", "Lisbon", memoryId]]);
      expect(await store.findCurrentRelations({ scope: bob, subjectId: "e-anna", predicate: "lives_in" })).toEqual([]);
      const ofMemory = await store.findCurrentRelationsOfMemory({ tenantId: "t1", memoryId });
      expect(ofMemory.map((relation) => relation.id).sort()).toEqual(["r-lives", "r-sister"]);
      expect(await store.findCurrentRelationsOfMemory({ tenantId: "t2", memoryId })).toEqual([]);
      await store.transaction((writer) => writer.closeRelation({ tenantId: "t1", id: "r-lives", validTo: "2024-06-01T00:00:00.000Z" }));
      expect(await store.findCurrentRelations({ scope: alice, subjectId: "e-anna", predicate: "lives_in" })).toEqual([]);
      expect((await store.findCurrentRelationsOfMemory({ tenantId: "t1", memoryId })).map((relation) => relation.id)).toEqual(["r-sister"]);
    });

    it("reads only the visible agents' memories when the scope lists them", async () => {
      const ids = await store.transaction(async (writer) => ({
        shared: await remember(writer, { tenantId: "t1", userId: "alice" }, "shared note about tea", [1, 0, 0, 0]),
        sales: await remember(writer, { tenantId: "t1", userId: "alice", agentId: "sales" }, "sales note about tea", [1, 0, 0, 0]),
        care: await remember(writer, { tenantId: "t1", userId: "alice", agentId: "care" }, "care note about tea", [1, 0, 0, 0]),
      }));
      const scope = { tenantId: "t1", userId: "alice", visibleAgentIds: ["", "sales"] };
      const keyword = await store.searchKeyword({ scope, filters: {}, matchExpression: '"tea"', limit: 10 });
      expect(keyword.map((hit) => hit.memoryId).sort()).toEqual([ids.shared, ids.sales].sort());
      const vector = await store.searchVector({ scope, filters: {}, embedding: unit([1, 0, 0, 0]), limit: 10 });
      expect(vector.map((hit) => hit.memoryId).sort()).toEqual([ids.shared, ids.sales].sort());
      const listed = await store.listMemories({ scope, filters: {}, limit: 10, offset: 0 });
      expect(listed.total).toBe(2);
      const episodes = await store.searchEpisodeKeyword({ scope, matchExpression: '"tea"', limit: 10 });
      expect(episodes).toHaveLength(2);
    });

    it("finds the memory stored word for word from an episode while its text is unchanged", async () => {
      const episodes = ["I moved to Lisbon", "I like green tea", "I play the cello"].map((content) => makeEpisode(alice, content));
      const [lisbon, tea, cello] = episodes;
      const verbatim = makeMemory(alice, "I moved to Lisbon", [lisbon?.id ?? ""], { verbatim: true });
      // Same words but inferred, and marked verbatim but edited since: neither stands for its episode.
      const inferred = makeMemory(alice, "I like green tea", [tea?.id ?? ""]);
      const edited = makeMemory(alice, "I play the viola", [cello?.id ?? ""], { verbatim: true });
      await store.transaction(async (writer) => {
        for (const episode of episodes) await writer.insertEpisode(episode, { keywordText: episode.content.toLowerCase() });
        for (const memory of [verbatim, inferred, edited])
          await writer.insertMemory({ memory, entityIds: [], keywordText: memory.text.toLowerCase(), embedding: unit([1, 0, 0, 0]) });
      });
      const episodeIds = episodes.map((episode) => episode.id);
      expect(await store.getVerbatimMemories({ tenantId: "t1", episodeIds, filters: { statuses: ["active"] } })).toEqual([
        { episodeId: lisbon?.id, memoryId: verbatim.id },
      ]);
      expect((await store.getMemory({ tenantId: "t1", id: verbatim.id }))?.verbatim).toBe(true);
      expect((await store.getMemory({ tenantId: "t1", id: inferred.id }))?.verbatim).toBeUndefined();
      expect(await store.getVerbatimMemories({ tenantId: "t2", episodeIds, filters: { statuses: ["active"] } })).toEqual([]);
      expect(await store.getVerbatimMemories({ tenantId: "t1", episodeIds, filters: { statuses: ["superseded"] } })).toEqual([]);
    });

    it("finds neighbouring turns of a session and episodes by keyword", async () => {
      const session: Scope = { tenantId: "t1", userId: "alice", sessionId: "s1" };
      const episodes = ["Where did you go camping?", "We roasted marshmallows by the fire", "Sounds lovely"].map((content) =>
        makeEpisode(session, content),
      );
      await store.transaction(async (writer) => {
        for (const episode of episodes) await writer.insertEpisode(episode, { keywordText: episode.content.toLowerCase() });
      });
      const hits = await store.searchEpisodeKeyword({ scope: alice, matchExpression: '"camping"', limit: 5 });
      expect(hits.map((hit) => hit.episodeId)).toEqual([episodes[0]?.id]);
      const contentOf = (id: string) => episodes.find((episode) => episode.id === id)?.content;
      const neighbours = await store.getNeighbourEpisodes({ scope: alice, episodeIds: [episodes[0]?.id ?? ""], window: 2 });
      expect(neighbours.map((neighbour) => [contentOf(neighbour.episodeId), neighbour.distance, neighbour.offset])).toEqual([
        ["We roasted marshmallows by the fire", 1, 1],
        ["Sounds lovely", 2, 2],
      ]);
      // Who said it: the speaker, else the role.
      expect(neighbours.map((neighbour) => [neighbour.neighbourOf, neighbour.speaker])).toEqual([
        [episodes[0]?.id, episodes[1]?.speaker ?? episodes[1]?.role],
        [episodes[0]?.id, episodes[2]?.speaker ?? episodes[2]?.role],
      ]);
      // The offset is signed: the turn said before the anchor is at -1.
      const around = await store.getNeighbourEpisodes({ scope: alice, episodeIds: [episodes[1]?.id ?? ""], window: 1 });
      expect(around.map((neighbour) => [contentOf(neighbour.episodeId), neighbour.offset]).sort()).toEqual([
        ["Sounds lovely", 1],
        ["Where did you go camping?", -1],
      ]);
      expect(await store.getNeighbourEpisodes({ scope: bob, episodeIds: [episodes[0]?.id ?? ""], window: 2 })).toEqual([]);
    });

    it("finds memories by linked entity, entity type and speaker, and the latest episode of a session", async () => {
      const ids = await store.transaction(async (writer) => {
        const pottery = await writer.upsertEntity({
          id: "e-pottery",
          tenantId: "t1",
          userId: "alice",
          name: "pottery",
          type: "activity",
          aliases: [],
        });
        const porto = await writer.upsertEntity({
          id: "e-porto",
          tenantId: "t1",
          userId: "alice",
          name: "Porto",
          type: "place",
          aliases: [],
        });
        const said = makeEpisode({ tenantId: "t1", userId: "alice", sessionId: "s9" }, "I took a pottery class in Porto");
        said.speaker = "Alice";
        await writer.insertEpisode(said, { keywordText: "pottery class porto" });
        const classMemory = makeMemory(alice, "Alice took a pottery class in Porto", [said.id]);
        await writer.insertMemory({
          memory: classMemory,
          entityIds: [pottery.id, porto.id],
          keywordText: "pottery",
          embedding: unit([1, 0, 0, 0]),
        });
        const tripMemory = makeMemory(alice, "Porto trip in May", []);
        await writer.insertMemory({ memory: tripMemory, entityIds: [porto.id], keywordText: "porto", embedding: unit([0, 1, 0, 0]) });
        return { classMemory: classMemory.id, tripMemory: tripMemory.id, said: said.id };
      });
      const byEntity = await store.searchByEntities({ scope: alice, filters: {}, entityIds: ["e-porto", "e-pottery"], limit: 5 });
      expect(byEntity.map((hit) => hit.memoryId)).toEqual([ids.classMemory, ids.tripMemory]);
      const activities = await store.searchByEntityType({ scope: alice, filters: {}, types: ["activity"], limit: 5 });
      expect(activities.map((hit) => hit.memoryId)).toEqual([ids.classMemory]);
      const placesSaidByAlice = await store.searchByEntityType({
        scope: alice,
        filters: {},
        types: ["place"],
        speakers: ["Alice"],
        limit: 5,
      });
      expect(placesSaidByAlice.map((hit) => hit.memoryId)).toEqual([ids.classMemory]);
      expect(await store.searchByEntityType({ scope: bob, filters: {}, types: ["place"], limit: 5 })).toEqual([]);
      expect((await store.latestEpisode({ scope: { tenantId: "t1", userId: "alice", sessionId: "s9" } }))?.id).toBe(ids.said);
      expect(await store.latestEpisode({ scope: { tenantId: "t1", userId: "bob", sessionId: "s9" } })).toBeUndefined();
      expect(typeof (await store.externalVersion())).toBe("number");
    });

    it("optimizes its indexes without changing a memory or a search result", async () => {
      await store.transaction(async (writer) => {
        for (const text of ["coffee with Ana in Lisbon", "morning coffee at home", "a run by the river"])
          await remember(writer, alice, text, [1, 0, 0, 0]);
      });
      // Written in two transactions, so the full-text index has more than one segment to merge.
      await store.transaction(async (writer) => remember(writer, alice, "coffee beans from Porto", [0, 1, 0, 0]));
      const search = async () => ({
        memories: await store.searchKeyword({ scope: alice, filters: {}, matchExpression: '"lisbon" OR "river"', limit: 10 }),
        episodes: await store.searchEpisodeKeyword({ scope: alice, matchExpression: '"lisbon" OR "river"', limit: 10 }),
      });
      const before = await search();
      expect(before.memories).toHaveLength(2);
      expect(before.episodes).toHaveLength(2);
      await store.optimize();
      expect(await search()).toEqual(before);
      expect((await store.countRows({ tenantId: "t1" })).memories).toBe(4);
    });

    it("resets one tenant only", async () => {
      await store.transaction(async (writer) => {
        await remember(writer, alice, "tenant one", [1, 0, 0, 0]);
        await remember(writer, otherTenantAlice, "tenant two", [1, 0, 0, 0]);
      });
      await store.reset({ tenantId: "t1" });
      expect((await store.countRows({ tenantId: "t1" })).memories).toBe(0);
      expect((await store.countRows({ tenantId: "t2" })).memories).toBe(1);
    });
  });
}
