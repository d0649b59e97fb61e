import { describe, expect, it } from "vitest";
import { meanOf, nearestRankPercentile } from "./percentile.js";

describe("nearestRankPercentile", () => {
  it("takes the value at rank ⌈p·n⌉ of the sorted list", () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRankPercentile({ sorted, percent: 50 })).toBe(5);
    expect(nearestRankPercentile({ sorted, percent: 95 })).toBe(10);
    expect(nearestRankPercentile({ sorted, percent: 90 })).toBe(9);
    expect(nearestRankPercentile({ sorted: [1, 2, 3], percent: 50 })).toBe(2);
    expect(nearestRankPercentile({ sorted: [1, 2, 3, 4], percent: 50 })).toBe(2);
  });

  it("clamps to the first and last values", () => {
    expect(nearestRankPercentile({ sorted: [3, 9], percent: 0 })).toBe(3);
    expect(nearestRankPercentile({ sorted: [3, 9], percent: 100 })).toBe(9);
    expect(nearestRankPercentile({ sorted: [7], percent: 95 })).toBe(7);
  });

  it("is null for no values", () => {
    expect(nearestRankPercentile({ sorted: [], percent: 50 })).toBeNull();
  });
});

describe("meanOf", () => {
  it("averages, and is null for no values", () => {
    expect(meanOf([1, 2, 6])).toBe(3);
    expect(meanOf([])).toBeNull();
  });
});
