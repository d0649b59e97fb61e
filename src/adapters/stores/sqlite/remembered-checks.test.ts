import { describe, expect, it } from "vitest";
import { createRememberedChecks } from "./remembered-checks.js";

const mark = (changes: number, version = 1) => ({ changes, version });

describe("createRememberedChecks", () => {
  it("keeps one map per check while the mark stays, and new empty ones once it moves", () => {
    const checks = createRememberedChecks<{ id: string }>({ capacity: 100, capacityPerCheck: 10 });
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

  it("starts a check over once it holds its capacity of rows, and all of them once they hold the total", () => {
    const checks = createRememberedChecks<{ id: string }, string>({ capacity: 5, capacityPerCheck: 3 });
    const rows = checks.of("neighbours", mark(1));
    rows.set("a", { id: "a" });
    rows.set("b", { id: "b" });
    expect(checks.of("neighbours", mark(1)).size).toBe(2);
    rows.set("c", { id: "c" });
    expect(checks.of("neighbours", mark(1)).size).toBe(0);
    const first = checks.of("first", mark(1));
    for (const row of ["a", "b"]) first.set(row, null);
    const second = checks.of("second", mark(1));
    for (const row of ["a", "b", "c"].slice(0, 2)) second.set(row, null);
    // first: 2 counted; second: 2 more counted when asked for again (4 in all, under 5)…
    expect(checks.of("first", mark(1)).size).toBe(2);
    expect(checks.of("second", mark(1)).size).toBe(2);
    checks.of("first", mark(1)).set("c", null);
    // …and one more makes 5: everything is forgotten.
    expect(checks.of("first", mark(1)).size).toBe(0);
    expect(checks.of("second", mark(1)).size).toBe(0);
  });
});
