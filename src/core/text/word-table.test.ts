import { describe, expect, it } from "vitest";
import { wordTable } from "./word-table.js";

describe("wordTable", () => {
  it("finds its own words and nothing of Object.prototype", () => {
    const table = wordTable({ live: ["lives"], toString: ["own"] });
    expect(table.live).toEqual(["lives"]);
    expect(table.toString).toEqual(["own"]);
    for (const word of ["constructor", "__proto__", "hasOwnProperty", "valueOf", "isPrototypeOf"]) expect(table[word]).toBeUndefined();
    expect(Object.isFrozen(table)).toBe(true);
  });
});
