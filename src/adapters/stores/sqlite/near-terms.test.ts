import { describe, expect, it } from "vitest";
import { editDistance, nearTerms } from "./near-terms.js";

describe("editDistance", () => {
  it("counts substitutions, insertions, deletions and adjacent transpositions, up to a limit", () => {
    expect(editDistance({ left: "persue", right: "pursue", limit: 2 })).toBe(1);
    expect(editDistance({ left: "tournamnet", right: "tournament", limit: 2 })).toBe(1);
    expect(editDistance({ left: "andew", right: "andrew", limit: 2 })).toBe(1);
    expect(editDistance({ left: "cat", right: "cat", limit: 1 })).toBe(0);
    // Past the limit it stops at limit + 1.
    expect(editDistance({ left: "december", right: "definit", limit: 2 })).toBe(3);
    expect(editDistance({ left: "a", right: "abcdef", limit: 1 })).toBe(2);
  });
});

describe("nearTerms", () => {
  const terms = (...names: string[]) => names.map((term, index) => ({ term, rows: index + 1 }));

  it("finds the stems a misspelt word meant, fewest edits first, then most rows", () => {
    expect(nearTerms({ word: "persue", terms: terms("pursu", "purs", "person"), count: 2 })).toEqual(["pursu"]);
    expect(nearTerms({ word: "recieved", terms: terms("receiv", "reliev"), count: 2 })).toEqual(["reliev", "receiv"]);
    expect(nearTerms({ word: "torunament", terms: terms("tournament", "tour"), count: 2 })).toEqual(["tournament"]);
  });

  it("offers no stem the word merely extends, no short stem by its first letters, and nothing far", () => {
    expect(nearTerms({ word: "carton", terms: terms("cart"), count: 2 })).toEqual([]);
    expect(nearTerms({ word: "april", terms: terms("air"), count: 2 })).toEqual([]);
    expect(nearTerms({ word: "december", terms: terms("definit", "differ"), count: 2 })).toEqual([]);
  });
});
