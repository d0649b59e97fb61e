import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { createAiSdkLanguageModel } from "../../adapters/models/ai-sdk/index.js";
import { createMemory } from "../../create-memory.js";

type GenerateResult = Awaited<ReturnType<MockLanguageModelV3["doGenerate"]>>;

function answer(text: string): GenerateResult {
  return {
    content: [{ type: "text", text }],
    finishReason: { unified: "stop", raw: "stop" },
    usage: {
      inputTokens: { total: 120, noCache: 120, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 40, text: 40, reasoning: undefined },
    },
    warnings: [],
  };
}

/** A scripted model: answers in order, repeating the last one. */
function scripted(texts: string[]): MockLanguageModelV3 {
  let call = 0;
  return new MockLanguageModelV3({
    doGenerate: async () => {
      const text = texts[Math.min(call, texts.length - 1)] ?? "";
      call += 1;
      return answer(text);
    },
  });
}

const messages = [
  { role: "user" as const, name: "Lena", content: "I moved to Porto yesterday, and honestly I miss Lisbon.", id: "m1" },
  { role: "user" as const, name: "Lena", content: "Hi!", id: "m2" },
];
const good = {
  memories: [
    {
      message: 0,
      text: "Lena moved to Porto",
      kind: "event",
      importance: 0.8,
      eventDate: "2024-05-07",
      entities: [{ name: "Porto", type: "place" }],
      relations: [{ predicate: "lives_in", object: "Porto" }],
    },
    { message: 0, text: "Lena misses Lisbon", kind: "fact", importance: 0.5, entities: [{ name: "Lisbon", type: "place" }], relations: [] },
  ],
};

describe("understanding with a language model (scripted fakes)", () => {
  it("stores the model's memories with sources, dates, entities, and records usage", async () => {
    const languageModel = createAiSdkLanguageModel({ model: scripted([JSON.stringify(good)]) });
    const memory = await createMemory({ path: ":memory:", languageModel });
    const result = await memory.add(messages, { userId: "u1", timestamp: "2024-05-08T10:00:00Z" });
    expect(result.results.map((item) => item.memory)).toEqual(["Lena moved to Porto", "Lena misses Lisbon"]);
    const moved = await memory.get(result.results[0]?.id ?? "");
    expect(moved).toMatchObject({ kind: "event", importance: 0.8, eventStart: "2024-05-07T00:00:00.000Z", sources: ["m1"] });
    expect(moved.entities).toEqual(expect.arrayContaining(["Lena", "Porto"]));
    const stats = await memory.stats();
    expect(stats.languageModel).toBe("mock-provider:mock-model-id");
    expect(stats.modelUsage).toMatchObject({ calls: 1, failures: 0, fallbacks: 0, inputTokens: 120, outputTokens: 40 });
    await memory.close();
  });

  it("repairs fenced JSON with a trailing comma from a small local model", async () => {
    const fenced = `Sure! Here it is:\n\`\`\`json\n${JSON.stringify(good).replace(/}]}$/, "},]}")}\n\`\`\``;
    const languageModel = createAiSdkLanguageModel({ model: scripted([fenced]) });
    const memory = await createMemory({ path: ":memory:", languageModel });
    const result = await memory.add(messages, { userId: "u1", timestamp: "2024-05-08T10:00:00Z" });
    expect(result.results).toHaveLength(2);
    expect(languageModel.statistics().repairs).toBe(1);
    await memory.close();
  });

  it("retries after invalid output, then succeeds", async () => {
    const languageModel = createAiSdkLanguageModel({ model: scripted(['{"memories": [{"message": "zero"}]}', JSON.stringify(good)]) });
    const memory = await createMemory({ path: ":memory:", languageModel });
    const result = await memory.add(messages, { userId: "u1", timestamp: "2024-05-08T10:00:00Z" });
    expect(result.results.map((item) => item.memory)).toEqual(["Lena moved to Porto", "Lena misses Lisbon"]);
    expect(languageModel.statistics()).toMatchObject({ retries: 1, failures: 1 });
    await memory.close();
  });

  it("falls back to offline understanding when the model keeps failing, and never fails the write", async () => {
    const languageModel = createAiSdkLanguageModel({ model: scripted(["I am a tiny model and I do not do JSON."]) });
    const memory = await createMemory({ path: ":memory:", languageModel });
    const result = await memory.add(messages, { userId: "u1", timestamp: "2024-05-08T10:00:00Z" });
    expect(result.results.map((item) => item.memory)).toEqual(["Lena moved to Porto yesterday, and honestly Lena misses Lisbon."]);
    expect((await memory.stats()).modelUsage).toMatchObject({ calls: 1, failures: 1, fallbacks: 1 });
    const { results } = await memory.search("Where did Lena move?", { userId: "u1" });
    expect(results[0]?.sources).toEqual(["m1"]);
    await memory.close();
  });

  it("ignores memories that point at messages that do not exist", async () => {
    const bogus = { memories: [{ message: 7, text: "Invented", kind: "fact", importance: 0.5, entities: [], relations: [] }] };
    const languageModel = createAiSdkLanguageModel({ model: scripted([JSON.stringify(bogus)]) });
    const memory = await createMemory({ path: ":memory:", languageModel });
    const result = await memory.add(messages, { userId: "u1" });
    expect(result.results).toEqual([]);
    expect((await memory.stats()).episodes).toBe(2);
    await memory.close();
  });
});
