import { describe, expect, it } from "vitest";
import { containsHan, foldSurface, foldText, isWordCharacter } from "./fold-text.js";

describe("foldText", () => {
  it("lower-cases, turns runs of spaces, hyphens and dashes into one space and keeps Han as is", () => {
    expect(foldText("Stop-Loss  –  ORDER").folded).toBe("stop loss order");
    expect(foldText("我的A股").folded).toBe("我的a股");
  });

  it("maps every folded unit back to its span in the original text", () => {
    const text = "Ｍargin  Call";
    const { folded, starts, ends } = foldText(text);
    expect(folded).toBe("margin call");
    expect(starts[0]).toBe(0);
    expect(ends[6]).toBe(8); // the folded space covers both original spaces
    expect(text.slice(starts[7], ends[10])).toBe("Call");
  });

  it("normalises full-width letters and curly apostrophes", () => {
    expect(foldSurface(" ＧＰＡ ")).toBe("gpa");
    expect(foldSurface("can’t sleep")).toBe("can't sleep");
  });
});

describe("character classes", () => {
  it("treats Latin letters and digits as word characters, Han and punctuation not", () => {
    expect(isWordCharacter("a")).toBe(true);
    expect(isWordCharacter("7")).toBe(true);
    expect(isWordCharacter("药")).toBe(false);
    expect(isWordCharacter("-")).toBe(false);
    expect(isWordCharacter(undefined)).toBe(false);
    expect(containsHan("ETF基金")).toBe(true);
    expect(containsHan("ETF")).toBe(false);
  });
});
