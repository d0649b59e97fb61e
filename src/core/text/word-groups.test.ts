import { describe, expect, it } from "vitest";
import { wordGroups } from "./word-groups.js";

describe("wordGroups", () => {
  it("gives the other words of every group a word is in, and nothing for other words", () => {
    const othersOf = wordGroups([
      ["children", "kids"],
      ["kids", "kiddos"],
    ]);
    expect(othersOf("kids")).toEqual(["children", "kiddos"]);
    expect(othersOf("children")).toEqual(["kids"]);
    expect(othersOf("dog")).toEqual([]);
  });
});
