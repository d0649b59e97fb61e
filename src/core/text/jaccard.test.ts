import { describe, expect, it } from "vitest";
import { jaccard } from "./jaccard.js";

describe("jaccard", () => {
  it("is shared words over all words, and 0 for two empty sets", () => {
    expect(jaccard(new Set(["a", "b"]), new Set(["b", "c"]))).toBeCloseTo(1 / 3);
    expect(jaccard(new Set(["a"]), new Set(["a"]))).toBe(1);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
});
