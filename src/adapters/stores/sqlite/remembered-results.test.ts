import { describe, expect, it } from "vitest";
import { createRememberedResults } from "./remembered-results.js";

const mark = (changes: number, version = 1) => ({ changes, version });

describe("createRememberedResults", () => {
  it("returns a result for the same key and mark only, and forgets all when the mark moves", () => {
    const remembered = createRememberedResults({ capacity: 10 });
    expect(remembered.set("entities|a", [{ memoryId: "m1", score: 2 }], mark(1))).toEqual([{ memoryId: "m1", score: 2 }]);
    expect(remembered.get("entities|a", mark(1))).toEqual([{ memoryId: "m1", score: 2 }]);
    expect(remembered.get("entities|b", mark(1))).toBeUndefined();
    expect(remembered.get("entities|a", mark(1, 2))).toBeUndefined();
    expect(remembered.get("entities|a", mark(1))).toBeUndefined();
  });

  it("freezes what it keeps and starts over rather than pass its capacity", () => {
    const remembered = createRememberedResults({ capacity: 2 });
    const hits = remembered.set("a", [{ memoryId: "m1", score: 2 }], mark(1));
    expect(() => hits.push({ memoryId: "m2", score: 1 })).toThrow(TypeError);
    remembered.set("b", [], mark(1));
    remembered.set("c", [], mark(1));
    expect(remembered.get("a", mark(1))).toBeUndefined();
    expect(remembered.get("c", mark(1))).toEqual([]);
  });
});
