import { describe, expect, it } from "vitest";
import { spellingVariants } from "./spelling-variants.js";

describe("spellingVariants", () => {
  it.each([
    ["favourite", "favorite"],
    ["favorite", "favourite"],
    ["neighbourhood", "neighborhood"],
    ["organise", "organize"],
    ["organized", "organised"],
    ["analyse", "analyze"],
    ["centre", "center"],
    ["theater", "theatre"],
    ["travelled", "traveled"],
    ["traveling", "travelling"],
    ["catalogue", "catalog"],
    ["defence", "defense"],
  ])("spells %s also as %s", (word, variant) => {
    expect(spellingVariants(word)).toContain(variant);
  });

  it("leaves short words and words with no other spelling alone", () => {
    expect(spellingVariants("four")).toEqual([]);
    expect(spellingVariants("your")).toEqual([]);
    expect(spellingVariants("filled")).toEqual([]);
    expect(spellingVariants("since")).toEqual([]);
    expect(spellingVariants("咖啡")).toEqual([]);
  });
});
