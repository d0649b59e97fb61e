import { describe, expect, it } from "vitest";
import { fuseRankings } from "./fuse-rankings.js";

const items = [
  { key: "a", score: 10 },
  { key: "b", score: 2 },
];

describe("fuseRankings", () => {
  it("sums weight / (k + rank) over channels", () => {
    const fused = fuseRankings({
      k: 60,
      rankings: [
        { channel: "keyword", weight: 1, items },
        { channel: "graph", weight: 0.5, items: [{ key: "b", score: 1 }] },
      ],
    });
    expect(fused.map((item) => item.key)).toEqual(["b", "a"]);
    expect(fused[0]?.score).toBeCloseTo(1 / 62 + 0.5 / 61, 12);
    expect(fused[1]?.score).toBeCloseTo(1 / 61, 12);
    expect(fused[0]?.why).toEqual([
      { channel: "keyword", rank: 2, score: 2 },
      { channel: "graph", rank: 1, score: 1 },
    ]);
  });

  it("gives a share of the weight by score relative to the channel's best, so a wide lead counts", () => {
    const [first, second] = fuseRankings({ k: 60, rankings: [{ channel: "keyword", weight: 1, scoreShare: 0.5, items }] });
    // The best keeps what plain rank gives it; the second, at a fifth of the best score, gets less than by rank.
    expect(first?.score).toBeCloseTo(0.5 / 61 + 0.5 / 61, 12);
    expect(second?.score).toBeCloseTo(0.5 / 62 + (0.5 * 0.2) / 61, 12);
  });
});
