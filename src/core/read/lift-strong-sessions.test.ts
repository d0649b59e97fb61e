import { describe, expect, it } from "vitest";
import type { Episode } from "../domain/episode.js";
import { liftStrongSessions } from "./lift-strong-sessions.js";

const turn = (sessionId: string | undefined) => ({ sessionId }) as unknown as Episode;

describe("liftStrongSessions", () => {
  it("lifts every item of the strongest session by the full lift and others in proportion", () => {
    const entries = [
      { score: 4, episode: turn("s1") },
      { score: 3, episode: turn("s1") },
      { score: 3, episode: turn("s2") },
      { score: 1, episode: turn("s1") },
      { score: 2, episode: turn(undefined) },
    ];
    liftStrongSessions({ entries, lift: 0.5, depth: 10 });
    // s1 votes 8, s2 votes 3: s1 items × 1.5, s2 items × (1 + 0.5 × 3/8); items without a session unchanged.
    expect(entries.map((entry) => entry.score)).toEqual([6, 4.5, 3 * (1 + 0.5 * (3 / 8)), 1.5, 2]);
  });

  it("counts only the best `depth` items as votes, and does nothing at lift 0", () => {
    const entries = [
      { score: 5, episode: turn("a") },
      { score: 4, episode: turn("b") },
      { score: 1, episode: turn("b") },
    ];
    liftStrongSessions({ entries, lift: 0, depth: 10 });
    expect(entries.map((entry) => entry.score)).toEqual([5, 4, 1]);
    liftStrongSessions({ entries, lift: 1, depth: 1 });
    // Only "a" voted: "b" gets nothing even though it would sum to 5 over all items.
    expect(entries.map((entry) => entry.score)).toEqual([10, 4, 1]);
  });
});
