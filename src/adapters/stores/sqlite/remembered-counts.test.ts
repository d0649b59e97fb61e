import { describe, expect, it } from "vitest";
import { createRememberedCounts } from "./remembered-counts.js";

describe("createRememberedCounts", () => {
  it("keeps a count while this connection's changes stay within the tolerance and no other connection committed", () => {
    const counts = createRememberedCounts({ capacity: 2 });
    counts.set("a", 100, { changes: 10, version: 1 });
    const onePercent = (rows: number) => rows * 0.01;
    expect(counts.get("a", { changes: 11, version: 1 }, onePercent)).toBe(100);
    expect(counts.get("a", { changes: 12, version: 1 }, onePercent)).toBeUndefined();
    expect(counts.get("a", { changes: 10, version: 2 }, onePercent)).toBeUndefined();
    // Full: the next count clears the rest.
    counts.set("b", 1, { changes: 10, version: 1 });
    counts.set("c", 1, { changes: 10, version: 1 });
    expect(counts.get("a", { changes: 10, version: 1 }, onePercent)).toBeUndefined();
    expect(counts.get("c", { changes: 10, version: 1 }, onePercent)).toBe(1);
  });
});
