import { describe, expect, it } from "vitest";
import { validAt, validityOf } from "./episode-validity.js";

describe("episode validity", () => {
  it("holds for an episode no memory was made from, and otherwise while one of its memories is valid", () => {
    expect(validAt(validityOf(0, "[]"), "2024-01-01T00:00:00.000Z")).toBe(true);
    const superseded = validityOf(1, '[["2024-01-01T00:00:00.000Z","2024-06-01T00:00:00.000Z"]]');
    expect(validAt(superseded, "2023-12-31T23:59:59.999Z")).toBe(false);
    expect(validAt(superseded, "2024-01-01T00:00:00.000Z")).toBe(true);
    expect(validAt(superseded, "2024-06-01T00:00:00.000Z")).toBe(false);
    expect(
      validAt(validityOf(1, '[[null,"2024-06-01T00:00:00.000Z"],["2024-06-01T00:00:00.000Z",null]]'), "2030-01-01T00:00:00.000Z"),
    ).toBe(true);
  });

  it("does not hold for an episode whose memories are all deleted (none is live)", () => {
    expect(validAt(validityOf(1, "[]"), "2024-01-01T00:00:00.000Z")).toBe(false);
    expect(validAt(validityOf(1, null), "2024-01-01T00:00:00.000Z")).toBe(false);
  });
});
