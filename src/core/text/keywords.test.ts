import { describe, expect, it } from "vitest";
import { createIntlSegmenter } from "./intl-segmenter.js";
import { keywordMatchExpression, keywordQuery } from "./keywords.js";

const segmenter = createIntlSegmenter();
const expand = (terms: readonly string[]) => (terms.includes("live") ? ["lives", "moved", "live"] : []);

describe("keywordQuery", () => {
  it("quotes the content words and the related words, weighing only the related ones", () => {
    const query = keywordQuery({ text: 'Where does "Anna" live?', segmenter, expand, expansionWeight: 0.5 });
    expect(query.expression).toBe('"anna" OR "live" OR "lives" OR "moved"');
    expect(query.phraseWeights).toEqual({ lives: 0.5, moved: 0.5 });
    // Without a weight (or at 1) nothing is weighed, and the expression is keywordMatchExpression's.
    expect(keywordQuery({ text: "Where does Anna live?", segmenter, expand }).phraseWeights).toEqual({});
    expect(keywordMatchExpression({ text: "Where does Anna live?", segmenter, expand })).toBe(query.expression);
  });

  it("asks about the word of a possessive, not the possessive", () => {
    // (Then related words: the compound "daughtername", which matches nothing.)
    expect(keywordQuery({ text: "What is Caroline's daughter’s name?", segmenter }).expression).toMatch(
      /^"caroline" OR "daughter" OR "name"( OR|$)/,
    );
  });

  it("keeps the degree word of 'how long' / 'how often' with its 'how', as a phrase", () => {
    // (Then related phrases: "turtles" split, "turt les", which matches nothing.)
    expect(keywordQuery({ text: "For how long has Nate had his turtles?", segmenter }).expression).toMatch(
      /^"how long" OR "nate" OR "turtles"( OR|$)/,
    );
    expect(keywordQuery({ text: "How often does John work out?", segmenter }).expression).toBe(
      '"how often" OR "john" OR "work" OR "workout"',
    );
    // Elsewhere the word stays a word.
    expect(keywordQuery({ text: "Who ran the long race?", segmenter }).expression).toBe('"ran" OR "long" OR "race" OR "longrace"');
  });

  it("adds adjacent words written as one, as related words", () => {
    const query = keywordQuery({ text: "How often does John work out?", segmenter, expansionWeight: 0.5 });
    expect(query.expression).toContain('"workout"');
    expect(query.phraseWeights.workout).toBe(0.5);
    expect(keywordQuery({ text: "Which ice cream did she make?", segmenter }).expression).toContain('"icecream"');
    // Not across a stop word that is no particle, and not for Chinese.
    expect(keywordQuery({ text: "the cream of the crop", segmenter }).expression).not.toContain("creamof");
    expect(keywordQuery({ text: "我喜欢 喝茶", segmenter }).expression).not.toContain("我喜欢喝茶");
  });

  it("adds a long word split into two word-like halves, as related phrases", () => {
    const query = keywordQuery({ text: "What does the smartwatch help with?", segmenter, expansionWeight: 0.5 });
    expect(query.expression).toContain('"smart watch"');
    expect(query.phraseWeights["smart watch"]).toBe(0.5);
    // Halves that start as no English word does ("sma rtwatch") or have no vowel ("smartwa tch") are left out.
    expect(query.expression).not.toContain('"sma rtwatch"');
    expect(query.expression).not.toContain('"smartwa tch"');
    expect(keywordQuery({ text: "Did she join the workout?", segmenter }).expression).toContain('"work out"');
    // Not names, and not words under seven letters.
    expect(keywordQuery({ text: "Is Annabelle at home?", segmenter }).expression).not.toContain(" belle");
    expect(keywordQuery({ text: "Is the sunset nice?", segmenter }).expression).not.toContain('"sun set"');
  });
});
