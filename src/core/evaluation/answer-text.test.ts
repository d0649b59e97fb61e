import { describe, expect, it } from "vitest";
import { containsSequence, contentTokens, normalizeAnswerText, phraseTokens, proxyStopWords } from "./answer-text.js";

describe("answer text normalisation", () => {
  it("folds accents (NFKD), case, digit-group commas and punctuation", () => {
    expect(normalizeAnswerText("Crème Brûlée, 1,000,000 Guests! (Ｆｕｌｌ-width)")).toBe("creme brulee 1000000 guests full width");
    expect(normalizeAnswerText(null)).toBe("");
    expect(normalizeAnswerText(2022)).toBe("2022");
  });

  it("removes the articles a, an, the and 'and' from phrase tokens", () => {
    expect(phraseTokens("The cat and a dog, an owl")).toEqual(["cat", "dog", "owl"]);
    expect(phraseTokens("   ")).toEqual([]);
  });

  it("keeps content tokens: no stop words, no one-letter words, digits kept", () => {
    expect(contentTokens("She went to the beach in 2022")).toEqual(["went", "beach", "2022"]);
    expect(contentTokens("x 7 y")).toEqual(["7"]);
    expect(contentTokens("Yes, she is")).toEqual(["yes"]);
    expect(contentTokens("she is")).toEqual(["she", "is"]);
    expect(proxyStopWords.has("may")).toBe(true);
  });

  it("finds contiguous sub-sequences only", () => {
    const haystack = ["on", "7", "may", "2023", "we", "met"];
    expect(containsSequence({ haystack, needle: ["7", "may", "2023"] })).toBe(true);
    expect(containsSequence({ haystack, needle: ["may", "7"] })).toBe(false);
    expect(containsSequence({ haystack, needle: [] })).toBe(false);
  });
});
