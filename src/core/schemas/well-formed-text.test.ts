import { describe, expect, it } from "vitest";
import { isWellFormedText } from "./well-formed-text.js";

describe("isWellFormedText", () => {
  it("accepts pairs of surrogates and refuses a lone half at either end or in the middle", () => {
    expect(isWellFormedText("café ☕ 😀 我 \u200b \u202e")).toBe(true);
    expect(isWellFormedText("\uD83D\uDE00")).toBe(true);
    expect(isWellFormedText("abc\uD800def")).toBe(false);
    expect(isWellFormedText("\uDC00abc")).toBe(false);
    expect(isWellFormedText("abc\uD83D")).toBe(false);
    expect(isWellFormedText("\uDE00\uD83D")).toBe(false);
  });
});
