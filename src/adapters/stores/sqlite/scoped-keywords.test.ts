import { describe, expect, it } from "vitest";
import { prefixKeywords, prefixMatchExpression, userKeywordPrefix } from "./scoped-keywords.js";

describe("scoped keywords", () => {
  it("derives one prefix per tenant and user", () => {
    const alice = userKeywordPrefix({ tenantId: "t", userId: "alice" });
    // Consonants only: the Porter stemmer counts vowels, so a prefix with vowels changed how words were stemmed.
    expect(alice).toMatch(/^q[bcdfghjklmnpqrstvwxz]{10}x$/);
    expect(userKeywordPrefix({ tenantId: "t", userId: "alice" })).toBe(alice);
    expect(userKeywordPrefix({ tenantId: "t", userId: "bob" })).not.toBe(alice);
    expect(userKeywordPrefix({ tenantId: "t2", userId: "alice" })).not.toBe(alice);
  });

  it("prefixes words as the tokenizer splits them, Chinese included", () => {
    expect(prefixKeywords({ prefix: "pX", text: "don't  panic 咖啡" })).toBe("pXdon pXt pXpanic pX咖啡");
  });

  it("rewrites quoted phrases and keeps operators", () => {
    expect(prefixMatchExpression({ prefix: "pX", expression: '"lisbon" OR "money back" AND "咖啡"' })).toBe(
      '"pXlisbon" OR "pXmoney pXback" AND "pX咖啡"',
    );
  });
  it("rewrites a phrase of any length (one of 5,000 letters overflowed the regular expression's stack)", () => {
    const word = "a".repeat(5_000);
    expect(prefixMatchExpression({ prefix: "pX", expression: `"${word}" OR "say ""hi"""` })).toBe(`"pX${word}" OR "pXsay pXhi"`);
  });
});
