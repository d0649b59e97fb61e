import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMemory } from "../../create-memory.js";
import type { Memory } from "../engine/create-memory-engine.js";

const say = (content: string, id?: string) => [{ role: "user" as const, name: "Lena", content, ...(id === undefined ? {} : { id }) }];

describe("consolidation: understanding, supersession, merging, entities", () => {
  let memory: Memory;
  beforeEach(async () => {
    memory = await createMemory({ path: ":memory:" });
  });
  afterEach(async () => {
    await memory.close();
  });

  it("supersedes where someone lives, keeps the chain as history and answers asOf reads", async () => {
    const lisbon = await memory.add(say("I live in Lisbon.", "m1"), { userId: "u1", timestamp: "2024-01-10T10:00:00Z" });
    const porto = await memory.add(say("I moved to Porto last week.", "m2"), { userId: "u1", timestamp: "2024-05-10T10:00:00Z" });
    const berlin = await memory.add(say("I live in Berlin now.", "m3"), { userId: "u1", timestamp: "2024-09-10T10:00:00Z" });
    const lisbonId = lisbon.results[0]?.id ?? "";
    const portoId = porto.results.find((item) => item.event === "ADD")?.id ?? "";
    expect(porto.results).toContainEqual({ id: lisbonId, memory: "Lena lives in Lisbon.", event: "SUPERSEDE", supersededBy: portoId });
    expect(berlin.results.map((item) => item.event)).toEqual(["ADD", "SUPERSEDE"]);

    const now = await memory.search("Where does Lena live?", { userId: "u1" });
    expect(now.results.map((result) => result.memory)).toEqual(["Lena lives in Berlin now."]);
    const march = await memory.search("Where does Lena live?", { userId: "u1", asOf: "2024-03-01T00:00:00Z" });
    expect(march.results.map((result) => result.memory)).toEqual(["Lena lives in Lisbon."]);
    const june = await memory.search("Where does Lena live?", { userId: "u1", asOf: "2024-06-01T00:00:00Z" });
    expect(june.results.map((result) => result.memory)).toEqual(["Lena moved to Porto last week."]);
    const everything = await memory.search("Where does Lena live?", { userId: "u1", includeHistory: true });
    expect(everything.results.map((result) => [result.memory, result.status]).sort()).toEqual([
      ["Lena lives in Berlin now.", "active"],
      ["Lena lives in Lisbon.", "superseded"],
      ["Lena moved to Porto last week.", "superseded"],
    ]);

    const old = await memory.get(lisbonId);
    expect(old).toMatchObject({ status: "superseded", validTo: "2024-05-10T10:00:00.000Z", supersededBy: portoId });
    const history = await memory.history(lisbonId);
    expect(history.map((entry) => [entry.event, entry.beforeText, entry.afterText])).toEqual([
      ["ADD", undefined, "Lena lives in Lisbon."],
      ["SUPERSEDE", "Lena lives in Lisbon.", "Lena moved to Porto last week."],
    ]);
    expect((await memory.stats()).supersededMemories).toBe(2);
  });

  it("supersedes a favourite only for the same attribute", async () => {
    await memory.add(say("My favourite colour is blue."), { userId: "u1", timestamp: "2024-01-01T00:00:00Z" });
    await memory.add(say("My favourite food is ramen."), { userId: "u1", timestamp: "2024-01-02T00:00:00Z" });
    const update = await memory.add(say("My favourite colour is now green!"), { userId: "u1", timestamp: "2024-02-01T00:00:00Z" });
    expect(update.results.filter((item) => item.event === "SUPERSEDE").map((item) => item.memory)).toEqual([
      "Lena's favourite colour is blue.",
    ]);
    const current = await memory.getAll({ userId: "u1" });
    expect(current.results.map((item) => item.memory).sort()).toEqual([
      "Lena's favourite colour is now green!",
      "Lena's favourite food is ramen.",
    ]);
  });

  it("treats an older statement imported late as history from the start", async () => {
    await memory.add(say("I live in Porto."), { userId: "u1", timestamp: "2024-05-01T00:00:00Z" });
    const late = await memory.add(say("I live in Lisbon."), { userId: "u1", timestamp: "2024-01-01T00:00:00Z" });
    const lisbonId = late.results.find((item) => item.event === "ADD")?.id ?? "";
    expect(await memory.get(lisbonId)).toMatchObject({
      status: "superseded",
      validFrom: "2024-01-01T00:00:00.000Z",
      validTo: "2024-05-01T00:00:00.000Z",
    });
    expect((await memory.search("where does Lena live", { userId: "u1" })).results[0]?.memory).toBe("Lena lives in Porto.");
    const january = await memory.search("where does Lena live", { userId: "u1", asOf: "2024-02-01T00:00:00Z" });
    expect(january.results.map((result) => result.memory)).toEqual(["Lena lives in Lisbon."]);
  });

  it("supersedes in Chinese too", async () => {
    await memory.add([{ role: "user", name: "小林", content: "我住在北京。" }], { userId: "u2", timestamp: "2023-03-01T00:00:00Z" });
    const moved = await memory.add([{ role: "user", name: "小林", content: "我上个月搬到了上海。" }], {
      userId: "u2",
      timestamp: "2024-03-15T00:00:00Z",
    });
    expect(moved.results.map((item) => [item.event, item.memory])).toEqual([
      ["ADD", "小林上个月搬到了上海。"],
      ["SUPERSEDE", "小林住在北京。"],
    ]);
    const added = await memory.get(moved.results[0]?.id ?? "");
    expect(added.eventStart?.slice(0, 7)).toBe("2024-02");
    expect(added.language).toBe("zh");
  });

  it("ends a relation a statement says no longer holds, in English and Chinese, and keeps it as history", async () => {
    const allergy = await memory.add(say("I'm allergic to peanuts.", "a1"), { userId: "u1", timestamp: "2024-01-10T10:00:00Z" });
    const job = await memory.add(say("I work at Google.", "j1"), { userId: "u1", timestamp: "2024-01-10T10:00:00Z" });
    const chinese = await memory.add(say("我对花生过敏。", "c1"), { userId: "u2", timestamp: "2024-01-10T10:00:00Z" });
    const endings = [
      { text: "I'm not allergic to peanuts anymore.", userId: "u1", ended: allergy, now: "Lena is not allergic to peanuts anymore." },
      { text: "I quit my job at Google last week.", userId: "u1", ended: job, now: "Lena quit Lena's job at Google last week." },
      { text: "我对花生不过敏了。", userId: "u2", ended: chinese, now: "Lena对花生不过敏了。" },
    ];
    for (const ending of endings) {
      const result = await memory.add(say(ending.text), { userId: ending.userId, timestamp: "2024-06-10T10:00:00Z" });
      const endedId = ending.ended.results[0]?.id;
      const addedId = result.results.find((item) => item.event === "ADD")?.id;
      expect(result.results.map((item) => [item.event, item.memory])).toEqual([
        ["ADD", ending.now],
        ["SUPERSEDE", ending.ended.results[0]?.memory],
      ]);
      expect(result.results[1]?.supersededBy).toBe(addedId);
      expect((await memory.get(endedId ?? "")).status).toBe("superseded");
    }
    const now = await memory.search("Is Lena allergic to peanuts?", { userId: "u1" });
    expect(now.results[0]?.memory).toBe("Lena is not allergic to peanuts anymore.");
    expect(now.results.map((result) => result.memory)).not.toContain("Lena is allergic to peanuts.");
    const then = await memory.search("Is Lena allergic to peanuts?", { userId: "u1", asOf: "2024-03-01T00:00:00Z" });
    expect(then.results[0]?.memory).toBe("Lena is allergic to peanuts.");
    // A negation with nothing current to end is just a statement.
    const unrelated = await memory.add(say("I don't live in Porto anymore."), { userId: "u1" });
    expect(unrelated.results.map((item) => item.event)).toEqual(["ADD"]);
  });

  it("supersedes where someone the speaker names lives or works, but keeps a memory that says more", async () => {
    const works = await memory.add(say("Tom works at Globex."), { userId: "u1", timestamp: "2024-01-10T10:00:00Z" });
    const moved = await memory.add(say("Tom got a new job at Initech."), { userId: "u1", timestamp: "2024-05-10T10:00:00Z" });
    expect(moved.results.map((item) => [item.event, item.memory])).toEqual([
      ["ADD", "Tom got a new job at Initech."],
      ["SUPERSEDE", "Tom works at Globex."],
    ]);
    expect((await memory.get(works.results[0]?.id ?? "")).status).toBe("superseded");
    // This memory also says who Lena's sister is: Anna's move closes her residence but does not hide it.
    const sister = await memory.add(say("My sister Anna lives in Porto."), { userId: "u1", timestamp: "2024-01-10T10:00:00Z" });
    const anna = await memory.add(say("Anna moved to Madrid last month."), { userId: "u1", timestamp: "2024-05-10T10:00:00Z" });
    expect(anna.results.map((item) => item.event)).toEqual(["ADD"]);
    expect((await memory.get(sister.results[0]?.id ?? "")).status).toBe("active");
  });

  it("merges near-duplicates and keeps both sources", async () => {
    const first = await memory.add(say("I love hiking in the mountains", "a"), { userId: "u1" });
    const second = await memory.add(say("I really love hiking in the mountains", "b"), { userId: "u1" });
    expect(second.results).toEqual([{ id: first.results[0]?.id, memory: "Lena loves hiking in the mountains", event: "NONE" }]);
    expect((await memory.get(first.results[0]?.id ?? "")).sources).toEqual(["a", "b"]);
    const different = await memory.add(say("I hate hiking in the rain", "c"), { userId: "u1" });
    expect(different.results[0]?.event).toBe("ADD");
  });

  it("keeps statements apart that share most words but not the one that matters (thing, person, number)", async () => {
    const paella = await memory.add(say("Dmitri cooked paella for 12 friends at the lake cabin.", "a"), { userId: "u1" });
    const others = [
      "Dmitri cooked ramen for 12 friends at the lake cabin.",
      "Marcus cooked paella for 12 friends at the lake cabin.",
      "Dmitri cooked paella for 30 friends at the lake cabin.",
    ];
    for (const text of others) {
      const added = await memory.add(say(text), { userId: "u1" });
      expect(added.results.map((item) => [item.event, item.memory])).toEqual([["ADD", text]]);
    }
    // Each still has only its own source: nothing was merged into the first.
    expect((await memory.get(paella.results[0]?.id ?? "")).sources).toEqual(["a"]);
    expect((await memory.getAll({ userId: "u1" })).total).toBe(4);
  });

  it("resolves entities across messages, aliases included", async () => {
    await memory.add(say("My sister Anna lives in Porto."), { userId: "u1" });
    const call = await memory.add(say("Anna called me about her new puppy."), { userId: "u1" });
    const visit = await memory.add(say("My sister visited yesterday with cake."), { userId: "u1", timestamp: "2024-05-08T12:00:00Z" });
    expect((await memory.get(call.results[0]?.id ?? "")).entities).toEqual(expect.arrayContaining(["Lena", "Anna"]));
    const visited = await memory.get(visit.results[0]?.id ?? "");
    expect(visited.entities).toEqual(expect.arrayContaining(["Lena", "Anna"]));
    expect(visited.eventStart).toBe("2024-05-07T00:00:00.000Z");
    expect(visited.kind).toBe("event");
    expect((await memory.stats()).entities).toBe(3);
  });

  it("splits a message into statements, drops greetings and questions, and classifies kinds", async () => {
    const result = await memory.add(
      say("Hi! How are you? I started a pottery class last Saturday. I'm planning to visit Kyoto next spring. I really like matcha."),
      { userId: "u1", timestamp: "2024-05-08T13:56:00Z" },
    );
    const stored = await Promise.all(result.results.map((item) => memory.get(item.id)));
    expect(stored.map((item) => [item.memory, item.kind])).toEqual([
      ["Lena started a pottery class last Saturday.", "event"],
      ["Lena is planning to visit Kyoto next spring.", "plan"],
      ["Lena really likes matcha.", "preference"],
    ]);
    expect(stored[0]?.eventStart).toBe("2024-05-04T00:00:00.000Z");
    expect(new Set(stored.flatMap((item) => item.sourceEpisodeIds)).size).toBe(1);
  });
});
