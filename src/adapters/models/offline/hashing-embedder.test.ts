import { describe, expect, it } from "vitest";
import {
  computeHashingVector,
  createHashingEmbedder,
  extractHashingFeatures,
  hashFeature,
  normaliseVector,
  stemEnglishWord,
  tokenizeText,
} from "./hashing-embedder.js";

function cosine({ left, right }: { left: Float32Array; right: Float32Array }): number {
  let sum = 0;
  for (let index = 0; index < left.length; index += 1) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}

function norm({ vector }: { vector: Float32Array }): number {
  return Math.sqrt(cosine({ left: vector, right: vector }));
}

async function embedAll({ values, dimensions = 256 }: { values: string[]; dimensions?: number }): Promise<Float32Array[]> {
  const { embeddings } = await createHashingEmbedder({ dimensions }).embed({ values });
  return embeddings;
}

describe("tokenizeText", () => {
  it("lowercases words, splits contractions and keeps CJK runs apart", () => {
    expect(tokenizeText({ text: "I don't like 天气预报!" })).toEqual({
      words: ["i", "do", "not", "like"],
      cjkRuns: ["天气预报"],
    });
  });

  it("handles possessives, curly apostrophes, can't and CJK next to Latin letters", () => {
    expect(tokenizeText({ text: "The user’s dog can't swim; Rex喜欢coffee" })).toEqual({
      words: ["the", "user", "dog", "can", "not", "swim", "rex", "coffee"],
      cjkRuns: ["喜欢"],
    });
  });

  it("returns nothing for empty or punctuation-only text", () => {
    expect(tokenizeText({ text: "" })).toEqual({ words: [], cjkRuns: [] });
    expect(tokenizeText({ text: " ?!… -- " })).toEqual({ words: [], cjkRuns: [] });
  });
});

describe("stemEnglishWord", () => {
  it("maps simple inflections to a shared stem", () => {
    expect(stemEnglishWord({ word: "moving" })).toBe("mov");
    expect(stemEnglishWord({ word: "moved" })).toBe("mov");
    expect(stemEnglishWord({ word: "move" })).toBe("mov");
    expect(stemEnglishWord({ word: "cities" })).toBe("city");
    expect(stemEnglishWord({ word: "running" })).toBe("run");
    expect(stemEnglishWord({ word: "dogs" })).toBe("dog");
  });

  it("leaves short, non-ASCII and -ss words alone", () => {
    expect(stemEnglishWord({ word: "dog" })).toBe("dog");
    expect(stemEnglishWord({ word: "café" })).toBe("café");
    expect(stemEnglishWord({ word: "class" })).toBe("class");
  });
});

describe("extractHashingFeatures", () => {
  it("emits stemmed words without stop words, CJK unigrams and bigrams", () => {
    expect(extractHashingFeatures({ tokens: tokenizeText({ text: "Moving to 里斯本" }) })).toEqual([
      "w:mov",
      "c:里",
      "c:斯",
      "c:本",
      "b:里斯",
      "b:斯本",
    ]);
  });

  it("drops Chinese function characters as unigrams but keeps them in bigrams", () => {
    expect(extractHashingFeatures({ tokens: tokenizeText({ text: "我的猫" }) })).toEqual(["c:我", "c:猫", "b:我的", "b:的猫"]);
  });
});

describe("hashFeature", () => {
  it("is a stable unsigned 32-bit hash", () => {
    expect(hashFeature({ feature: "w:coffee" })).toBe(hashFeature({ feature: "w:coffee" }));
    expect(hashFeature({ feature: "w:coffee" })).not.toBe(hashFeature({ feature: "w:tea" }));
    const hash = hashFeature({ feature: "c:咖" });
    expect(Number.isInteger(hash) && hash >= 0 && hash < 2 ** 32).toBe(true);
  });
});

describe("normaliseVector", () => {
  it("scales to unit length and leaves zero vectors at zero", () => {
    const unit = normaliseVector({ vector: new Float64Array([3, 4]) });
    expect(unit[0]).toBeCloseTo(0.6, 6);
    expect(unit[1]).toBeCloseTo(0.8, 6);
    expect(Array.from(normaliseVector({ vector: [0, 0, 0] }))).toEqual([0, 0, 0]);
  });
});

