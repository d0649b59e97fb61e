import { describe, expect, it } from "vitest";
import { speaksOfThePast } from "./tense.js";

const around = (text: string, expression: string) => ({ text, index: text.indexOf(expression), length: expression.length });

describe("speaksOfThePast", () => {
  it("reads the tense of the sentence around the expression", () => {
    expect(speaksOfThePast(around("I went to Paris in May.", "May"))).toBe(true);
    expect(speaksOfThePast(around("I'll go to Paris in May.", "May"))).toBe(false);
    expect(speaksOfThePast(around("I went to Rome. I'll go to Paris in May.", "May"))).toBe(false);
    expect(speaksOfThePast(around("My brother is getting married in September", "September"))).toBe(false);
  });

  it("reads at most 300 characters on each side, so a long unpunctuated text costs no more per date", () => {
    const filler = " and then".repeat(40); // 360 characters without a sentence mark
    expect(speaksOfThePast(around(`I went there${filler} in May`, "May"))).toBe(false);
    expect(speaksOfThePast(around(`I went there${filler.slice(0, 200)} in May`, "May"))).toBe(true);
  });
});
