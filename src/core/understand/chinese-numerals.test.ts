import { describe, expect, it } from "vitest";
import { parseChineseNumber } from "./chinese-numerals.js";

describe("parseChineseNumber", () => {
  it.each([
    ["一", 1],
    ["两", 2],
    ["兩", 2],
    ["三", 3],
    ["十", 10],
    ["十五", 15],
    ["二十", 20],
    ["二十三", 23],
    ["四十五", 45],
    ["九十九", 99],
    ["一百", 100],
    ["一百零五", 105],
    ["廿", 20],
    ["廿三", 23],
    ["二〇二三", 2023],
    ["二零一九", 2019],
    ["12", 12],
    ["１２", 12],
  ])("parses %s as %i", (text, expected) => {
    expect(parseChineseNumber(text)).toBe(expected);
  });

  it("returns undefined for fuzzy or foreign text", () => {
    expect(parseChineseNumber("几")).toBeUndefined();
    expect(parseChineseNumber("半")).toBeUndefined();
    expect(parseChineseNumber("abc")).toBeUndefined();
    expect(parseChineseNumber("")).toBeUndefined();
  });
});
