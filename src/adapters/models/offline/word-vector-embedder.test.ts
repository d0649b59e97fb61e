import { describe, expect, it } from "vitest";
import { createDefaultEmbedder, createWordVectorEmbedder } from "./index.js";

function cosine({ left, right }: { left: Float32Array | undefined; right: Float32Array | undefined }): number {
  if (left === undefined || right === undefined) throw new Error("missing vector");
  let sum = 0;
  for (let index = 0; index < left.length; index += 1) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}

const embedder = createDefaultEmbedder();

async function embedAll({ values }: { values: string[] }): Promise<Float32Array[]> {
  return (await embedder.embed({ values })).embeddings;
}

async function similarity({ left, right }: { left: string; right: string }): Promise<number> {
  const [first, second] = await embedAll({ values: [left, right] });
  return cosine({ left: first, right: second });
}

describe("createWordVectorEmbedder", () => {
  it("is the default embedder, with the dimensions in its model id", async () => {
    expect(embedder.modelId).toBe("mnemo-wv100-hash256-v1");
    expect(embedder.dimensions).toBe(356);
    expect(createWordVectorEmbedder().modelId).toBe(embedder.modelId);
    const custom = createWordVectorEmbedder({ hashDimensions: 128 });
    expect(custom.modelId).toBe("mnemo-wv100-hash128-v1");
    expect(custom.dimensions).toBe(228);
    const { embeddings } = await custom.embed({ values: ["hello"] });
    expect(embeddings[0]).toHaveLength(228);
  });

  it("returns one vector per value, in order, each of the declared length", async () => {
    const values = ["I moved to Lisbon", "我喜欢喝咖啡", "", "Rex"];
    const embeddings = await embedAll({ values });
    expect(embeddings).toHaveLength(values.length);
    for (const vector of embeddings) expect(vector).toHaveLength(embedder.dimensions);
    expect((await embedder.embed({ values: [] })).embeddings).toEqual([]);
  });

  it("is deterministic across calls and instances", async () => {
    const values = ["Where does the user live?", "我喜欢喝咖啡", "Zyxwv qqq 42"];
    const first = await embedAll({ values });
    const second = (await createWordVectorEmbedder().embed({ values })).embeddings;
    expect(second.map((vector) => Array.from(vector))).toEqual(first.map((vector) => Array.from(vector)));
  });

  it("returns unit vectors, and zeros without NaN for text without content", async () => {
    const [english, chinese, unknown, empty, stopWords] = await embedAll({
      values: ["The cat sat on the mat", "今天天气很好", "Zyxwv qqq", "", "where is the"],
    });
    for (const vector of [english, chinese, unknown]) {
      expect(Math.sqrt(cosine({ left: vector, right: vector }))).toBeCloseTo(1, 5);
    }
    for (const vector of [empty, stopWords]) {
      expect(Array.from(vector ?? []).every((value) => value === 0)).toBe(true);
    }
  });

  it("puts dog closer to puppy than to finance", async () => {
    const [dog, puppy, finance] = await embedAll({ values: ["dog", "puppy", "finance"] });
    expect(cosine({ left: dog, right: puppy })).toBeGreaterThan(0.3);
    expect(cosine({ left: dog, right: puppy })).toBeGreaterThan(cosine({ left: dog, right: finance }) + 0.3);
  });

  it("relates paraphrases without shared words through the word vectors", async () => {
    const query = "Where does the user live?";
    const moved = await similarity({ left: query, right: "I moved to Lisbon" });
    const stocks = await similarity({ left: query, right: "The stock market fell sharply today" });
    expect(moved).toBeGreaterThan(stocks);

    const drink = "What does the user like to drink?";
    const coffee = await similarity({ left: drink, right: "I love coffee in the morning" });
    const lisbon = await similarity({ left: drink, right: "I moved to Lisbon" });
    const meeting = await similarity({ left: drink, right: "The meeting is on Tuesday" });
    expect(coffee).toBeGreaterThan(0.2);
    expect(coffee).toBeGreaterThan(lisbon + 0.2);
    expect(coffee).toBeGreaterThan(meeting + 0.2);

    const pets = "Does the user have pets?";
    expect(await similarity({ left: pets, right: "My dog is called Rex" })).toBeGreaterThan(
      await similarity({ left: pets, right: "I work as a software engineer" }),
    );
  });

  it("ranks the right memory first among several", async () => {
    const memories = [
      "I love drinking coffee in the morning",
      "I work as a software engineer at a startup",
      "My dog is called Rex",
      "I am allergic to peanuts",
      "We are planning a trip to Japan next spring",
    ];
    const queries: Array<[string, number]> = [
      ["What does the user like to drink?", 0],
      ["What is the user's job?", 1],
      ["Does the user have pets?", 2],
      ["What food allergies does the user have?", 3],
      ["Where is the user travelling?", 4],
    ];
    const memoryVectors = await embedAll({ values: memories });
    const queryVectors = await embedAll({ values: queries.map(([query]) => query) });
    queries.forEach(([, expected], queryIndex) => {
      const scores = memoryVectors.map((memory) => cosine({ left: queryVectors[queryIndex], right: memory }));
      expect(scores.indexOf(Math.max(...scores))).toBe(expected);
    });
  });

  it("keeps exact-match signal for names and out-of-vocabulary words", async () => {
    const rex = await similarity({ left: "Qwertzuiop Rexington", right: "my dog Qwertzuiop" });
    const other = await similarity({ left: "Qwertzuiop Rexington", right: "my dog Rex" });
    expect(rex).toBeGreaterThan(0.2);
    expect(rex).toBeGreaterThan(other);
  });

  it("gives Chinese text non-zero vectors with character-level similarity", async () => {
    const [sentence, coffee, weather] = await embedAll({ values: ["我喜欢喝咖啡", "咖啡", "天气预报"] });
    expect(Array.from(sentence ?? []).some((value) => value !== 0)).toBe(true);
    expect(cosine({ left: sentence, right: coffee })).toBeGreaterThan(0.3);
    expect(cosine({ left: sentence, right: coffee })).toBeGreaterThan(cosine({ left: sentence, right: weather }));
    expect(await similarity({ left: "我喜欢喝咖啡", right: "我喜欢喝茶" })).toBeGreaterThan(
      await similarity({ left: "我喜欢喝咖啡", right: "明天有雨" }),
    );
  });

  it("rejects with a build hint when the word-vector file is missing", async () => {
    const missing = createWordVectorEmbedder({ wordVectorPath: "/nonexistent/mnemo/word-vectors-en.bin" });
    await expect(missing.embed({ values: ["hello"] })).rejects.toThrow(/node scripts\/build-word-vectors\.mjs/);
  });

  it("rejects invalid hash dimensions", () => {
    expect(() => createWordVectorEmbedder({ hashDimensions: 0 })).toThrow(Error);
  });
});