describe("createHashingEmbedder", () => {
  it("reports its dimensions in the model id and vector length", async () => {
    const embedder = createHashingEmbedder();
    expect(embedder.modelId).toBe("mnemo-hash-256-v1");
    expect(embedder.dimensions).toBe(256);
    const small = createHashingEmbedder({ dimensions: 64 });
    expect(small.modelId).toBe("mnemo-hash-64-v1");
    const { embeddings } = await small.embed({ values: ["hello world", "你好世界"] });
    expect(embeddings).toHaveLength(2);
    for (const vector of embeddings) expect(vector).toHaveLength(64);
  });

  it("rejects invalid dimensions", () => {
    expect(() => createHashingEmbedder({ dimensions: 0 })).toThrow(Error);
    expect(() => createHashingEmbedder({ dimensions: 2.5 })).toThrow(Error);
  });

  it("is deterministic across calls and instances", async () => {
    const values = ["I moved to Lisbon in 2021", "我喜欢喝咖啡", "Mixed 中文 and English"];
    const first = await embedAll({ values });
    const second = await embedAll({ values });
    expect(second.map((vector) => Array.from(vector))).toEqual(first.map((vector) => Array.from(vector)));
  });

  it("returns unit-length vectors, and zeros without NaN for text without features", async () => {
    const [sentence, chinese, empty, stopWordsOnly, punctuation] = await embedAll({
      values: ["The quick brown fox jumps", "今天天气很好", "", "the and of to", "?!"],
    });
    expect(norm({ vector: sentence ?? new Float32Array() })).toBeCloseTo(1, 5);
    expect(norm({ vector: chinese ?? new Float32Array() })).toBeCloseTo(1, 5);
    for (const vector of [empty, stopWordsOnly, punctuation]) {
      expect(vector).toHaveLength(256);
      expect(Array.from(vector ?? []).every((value) => value === 0)).toBe(true);
    }
  });

  it("uses sublinear term frequency", () => {
    const once = computeHashingVector({ tokens: tokenizeText({ text: "coffee tea" }), dimensions: 1024 });
    const repeated = computeHashingVector({
      tokens: tokenizeText({ text: "coffee coffee coffee coffee tea" }),
      dimensions: 1024,
    });
    const [coffeeFeature, teaFeature] = extractHashingFeatures({ tokens: tokenizeText({ text: "coffee tea" }) });
    const coffee = hashFeature({ feature: coffeeFeature ?? "" }) % 1024;
    const tea = hashFeature({ feature: teaFeature ?? "" }) % 1024;
    expect(coffee).not.toBe(tea);
    expect(Math.abs(once[coffee] ?? 0)).toBeCloseTo(Math.abs(once[tea] ?? 0), 6);
    const ratio = Math.abs(repeated[coffee] ?? 0) / Math.abs(repeated[tea] ?? 0);
    expect(ratio).toBeCloseTo(1 + Math.log(4), 5);
  });

  it("scores shared words and stems above unrelated text", async () => {
    const [query, related, unrelated] = await embedAll({
      values: ["Where does the user live?", "I have lived in Portugal", "The stock market fell sharply"],
    });
    if (query === undefined || related === undefined || unrelated === undefined) throw new Error("missing vectors");
    expect(cosine({ left: query, right: related })).toBeGreaterThan(0.3);
    expect(cosine({ left: query, right: related })).toBeGreaterThan(cosine({ left: query, right: unrelated }));
  });

  it("gives Chinese text signal through character unigrams and bigrams", async () => {
    const [sentence, coffee, weather] = await embedAll({ values: ["我喜欢喝咖啡", "咖啡", "天气预报"] });
    if (sentence === undefined || coffee === undefined || weather === undefined) throw new Error("missing vectors");
    expect(cosine({ left: sentence, right: coffee })).toBeGreaterThan(0.3);
    expect(cosine({ left: sentence, right: coffee })).toBeGreaterThan(cosine({ left: sentence, right: weather }));
  });
});
