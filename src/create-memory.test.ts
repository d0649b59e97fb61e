import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSqliteStore } from "./adapters/stores/sqlite/sqlite-store.js";
import type { Memory } from "./core/engine/create-memory-engine.js";
import { MnemoError } from "./core/errors.js";
import { createMemory } from "./create-memory.js";
import type { MemoryStore, StoreWriter } from "./ports/store.js";

const directory = mkdtempSync(join(tmpdir(), "mnemo-api-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let counter = 0;
const freshPath = () => {
  counter += 1;
  return join(directory, `api-${counter}.db`);
};

/** A database file and its WAL and shared-memory files, read whole (after close: what stays on disk). */
function databaseFiles(path: string): Array<{ name: string; bytes: Buffer }> {
  return readdirSync(directory)
    .filter((name) => name.startsWith(path.split("/").at(-1) ?? ""))
    .map((name) => ({ name, bytes: readFileSync(join(directory, name)) }));
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return MnemoError.isInstance(error) ? error.code : `not a MnemoError: ${String(error)}`;
  }
  return undefined;
}

describe("createMemory (embedded default)", () => {
  let memory: Memory;
  beforeEach(async () => {
    memory = await createMemory({ path: freshPath() });
  });
  afterEach(async () => {
    await memory.close();
  });

  it("runs the README example: add, then recall with sources and a resolved date", async () => {
    const added = await memory.add([{ role: "user", content: "I moved to Lisbon last month", id: "m1" }], {
      userId: "u1",
      sessionId: "s1",
      timestamp: "2024-05-08T13:56:00Z",
    });
    expect(added.results).toEqual([{ id: expect.any(String), memory: "I moved to Lisbon last month", event: "ADD" }]);
    expect(added.episodes).toEqual([{ id: expect.any(String), externalId: "m1" }]);
    await memory.add("My favourite drink is green tea", { userId: "u1", sessionId: "s1", timestamp: "2024-05-08T14:00:00Z" });
    const { results } = await memory.search("Where does the user live?", { userId: "u1", topK: 5 });
    expect(results[0]?.memory).toBe("I moved to Lisbon last month");
    expect(results[0]?.sources).toEqual(["m1"]);
    expect(results[0]?.validFrom).toBe("2024-05-08T13:56:00.000Z");
    expect(results[0]?.eventStart?.slice(0, 7)).toBe("2024-04");
    expect(results[0]?.why.map((reason) => reason.channel)).toContain("keyword");
  });

  it("hands out search results the caller may change without changing what the next search returns", async () => {
    await memory.add([{ role: "user", content: "I moved to Lisbon last month", id: "m1" }], {
      userId: "u1",
      metadata: { place: { city: "Lisbon" } },
    });
    const first = (await memory.search("Where did the user move?", { userId: "u1", topK: 5 })).results;
    for (const result of first) {
      result.sources.push("changed");
      result.speakers.push("changed");
      (result.metadata as { place?: { city: string } }).place = { city: "changed" };
    }
    const again = (await memory.search("Where did the user move to?", { userId: "u1", topK: 5 })).results;
    expect(again.length).toBeGreaterThan(0);
    for (const result of again) {
      expect(result.sources).not.toContain("changed");
      expect(result.speakers).not.toContain("changed");
      expect(result.metadata).toEqual({ place: { city: "Lisbon" } });
    }
  });

  it("reads its own writes immediately", async () => {
    const notes = [
      "Visited the tile museum in Lisbon",
      "Bought a secondhand cello from a neighbour",
      "Learned to bake sourdough with rye flour",
      "Planted tomatoes and basil on the balcony",
      "Watched a documentary about octopuses",
    ];
    for (const note of notes) {
      await memory.add(note, { userId: "u1" });
      const { results } = await memory.search(note, { userId: "u1", topK: 1 });
      expect(results[0]?.memory).toBe(note);
    }
  });

  it("recalls Chinese memories with Chinese queries", async () => {
    await memory.add([{ role: "user", content: "我最近在学葡萄牙语，每周二晚上上课。" }], { userId: "u1" });
    await memory.add([{ role: "user", content: "我上周六去了辛特拉徒步。" }], { userId: "u1" });
    const { results } = await memory.search("葡萄牙语", { userId: "u1", topK: 2 });
    expect(results[0]?.memory).toContain("葡萄牙语");
    expect((await memory.get(results[0]?.id ?? "", {})).language).toBe("zh");
  });

  it("keeps two users and two tenants apart on every call", async () => {
    const alice = await memory.add("Alice keeps bees on her roof", { userId: "alice" });
    const bob = await memory.add("Bob keeps bees in his garden", { userId: "bob" });
    const otherTenant = await memory.add("Tenant two keeps bees too", { tenantId: "t2", userId: "alice" });
    const aliceSearch = await memory.search("bees", { userId: "alice" });
    expect(aliceSearch.results.map((result) => result.memory)).toEqual(["Alice keeps bees on her roof"]);
    const tenantTwo = await memory.search("bees", { tenantId: "t2", userId: "alice" });
    expect(tenantTwo.results.map((result) => result.memory)).toEqual(["Tenant two keeps bees too"]);
    expect((await memory.getAll({ userId: "bob" })).results.map((item) => item.id)).toEqual([bob.results[0]?.id]);
    const aliceId = alice.results[0]?.id ?? "";
    expect(await codeOf(memory.get(aliceId, { tenantId: "t2" }))).toBe("MEMORY_NOT_FOUND");
    expect(await codeOf(memory.delete(aliceId, { tenantId: "t2" }))).toBe("MEMORY_NOT_FOUND");
    expect(await codeOf(memory.update(aliceId, { text: "hijacked" }, { tenantId: "t2" }))).toBe("MEMORY_NOT_FOUND");
    expect(await codeOf(memory.history(aliceId, { tenantId: "t2" }))).toBe("MEMORY_NOT_FOUND");
    expect((await memory.get(aliceId)).memory).toBe("Alice keeps bees on her roof");
    expect((await memory.get(otherTenant.results[0]?.id ?? "", { tenantId: "t2" })).tenantId).toBe("t2");
  });

  it("merges an exact duplicate into the older memory and records NONE", async () => {
    const first = await memory.add([{ role: "user", content: "I am allergic to peanuts.", id: "a" }], { userId: "u1" });
    const second = await memory.add([{ role: "user", content: "i am allergic to peanuts", id: "b" }], { userId: "u1" });
    expect(second.results[0]).toMatchObject({ id: first.results[0]?.id, event: "NONE" });
    const merged = await memory.get(first.results[0]?.id ?? "");
    expect(merged.sources).toEqual(["a", "b"]);
    expect(merged.strength).toBe(2);
    expect((await memory.history(merged.id)).map((entry) => entry.event)).toEqual(["ADD", "NONE"]);
    expect((await memory.stats()).activeMemories).toBe(1);
    expect((await memory.stats()).episodes).toBe(2);
  });

  it("skips greetings when inferring and keeps everything verbatim with infer: false", async () => {
    const inferred = await memory.add(
      [
        { role: "user", content: "Hi!" },
        { role: "user", content: "Thanks!" },
      ],
      { userId: "u1" },
    );
    expect(inferred.results).toEqual([]);
    expect(inferred.episodes).toHaveLength(2);
    const verbatim = await memory.add([{ role: "user", content: "Hi!" }], { userId: "u1", infer: false });
    expect(verbatim.results.map((item) => item.memory)).toEqual(["Hi!"]);
  });

  it("resolves 'my sister' in a query to the sister the user named before", async () => {
    await memory.add([{ role: "user", name: "Lena", content: "My sister Anna lives in Porto." }], { userId: "u1" });
    await memory.add([{ role: "user", name: "Lena", content: "My colleague Tom lives in Braga." }], { userId: "u1" });
    const found = await memory.search("Where does my sister live?", { userId: "u1" });
    expect(found.query.entities).toEqual(["Anna"]);
    expect(found.results[0]?.memory).toBe("Lena's sister Anna lives in Porto.");
  });

  it("re-derives an edited memory's entities and relations from its new text", async () => {
    const say = (content: string) => memory.add([{ role: "user", name: "Lena", content }], { userId: "u1" });
    const lived = await say("I live in Lisbon with my cat Miso.");
    const { id } = lived.results[0] ?? { id: "" };
    expect((await memory.get(id)).entities).toEqual(expect.arrayContaining(["Lisbon", "Miso"]));
    await memory.update(id, { text: "Lena lives in Porto." });
    const edited = await memory.get(id);
    expect(edited.entities).toContain("Porto");
    expect(edited.entities).not.toContain("Lisbon");
    expect(edited.entities).not.toContain("Miso");
    // The edit's residence is what a later move ends (the old text's Lisbon was closed by the edit).
    const moved = await say("I moved to Berlin last week.");
    expect(moved.results.map((item) => [item.event, item.id === id ? "edited" : item.memory])).toEqual([
      ["ADD", "Lena moved to Berlin last week."],
      ["SUPERSEDE", "edited"],
    ]);
  });

  it("updates with history and refuses a stale version", async () => {
    const { results } = await memory.add("My favourite colour is blue", { userId: "u1" });
    const id = results[0]?.id ?? "";
    const updated = await memory.update(id, { text: "My favourite colour is green", metadata: { source: "correction" } });
    expect(updated).toMatchObject({ memory: "My favourite colour is green", version: 2, metadata: { source: "correction" } });
    expect(await codeOf(memory.update(id, { text: "red", version: 1 }))).toBe("VERSION_CONFLICT");
    const history = await memory.history(id);
    expect(history.map((entry) => [entry.event, entry.beforeText, entry.afterText])).toEqual([
      ["ADD", undefined, "My favourite colour is blue"],
      ["UPDATE", "My favourite colour is blue", "My favourite colour is green"],
    ]);
    const found = await memory.search("favourite colour", { userId: "u1" });
    expect(found.results.map((result) => result.memory)).toEqual(["My favourite colour is green"]);
  });

  it("deletes for real: gone from get, search, list, and history keeps only a tombstone", async () => {
    const { results } = await memory.add("The door code is canary-5521", { userId: "u1" });
    const id = results[0]?.id ?? "";
    await memory.delete(id);
    expect(await codeOf(memory.get(id))).toBe("MEMORY_NOT_FOUND");
    expect(await codeOf(memory.delete(id))).toBe("MEMORY_NOT_FOUND");
    expect((await memory.search("door code canary", { userId: "u1" })).results).toEqual([]);
    expect((await memory.getAll({ userId: "u1" })).total).toBe(0);
    const history = await memory.history(id);
    expect(history.map((entry) => entry.event)).toEqual(["ADD", "DELETE"]);
    expect(JSON.stringify(history)).not.toContain("canary-5521");
    expect(history[1]?.beforeHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("deletes everything of one user and nothing of another", async () => {
    await memory.add("Alice likes sailing", { userId: "alice", sessionId: "x" });
    await memory.add("Alice likes rowing", { userId: "alice", sessionId: "y" });
    await memory.add("Bob likes sailing", { userId: "bob" });
    expect(await memory.deleteAll({ userId: "alice" })).toEqual({ deletedMemories: 2, deletedEpisodes: 2 });
    expect((await memory.search("sailing", { userId: "alice" })).results).toEqual([]);
    expect((await memory.search("sailing", { userId: "bob" })).results).toHaveLength(1);
    expect(await codeOf(memory.deleteAll({}))).toBe("INPUT_INVALID");
  });

  it("pages and filters getAll", async () => {
    for (let index = 0; index < 7; index += 1) {
      await memory.add(`Note number ${index} about gardening`, { userId: "u1", metadata: { batch: index % 2 === 0 ? "even" : "odd" } });
    }
    const page = await memory.getAll({ userId: "u1", limit: 3, offset: 3 });
    expect(page).toMatchObject({ total: 7, limit: 3, offset: 3 });
    expect(page.results).toHaveLength(3);
    const odd = await memory.getAll({ userId: "u1", filters: { metadata: { batch: "odd" } } });
    expect(odd.total).toBe(3);
  });

  it("cuts results to the token budget", async () => {
    const trips = [
      "The hiking trip to the Alps went through long mountain trails with friends",
      "Our hiking trip in Scotland was rainy but the lochs were beautiful",
      "A short hiking trip near Sintra ended with pastries at a bakery",
      "The winter hiking trip needed crampons and a very early start",
      "On the family hiking trip the kids collected pine cones all day",
      "Last autumn's hiking trip followed the coast from village to village",
    ];
    for (const trip of trips) await memory.add(trip, { userId: "u1" });
    const all = await memory.search("hiking trip", { userId: "u1", topK: 6 });
    const cut = await memory.search("hiking trip", { userId: "u1", topK: 6, tokenBudget: 40 });
    expect(all.results).toHaveLength(6);
    expect(cut.results.length).toBeGreaterThan(0);
    expect(cut.results.length).toBeLessThan(6);
    expect(cut.tokens).toBeLessThanOrEqual(40);
  });

  it("recalls a memory holding tokenizer control text such as <|endoftext|> (its search used to throw)", async () => {
    await memory.add("My wifi password hint is <|endoftext|> written backwards", { userId: "u1" });
    const found = await memory.search("wifi password hint", { userId: "u1" });
    expect(found.results[0]?.memory).toContain("<|endoftext|>");
    expect(found.tokens).toBeGreaterThan(0);
  });

  it("recalls by words that name members of every JavaScript object ('constructor' made every such search fail)", async () => {
    await memory.add("The constructor of the old bridge was my grandfather", { userId: "u1" });
    const found = await memory.search("Who was the constructor of the bridge?", { userId: "u1" });
    expect(found.results[0]?.memory).toContain("constructor of the old bridge");
    expect(found.results.every((result) => Number.isFinite(result.score))).toBe(true);
  });

  it("answers bad input with coded errors and writes nothing", async () => {
    const before = await memory.stats();
    expect(await codeOf(memory.add("", { userId: "u1" }))).toBe("INPUT_INVALID");
    expect(await codeOf(memory.add("valid text", {}))).toBe("SCOPE_REQUIRED");
    expect(await codeOf(memory.add([{ role: "robot", content: "x" }] as never, { userId: "u1" }))).toBe("INPUT_INVALID");
    expect(await codeOf(memory.add("valid text", { userId: "u1", unknownField: 1 } as never))).toBe("INPUT_INVALID");
    expect(await codeOf(memory.add("valid text", { userId: "u1", timestamp: "yesterday-ish" }))).toBe("INPUT_INVALID");
    expect(await codeOf(memory.search("", { userId: "u1" }))).toBe("INPUT_INVALID");
    expect(await codeOf(memory.search("x", { userId: "u1", topK: 0 }))).toBe("INPUT_INVALID");
    expect(await codeOf(memory.get(""))).toBe("INPUT_INVALID");
    // A lone surrogate half would be stored as U+FFFD: refused rather than altered.
    expect(await codeOf(memory.add("broken \uD800 text", { userId: "u1" }))).toBe("INPUT_INVALID");
    expect(await codeOf(memory.add([{ role: "user", content: "fine", name: "A\uDC00" }], { userId: "u1" }))).toBe("INPUT_INVALID");
    expect(await codeOf(memory.search("broken \uD800", { userId: "u1" }))).toBe("INPUT_INVALID");
    expect(await memory.stats()).toEqual(before);
    const emoji = await memory.add([{ role: "user", content: "I love 😀 and café", id: "e" }], { userId: "u1", infer: false });
    expect((await memory.get(emoji.results[0]?.id ?? ""))?.memory).toBe("I love 😀 and café");
  });

  it("answers the longest queries and stores the longest messages the schemas allow", async () => {
    await memory.add([{ role: "user", content: "I went hiking near Porto last Saturday", id: "hike" }], { userId: "u1" });
    // One 10,000-letter word once failed with STORE_FAILED (a regular expression ran out of stack) and was split
    // into 10,000 compounds.
    for (const query of ["h".repeat(10_000), "hiking Porto ".repeat(769), "Ana told Ben ".repeat(769)]) {
      const { results } = await memory.search(query, { userId: "u1" });
      expect(Array.isArray(results)).toBe(true);
    }
    expect((await memory.search(`${"h".repeat(9_000)} hiking`, { userId: "u1" })).results[0]?.sources).toEqual(["hike"]);
    // 100,000 characters with a date every 14: thousands of time expressions in one message.
    const { episodes } = await memory.add("last Saturday ".repeat(7_142), { userId: "u2" });
    expect(episodes).toHaveLength(1);
    expect((await memory.search("Saturday", { userId: "u2" })).results.length).toBeGreaterThan(0);
  });

  it("adds and recalls texts built to make its patterns backtrack (each took seconds to minutes before)", async () => {
    const n = 30_000;
    const texts = {
      relation: `I love${" ".repeat(n)}${"x".repeat(70)}`,
      role: `my dad${" ".repeat(n)}s`,
      name: `Anna${" ".repeat(n)}x`,
      tense: `${"aé".repeat(n / 2)} in June`,
      hash: `a${".".repeat(n)}a`,
    };
    for (const [id, text] of Object.entries(texts)) await memory.add([{ role: "user", content: text, id }], { userId: "u1" });
    const { results } = await memory.search("love June Anna dad", { userId: "u1" });
    expect(results.map((result) => result.sources[0]).sort()).toEqual(expect.arrayContaining(["name", "relation", "role", "tense"]));
    expect((await memory.search(`${"中".repeat(9_990)}x之前`, { userId: "u1" })).results.length).toBeGreaterThan(0);
  });

  it("counts history entries per user and in all", async () => {
    await memory.add("I live in Lisbon", { userId: "a" });
    await memory.add("I love green tea", { userId: "b" });
    await memory.add("I play jazz piano", { userId: "b" });
    expect((await memory.stats({ userId: "a" })).historyEntries).toBe(1);
    expect((await memory.stats({ userId: "b" })).historyEntries).toBe(2);
    expect((await memory.stats()).historyEntries).toBe(3);
  });

  it("resets one tenant", async () => {
    await memory.add("Tenant default fact", { userId: "u1" });
    await memory.add("Tenant two fact", { userId: "u1", tenantId: "t2" });
    await memory.reset();
    expect((await memory.stats({ tenantId: "default" })).memories).toBe(0);
    expect((await memory.stats({ tenantId: "t2" })).memories).toBe(1);
  });
});

/** Reads a property of an object with private fields through a proxy (methods bound to the real object). */
function bound(target: object, property: string | symbol): unknown {
  const value: unknown = Reflect.get(target, property, target);
  return typeof value === "function" ? value.bind(target) : value;
}

describe("recall channels", () => {
  it("leaves the vector channel out with the lexical offline embedder unless a weight is configured", async () => {
    const path = freshPath();
    const texts = ["I adopted a kitten named Miso", "My brother plays the cello", "We went hiking near Sintra"];
    const plain = await createMemory({ path });
    try {
      for (const text of texts) await plain.add(text, { userId: "u1" });
      const { results } = await plain.search("kitten Miso", { userId: "u1" });
      expect(results[0]?.memory).toContain("Miso");
      expect(results.flatMap((result) => result.why.map((reason) => reason.channel))).not.toContain("vector");
    } finally {
      await plain.close();
    }
    const weighted = await createMemory({ path, recall: { weights: { vector: 0.3 } } });
    try {
      const { results } = await weighted.search("kitten Miso", { userId: "u1" });
      expect(results[0]?.why.map((reason) => reason.channel)).toContain("vector");
    } finally {
      await weighted.close();
    }
  });

  it("ranks a message stored word for word first when both keyword channels find it (infer: false)", async () => {
    // Each message is a turn and a memory with the same words; split in two, they lost to turns lifted by their
    // neighbours. With the turn's rank lent to its memory (verbatimShare), the message itself comes first.
    const names = ["Zara", "Lorenzo", "Elena", "Mateo", "Oliver", "Priya", "Kofi", "Noor", "Gustav", "Lucia"];
    const dishes = ["pierogi", "ramen", "paella", "shakshuka", "moussaka", "lemon tart", "risotto", "bibimbap"];
    const places = ["jazz bar", "climbing gym", "lake cabin", "coastal trail", "old harbour", "football pitch"];
    const activities = ["learning chess", "learning the piano", "practising yoga", "learning fencing", "knitting"];
    const messages = Array.from({ length: 30 }, (_, index) => {
      const name = names[index % names.length];
      const content =
        index % 2 === 0
          ? `${name} cooked ${dishes[index % dishes.length]} for ${index + 3} friends at the ${places[index % places.length]} and felt relaxed.`
          : `${name} has been ${activities[index % activities.length]} for ${index} weeks and says it helps after work at the ${places[(index + 1) % places.length]}.`;
      return { role: "user" as const, content, id: `m${index}` };
    });
    const topSources = async (recall?: { verbatimShare: number }) => {
      const memory = await createMemory({ path: freshPath(), ...(recall ? { recall } : {}) });
      try {
        await memory.add(messages, { userId: "u1", infer: false });
        const firsts: string[] = [];
        for (const index of [4, 12, 20, 26]) {
          const message = messages[index];
          const place = places[index % places.length];
          const question = `What did ${message?.content.split(" ")[0]} cook for friends at the ${place}?`;
          const { results } = await memory.search(question, { userId: "u1", topK: 5 });
          firsts.push(results[0]?.sources[0] ?? "none");
          if (recall === undefined) {
            expect(results[0]?.type).toBe("memory");
            expect(results[0]?.why.map((reason) => reason.channel)).toEqual(expect.arrayContaining(["keyword", "episode"]));
          }
        }
        return firsts;
      } finally {
        await memory.close();
      }
    };
    const expected = ["m4", "m12", "m20", "m26"];
    expect(await topSources()).toEqual(expected);
    // Without it, the turn after a message (lifted as its neighbour) comes first at least once here; at scale
    // (300,000 messages of 300 users) the message came first for 54% of its questions, 93% with it.
    const split = await topSources({ verbatimShare: 0 });
    expect(split).not.toEqual(expected);
  });

  it("finds a memory by its own words among many near-identical ones (diversity does not push it out)", async () => {
    // Memories written from one template differ in a few words. Searching one by its exact text used to miss it
    // in the top 10 now and then: it resembled a result ranked just ahead, and the diversity step demoted it.
    const names = ["Dmitri", "Mei", "Kwame", "Stefan", "Ingrid", "Pavel", "Mira", "Nikolai", "Rania", "Oliver", "Marcus", "Grace"];
    const foods = ["lemon tart", "lamb tagine", "fish tacos", "butter chicken", "banana bread", "miso soup", "jollof rice", "paella"];
    const cities = ["Hanoi", "Vancouver", "Seoul", "Marrakesh", "Copenhagen", "Helsinki", "Seville", "Lima"];
    const feelings = ["nostalgic", "grateful", "hungry", "happy"];
    const texts = Array.from({ length: 384 }, (_, index) => {
      const name = names[index % names.length];
      const food = foods[Math.floor(index / names.length) % foods.length];
      const city = cities[Math.floor(index / (names.length * foods.length)) % cities.length];
      const years = 5 + ((index * 37) % 5);
      return `${name} still thinks about the ${food} from a tiny stall in ${city}; it was ${years} years ago and the memory makes them feel ${feelings[(index * 7) % feelings.length]}.`;
    });
    const memory = await createMemory({ path: freshPath(), recallCacheSize: 0 });
    try {
      const added: Array<{ id: string; text: string }> = [];
      for (let index = 0; index < texts.length; index += 2) {
        const messages = texts.slice(index, index + 2).map((content, turn) => ({ role: "user" as const, content, id: `t${index + turn}` }));
        const { results } = await memory.add(messages, { userId: "u1" });
        for (const item of results) if (item.event === "ADD") added.push({ id: item.id, text: item.memory });
      }
      expect(added.length).toBe(texts.length);
      const missed: string[] = [];
      for (const { id, text } of added) {
        const { sourceEpisodeIds } = await memory.get(id);
        const { results } = await memory.search(text, { userId: "u1", topK: 10 });
        const found = results.some(
          (result) => result.id === id || result.sourceEpisodeIds.some((episode) => sourceEpisodeIds.includes(episode)),
        );
        if (!found) missed.push(text);
      }
      expect(missed).toEqual([]);
    } finally {
      await memory.close();
    }
  });

  it("ranks the reply to a matching question no lower than right after it (the reply channel)", async () => {
    const conversation = [
      ["Maria", "I volunteered at the shelter again this weekend"],
      ["John", "Nice! I joined the march for veterans' rights on Saturday"],
      ["Maria", "Wow, John! What inspired you to join the march?"],
      ["John", "I have always had great respect for our military and wanted to show my support"],
      ["Maria", "That is admirable. My cousin served in the navy for ten years"],
      ["John", "My knee still hurts from the basketball game, I need some rest"],
      ["Maria", "Did you join the book club in March?"],
      ["John", "No, work kept me too busy this spring"],
      ["Maria", "My church friends organised a march for clean water last year"],
      ["John", "I joined a new basketball team and we won our first game"],
      ["Maria", "I started baking sourdough bread on weekends"],
      ["John", "The team went out for pizza after the game"],
      ["Maria", "I am reading a book about leadership that inspired me"],
      ["John", "My sister is visiting from Chicago next week"],
    ].map(([name, content], index) => ({ role: "user" as const, name, content: content ?? "", id: `D1:${index + 1}` }));
    const ranked = async (recall?: { weights: { reply: number } }) => {
      const memory = await createMemory({ path: freshPath(), ...(recall ? { recall } : {}) });
      try {
        await memory.add(conversation, { userId: "u1", timestamp: "2023-07-03T10:00:00Z" });
        const { results } = await memory.search("What inspired John to join the march for veterans?", { userId: "u1", topK: 8 });
        return results;
      } finally {
        await memory.close();
      }
    };
    const results = await ranked();
    const question = results.findIndex((result) => result.sources.includes("D1:3"));
    const reply = results.findIndex((result) => result.sources.includes("D1:4"));
    expect(question).toBeGreaterThanOrEqual(0);
    // The reply keeps nearly its question's score: never below the turn after it (here it leads).
    expect(reply).toBeGreaterThanOrEqual(0);
    expect(reply).toBeLessThanOrEqual(question + 1);
    expect(results[reply]?.why.map((reason) => reason.channel)).toContain("reply");
    // Without the channel the answer, which shares no word with the query but "John", ranks lower.
    const without = await ranked({ weights: { reply: 0 } });
    expect(without.findIndex((result) => result.sources.includes("D1:4"))).toBeGreaterThan(reply);
  });

  it("lifts the turns of the person a question is about, not of the one it names as the other party", async () => {
    const conversation = [
      ["Dara", "My advice for the bakery: keep the menu short and bake fresh every morning"],
      ["Ben", "My advice for the bakery: keep the menu short and hire a second baker soon"],
      ["Dara", "I might open a second shop next year"],
      ["Ben", "The oven repair took all of Tuesday"],
    ].map(([name, content], index) => ({ role: "user" as const, name, content: content ?? "", id: `D1:${index + 1}` }));
    const memory = await createMemory({ path: freshPath() });
    try {
      await memory.add(conversation, { userId: "u1", infer: false, timestamp: "2023-07-03T10:00:00Z" });
      const first = async (query: string) => (await memory.search(query, { userId: "u1", topK: 2 })).results[0]?.sources;
      expect(await first("What advice did Dara give to Ben about the bakery menu?")).toEqual(["D1:1"]);
      expect(await first("What advice did Ben give to Dara about the bakery menu?")).toEqual(["D1:2"]);
    } finally {
      await memory.close();
    }
  });

  it("reads a relative date in a question against the conversation's last day as well as today", async () => {
    const path = freshPath();
    const clock = { now: () => new Date("2026-11-23T10:00:00Z") };
    const memory = await createMemory({ path, clock });
    try {
      await memory.add([{ role: "user", content: "I ran a half marathon in Porto yesterday", id: "t1" }], {
        userId: "u1",
        timestamp: "2023-06-11T09:00:00Z",
      });
      await memory.add([{ role: "user", content: "My sister visited me", id: "t2" }], { userId: "u1", timestamp: "2023-10-20T09:00:00Z" });
      // "in June" is June 2026 from today, June 2023 from the conversation's last day (20 October 2023).
      const response = await memory.search("What did I do in June?", { userId: "u1" });
      expect(response.query.timeRange?.start).toBe("2026-06-01T00:00:00.000Z");
      const dated = response.results.find((result) => result.why.some((reason) => reason.channel === "time"));
      expect(dated?.memory).toContain("half marathon");
      // A part of the day alone names no range.
      expect((await memory.search("How was the opening night?", { userId: "u1" })).query.timeRange).toBeUndefined();
    } finally {
      await memory.close();
    }
  });

  it("ranks what was said lately a little higher when the words match equally", async () => {
    const order = async (greenSaid: string, blackSaid: string, recall?: { recencyBoost: number }) => {
      const memory = await createMemory({
        path: freshPath(),
        clock: { now: () => new Date("2024-06-30T12:00:00Z") },
        ...(recall ? { recall } : {}),
      });
      try {
        await memory.add([{ role: "user", content: "I drink green tea every morning", id: "green" }], {
          userId: "u1",
          timestamp: greenSaid,
        });
        await memory.add([{ role: "user", content: "I drink black tea every morning", id: "black" }], {
          userId: "u1",
          timestamp: blackSaid,
        });
        const { results } = await memory.search("tea every morning", { userId: "u1", topK: 2 });
        return results.map((result) => result.sources[0]);
      } finally {
        await memory.close();
      }
    };
    expect(await order("2024-06-28T09:00:00Z", "2023-01-10T09:00:00Z")).toEqual(["green", "black"]);
    expect(await order("2023-01-10T09:00:00Z", "2024-06-28T09:00:00Z")).toEqual(["black", "green"]);
    // Both long ago: recency cannot tell them apart, so it leaves the order of everything else alone.
    const old = await order("2021-01-10T09:00:00Z", "2021-01-11T09:00:00Z");
    expect(await order("2021-01-10T09:00:00Z", "2021-01-11T09:00:00Z", { recencyBoost: 0 })).toEqual(old);
  });

  it("ranks what is dated outside a range the query names outright below what is inside it", async () => {
    // The time channel is off here, to see the adjustment alone (on, it also lifts what is dated in the range).
    const order = async (query: string, outsideNamedRange?: number) => {
      const recall = { weights: { time: 0 }, ...(outsideNamedRange === undefined ? {} : { outsideNamedRange }) };
      const memory = await createMemory({ path: freshPath(), clock: { now: () => new Date("2024-06-30T12:00:00Z") }, recall });
      try {
        // The January turn repeats the query's words; the April one says less but is dated where the query asks.
        await memory.add([{ role: "user", content: "I had to undergo a big change, a real transformation: a new haircut", id: "jan" }], {
          userId: "u1",
          timestamp: "2022-01-21T09:00:00Z",
        });
        await memory.add([{ role: "user", content: "I dyed my hair purple, quite a change", id: "apr" }], {
          userId: "u1",
          timestamp: "2022-04-15T09:00:00Z",
        });
        // Unrelated turns, so that "change" is not in most of the scope's rows.
        for (const [index, content] of ["I play chess on Sundays", "My sister lives in Porto", "We adopted a cat"].entries())
          await memory.add([{ role: "user", content, id: `other${index}` }], { userId: "u1", timestamp: "2022-03-01T09:00:00Z" });
        const { results } = await memory.search(query, { userId: "u1", topK: 5 });
        return results.map((result) => result.sources[0]).filter((source) => source === "jan" || source === "apr");
      } finally {
        await memory.close();
      }
    };
    const question = "What transformation did I undergo, what change in April 2022?";
    expect(await order(question)).toEqual(["apr", "jan"]);
    // Without the adjustment the better keyword match leads, date or not.
    expect(await order(question, 1)).toEqual(["jan", "apr"]);
  });

  it("counts the time channel namedRangeTimeFactor times when the query names its range outright, not for 'last month'", async () => {
    // One memory, dated in April 2022, that shares no word with the questions: only the time channel finds it.
    const scoreOf = async (query: string, now: string, namedRangeTimeFactor: number) => {
      const memory = await createMemory({ path: freshPath(), clock: { now: () => new Date(now) }, recall: { namedRangeTimeFactor } });
      try {
        await memory.add([{ role: "user", content: "We hiked the Arrábida trail with friends", id: "hike" }], {
          userId: "u1",
          timestamp: "2022-04-12T09:00:00Z",
        });
        const { results } = await memory.search(query, { userId: "u1", topK: 3 });
        const found = results.find((result) => result.sources.includes("hike"));
        expect(found?.why.map((reason) => reason.channel)).toEqual(["time"]);
        return found?.score ?? Number.NaN;
      } finally {
        await memory.close();
      }
    };
    const named = "What happened in April 2022?";
    expect((await scoreOf(named, "2024-06-30T12:00:00Z", 2)) / (await scoreOf(named, "2024-06-30T12:00:00Z", 1))).toBeCloseTo(2, 3);
    const relative = "What happened last month?";
    expect(await scoreOf(relative, "2022-05-15T12:00:00Z", 2)).toBeCloseTo(await scoreOf(relative, "2022-05-15T12:00:00Z", 1), 9);
  });

  it("reads 'before the wedding' as the time up to the day the scope's memories date the wedding", async () => {
    const memory = await createMemory({ path: freshPath(), clock: { now: () => new Date("2023-09-01T10:00:00Z") } });
    try {
      const say = (content: string, id: string, timestamp: string, userId = "u1") =>
        memory.add([{ role: "user", content, id }], { userId, timestamp });
      await say("Our wedding is on 10 June 2023 in Sintra", "w", "2023-03-01T09:00:00Z");
      await say("I went hiking in the Alps on 2 May 2023", "hike", "2023-05-03T09:00:00Z");
      await say("I bought a linen suit on 1 June 2023", "suit", "2023-06-02T09:00:00Z");
      await say("We flew to Japan on 20 June 2023", "japan", "2023-06-21T09:00:00Z");
      const before = await memory.search("What did I do before the wedding?", { userId: "u1", topK: 5 });
      expect(before.query.timeRange).toEqual({
        start: "2022-06-10T00:00:00.000Z",
        end: "2023-06-10T00:00:00.000Z",
        text: "before the wedding",
      });
      const dated = (response: typeof before) =>
        response.results.filter((result) => result.why.some((reason) => reason.channel === "time")).map((result) => result.sources[0]);
      // Nearest to the wedding first; what came after it is not in the range.
      expect(dated(before)).toEqual(["suit", "hike"]);
      const after = await memory.search("Where did we go after the wedding?", { userId: "u1", topK: 5 });
      expect(dated(after)).toEqual(["japan"]);
      // An event the scope never mentions names no range.
      expect((await memory.search("What did I do before the funeral?", { userId: "u1" })).query.timeRange).toBeUndefined();
      // The same in Chinese.
      await say("我们的婚礼在2023年6月10日", "zh-w", "2023-03-01T09:00:00Z", "u2");
      await say("2023年6月1日我买了一套西装", "zh-suit", "2023-06-02T09:00:00Z", "u2");
      await say("2023年6月20日我们去了日本", "zh-japan", "2023-06-21T09:00:00Z", "u2");
      const chinese = await memory.search("婚礼之前我做了什么？", { userId: "u2", topK: 5 });
      expect(chinese.query.timeRange?.end).toBe("2023-06-10T00:00:00.000Z");
      expect(dated(chinese)).toEqual(["zh-suit"]);
    } finally {
      await memory.close();
    }
  });

  it("reads 'before June 2023' and 'after June 2023' as the year on that side of June, nearest first", async () => {
    const memory = await createMemory({ path: freshPath(), clock: { now: () => new Date("2023-09-01T10:00:00Z") } });
    try {
      const say = (content: string, id: string, timestamp: string) =>
        memory.add([{ role: "user", content, id }], { userId: "u1", timestamp });
      await say("I went hiking in the Alps on 2 April 2023", "hike", "2023-04-03T09:00:00Z");
      await say("I bought a linen suit on 25 May 2023", "suit", "2023-05-26T09:00:00Z");
      await say("I painted the kitchen on 12 June 2023", "paint", "2023-06-13T09:00:00Z");
      await say("We flew to Japan on 20 July 2023", "japan", "2023-07-21T09:00:00Z");
      const dated = (response: Awaited<ReturnType<typeof memory.search>>) =>
        response.results.filter((result) => result.why.some((reason) => reason.channel === "time")).map((result) => result.sources[0]);
      const before = await memory.search("What did I do before June 2023?", { userId: "u1", topK: 5 });
      expect(before.query.timeRange).toEqual({
        start: "2022-05-31T00:00:00.000Z",
        end: "2023-06-01T00:00:00.000Z",
        text: "before June 2023",
      });
      expect(dated(before)).toEqual(["suit", "hike"]);
      expect(dated(await memory.search("What did I do after June 2023?", { userId: "u1", topK: 5 }))).toEqual(["japan"]);
      expect(dated(await memory.search("What have I done since June 2023?", { userId: "u1", topK: 5 }))).toEqual(["paint", "japan"]);
    } finally {
      await memory.close();
    }
  });
});

describe("transactional writes", () => {
  it("leaves the store unchanged when a write fails midway", async () => {
    const store = createSqliteStore({ path: freshPath() });
    let inserts = 0;
    const failing: MemoryStore = new Proxy(store, {
      get(target, property) {
        if (property !== "transaction") return bound(target, property);
        return <T>(work: (writer: StoreWriter) => Promise<T>) =>
          target.transaction((writer) =>
            work(
              new Proxy(writer, {
                get(innerTarget, innerProperty) {
                  if (innerProperty !== "insertMemory") return bound(innerTarget, innerProperty);
                  return async (...args: Parameters<StoreWriter["insertMemory"]>) => {
                    inserts += 1;
                    if (inserts === 2) throw new Error("disk on fire");
                    return innerTarget.insertMemory(...args);
                  };
                },
              }),
            ),
          );
      },
    });
    const memory = await createMemory({ store: failing });
    await expect(
      memory.add(
        [
          { role: "user", content: "First fact about sailing" },
          { role: "user", content: "Second fact about rowing" },
        ],
        { userId: "u1" },
      ),
    ).rejects.toThrow("disk on fire");
    const stats = await memory.stats();
    expect([stats.episodes, stats.memories, stats.historyEntries]).toEqual([0, 0, 0]);
    expect((await memory.search("sailing", { userId: "u1" })).results).toEqual([]);
    await memory.add("Third fact about kayaking", { userId: "u1" });
    expect((await memory.stats()).memories).toBe(1);
    await memory.close();
  });

  it("leaves no deleted text in the database file after delete and close", async () => {
    const path = freshPath();
    const memory = await createMemory({ path });
    const { results } = await memory.add("My passport number is CANARY998877", { userId: "u1" });
    await memory.add("Something else entirely about boats", { userId: "u1" });
    await memory.delete(results[0]?.id ?? "");
    await memory.close();
    for (const { bytes } of databaseFiles(path)) expect(bytes.includes(Buffer.from("CANARY998877"))).toBe(false);
  });

  it("forgets a deleted turn's words where the next turn indexed them as its context", async () => {
    const path = freshPath();
    const memory = await createMemory({ path });
    // One add with both turns (no session), and a live session written one message at a time.
    const batch = await memory.add(
      [
        { role: "user", name: "Ana", content: "My locker code is Vextrimol 4242." },
        { role: "assistant", content: "Got it, I will keep your locker code in mind." },
      ],
      { userId: "u1" },
    );
    const live = await memory.add([{ role: "user", name: "Ana", content: "My gate code is Quorblesk 99." }], {
      userId: "u1",
      sessionId: "s1",
    });
    await memory.add([{ role: "user", name: "Ana", content: "Unrelated: I walked the dog in the park." }], {
      userId: "u2",
      sessionId: "s1",
    });
    await memory.add([{ role: "assistant", content: "Noted, I will keep your gate code in mind." }], { userId: "u1", sessionId: "s1" });
    for (const [canary, results] of [
      ["Vextrimol", batch.results],
      ["Quorblesk", live.results],
    ] as const) {
      expect((await memory.search(canary, { userId: "u1" })).results.length).toBeGreaterThan(0);
      for (const item of results.filter((result) => result.memory.includes(canary))) await memory.delete(item.id);
      expect((await memory.search(canary, { userId: "u1" })).results).toEqual([]);
    }
    // The replies themselves stay.
    expect((await memory.search("keep your gate code in mind", { userId: "u1" })).results.length).toBeGreaterThan(0);
    await memory.close();
    for (const { name, bytes } of databaseFiles(path)) {
      const text = bytes.toString("latin1").toLowerCase();
      for (const canary of ["vextrimol", "quorblesk"]) expect(text.includes(canary), `${canary} in ${name}`).toBe(false);
    }
  });

  it("forgets the names only a deleted memory mentioned, and can learn them again", async () => {
    const path = freshPath();
    const memory = await createMemory({ path });
    await memory.add([{ role: "user", name: "Ana", content: "I had coffee with Lena in Lisbon." }], { userId: "u1" });
    const said = [{ role: "user" as const, name: "Ana", content: "My therapist Quillonbert says I should rest in Zorvathia." }];
    const { results } = await memory.add(said, { userId: "u1" });
    const before = (await memory.stats({ userId: "u1" })).entities;
    for (const item of results) await memory.delete(item.id);
    // The speaker and the people and places of the other memory stay.
    expect((await memory.stats({ userId: "u1" })).entities).toBeLessThan(before);
    expect((await memory.search("coffee with Lena in Lisbon", { userId: "u1" })).results).toHaveLength(1);
    const again = await memory.add(said, { userId: "u1" });
    expect(again.results.map((item) => item.event)).toEqual(["ADD"]);
    const { id } = again.results[0] ?? { id: "" };
    expect((await memory.get(id)).entities).toEqual(expect.arrayContaining(["Quillonbert", "Zorvathia"]));
    for (const item of again.results) await memory.delete(item.id);
    await memory.close();
    for (const { name, bytes } of databaseFiles(path)) {
      const text = bytes.toString("latin1").toLowerCase();
      for (const canary of ["quillonbert", "zorvathia", "therapist"]) expect(text.includes(canary), `${canary} in ${name}`).toBe(false);
    }
  });
});

describe("repeated-question cache", () => {
  it("reuses a recall until a write touches the scope, including a write from another process", async () => {
    const path = freshPath();
    const memory = await createMemory({ path });
    await memory.add("Lena keeps a sourdough starter called Bubbles", { userId: "u1" });
    await memory.add("Omar keeps bees", { userId: "u2" });
    const first = await memory.search("sourdough starter", { userId: "u1" });
    expect(first.cached).toBeUndefined();
    const again = await memory.search("  Sourdough STARTER?? ", { userId: "u1" });
    expect(again.cached).toBe(true);
    expect(again.results).toEqual(first.results);
    await memory.add("Omar's bees produced honey", { userId: "u2" });
    expect((await memory.search("sourdough starter", { userId: "u1" })).cached).toBe(true);
    await memory.add("Lena gave some sourdough starter to a neighbour", { userId: "u1" });
    const afterWrite = await memory.search("sourdough starter", { userId: "u1" });
    expect(afterWrite.cached).toBeUndefined();
    expect(afterWrite.results).toHaveLength(2);
    const other = await createMemory({ path });
    await other.add("Lena's sourdough starter died in the heatwave", { userId: "u1" });
    await other.close();
    const afterOtherProcess = await memory.search("sourdough starter", { userId: "u1" });
    expect(afterOtherProcess.cached).toBeUndefined();
    expect(afterOtherProcess.results).toHaveLength(3);
    await memory.close();
  });
});
