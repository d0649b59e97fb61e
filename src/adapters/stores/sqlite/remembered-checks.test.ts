import { describe, expect, it } from "vitest";
import { createRememberedChecks } from "./remembered-checks.js";

const mark = (changes: number, version = 1) => ({ changes, version });

describe("createRememberedChecks", () => {
  it("keeps one map per check while the mark stays, and new empty ones once it moves", () => {
    const checks = createRememberedChecks<{ id: string }>({ capacityPerCheck: 10 });
    checks.of("memories|u1", mark(1)).set(7, { id: "m7" });
    checks.of("memories|u1", mark(1)).set(8, null);
    expect([...checks.of("memories|u1", mark(1))]).toEqual([
      [7, { id: "m7" }],
      [8, null],
    ]);
    expect(checks.of("memories|u2", mark(1)).size).toBe(0);
    expect(checks.of("memories|u1", mark(2)).size).toBe(0);
    expect(checks.of("memories|u1", mark(1)).size).toBe(0);
  });

  it("starts a check over once it holds its capacity of rows", () => {
    const checks = createRememberedChecks<{ id: string }, string>({ capacityPerCheck: 2 });
    const rows = checks.of("neighbours", mark(1));
    rows.set("a", { id: "a" });
    rows.set("b", { id: "b" });
    expect(checks.of("neighbours", mark(1)).size).toBe(0);
  });
});
