import { describe, expect, it } from "vitest";
import { otherLanguageTerms } from "./aversion-terms.js";

describe("otherLanguageTerms", () => {
  it("names a known allergen in the other language, both ways, and nothing else", () => {
    expect(otherLanguageTerms("peanut")).toEqual(["花生"]);
    expect(otherLanguageTerms("Peanut")).toEqual(["花生"]);
    expect(otherLanguageTerms("虾")).toEqual(["shrimp", "prawn"]);
    expect(otherLanguageTerms("spaceship")).toEqual([]);
    expect(otherLanguageTerms("constructor")).toEqual([]);
  });
});
