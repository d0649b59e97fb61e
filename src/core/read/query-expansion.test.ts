import { describe, expect, it } from "vitest";
import { expandQueryTerms } from "./query-expansion.js";

describe("expandQueryTerms", () => {
  it("expands words that name members of every object as plain words (a query with 'constructor' used to throw)", () => {
    for (const word of ["constructor", "__proto__", "valueof", "tostring", "hasownproperty"]) {
      const expanded = expandQueryTerms([word]);
      expect(expanded.every((term) => typeof term === "string")).toBe(true);
    }
    expect(expandQueryTerms(["constructor", "live"])).toContain("lives");
  });

  it("adds the digits of number words and the words of digits", () => {
    expect(expandQueryTerms(["three", "dogs"])).toContain("3");
    expect(expandQueryTerms(["3", "dogs"])).toContain("three");
    // Only small counts: a year or a large number is not spelt out.
    expect(expandQueryTerms(["2023"])).toEqual([]);
    expect(expandQueryTerms(["three", "3"])).toEqual([]);
  });

  it("adds the casual and plain forms of a word, both ways", () => {
    expect(expandQueryTerms(["tournament"])).toEqual(["tourney"]);
    expect(expandQueryTerms(["tourney"])).toEqual(["tournament"]);
    expect(expandQueryTerms(["pic"])).toEqual(expect.arrayContaining(["photo", "picture", "photograph"]));
    // A word in two groups has the forms of both.
    expect(expandQueryTerms(["kids"])).toEqual(expect.arrayContaining(["children", "kiddos"]));
    // A word of the query is not added again.
    expect(expandQueryTerms(["mom", "mother"])).not.toContain("mother");
  });

  it("adds the common things of a category asked for", () => {
    expect(expandQueryTerms(["instruments", "play"])).toEqual(expect.arrayContaining(["guitar", "piano", "violin"]));
    expect(expandQueryTerms(["genre"])).toContain("fantasy");
    expect(expandQueryTerms(["pets"])).toEqual(expect.arrayContaining(["dog", "puppy", "cat", "kitten"]));
    // Other words that ask for a category: "What do I do for a living?", "any dietary restrictions?"
    expect(expandQueryTerms(["living"])).toEqual(expect.arrayContaining(["nurse", "teacher", "engineer"]));
    expect(expandQueryTerms(["restrictions"])).toEqual(expect.arrayContaining(["vegetarian", "allergic"]));
    expect(expandQueryTerms(["dietary"])).toContain("vegan");
    // A member does not bring its category or its fellows.
    expect(expandQueryTerms(["guitar"])).not.toContain("piano");
  });
});
