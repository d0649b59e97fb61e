import { describe, expect, it } from "vitest";
import { ndcgAt, recallAt } from "./retrieval-metrics.js";

const covered = (...items: string[][]) => items.map((units) => new Set(units));

describe("recallAt", () => {
  it("is the share of evidence units covered by the first k items", () => {
    const items = covered(["D1:1"], ["D1:3"], ["D1:5"]);
    expect(recallAt({ evidence: ["D1:3", "D1:5"], covered: items, k: 1 })).toEqual({ fraction: 0, all: 0, any: 0 });
    expect(recallAt({ evidence: ["D1:3", "D1:5"], covered: items, k: 2 })).toEqual({ fraction: 0.5, all: 0, any: 1 });
    expect(recallAt({ evidence: ["D1:3", "D1:5"], covered: items, k: 10 })).toEqual({ fraction: 1, all: 1, any: 1 });
  });

  it("lets one memory cover several units", () => {
    expect(recallAt({ evidence: ["D1:3", "D1:5"], covered: covered(["D1:3", "D1:5"]), k: 1 }).fraction).toBe(1);
  });
});

describe("ndcgAt", () => {
  it("is binary NDCG when each item covers one unit", () => {
    expect(ndcgAt({ evidence: ["D1:3"], covered: covered(["D1:1"], ["D1:3"]), k: 10 })).toBeCloseTo(1 / Math.log2(3), 12);
    const ideal = 1 + 1 / Math.log2(3);
    expect(ndcgAt({ evidence: ["A", "B"], covered: covered(["A"], ["X"], ["B"]), k: 10 })).toBeCloseTo((1 + 1 / Math.log2(4)) / ideal, 12);
  });

  it("gives no gain to units already covered, and caps at 1", () => {
    expect(ndcgAt({ evidence: ["A"], covered: covered(["X"], ["A"], ["A"]), k: 10 })).toBeCloseTo(1 / Math.log2(3), 12);
    expect(ndcgAt({ evidence: ["A", "B"], covered: covered(["A", "B"]), k: 10 })).toBe(1);
  });

  it("ignores items past k and is 0 without evidence", () => {
    expect(ndcgAt({ evidence: ["A"], covered: covered(["X"], ["A"]), k: 1 })).toBe(0);
    expect(ndcgAt({ evidence: [], covered: covered(["A"]), k: 10 })).toBe(0);
  });
});
