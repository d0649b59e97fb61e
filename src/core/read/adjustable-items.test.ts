import { describe, expect, it } from "vitest";
import { adjustableItems } from "./adjustable-items.js";

const item = (key: string) => ({ key, score: 0, why: [] });
const fused = ["a", "b", "c", "d", "e"].map(item);

describe("adjustableItems", () => {
  it("keeps the first items and, past them, the replies to questions among them", () => {
    const replyTo = new Map([
      ["e", "a"],
      ["d", "e"],
    ]);
    // "e" answers "a" (kept), so it comes along; "d" answers "e", which was not among the first.
    expect(adjustableItems({ fused, depth: 2, replyTo }).map((entry) => entry.key)).toEqual(["a", "b", "e"]);
    expect(adjustableItems({ fused, depth: 2, replyTo: new Map() }).map((entry) => entry.key)).toEqual(["a", "b"]);
  });
});
