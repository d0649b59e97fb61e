import { Tiktoken } from "js-tiktoken/lite";
import ranks from "js-tiktoken/ranks/cl100k_base";
import { describe, expect, it } from "vitest";
import { loadTiktokenCounter } from "./tiktoken-counter.js";

describe("loadTiktokenCounter", () => {
  const encoder = new Tiktoken(ranks);

  it("counts ordinary text exactly as cl100k_base does", async () => {
    const counter = await loadTiktokenCounter();
    expect(counter.name).toBe("cl100k_base");
    for (const text of ["I moved to Lisbon last month", "我上个月搬到了里斯本", `see https://example.com/${"a1b2c3".repeat(10)} ok`, "x"]) {
      expect(counter.count(text)).toBe(encoder.encode(text).length);
    }
  });

  it("remembers counts by key: thousands of similar texts, asked twice, each keep their own count", async () => {
    const counter = await loadTiktokenCounter();
    const texts = Array.from({ length: 3_000 }, (_, index) => `Memory ${index}: ${"word ".repeat(index % 37)}${index * 7919}`);
    const first = texts.map((text) => counter.count(text));
    expect(texts.map((text) => counter.count(text))).toEqual(first);
    expect(first).toEqual(texts.map((text) => encoder.encode(text).length));
  });

  it("counts special-token text such as <|endoftext|> as ordinary characters instead of throwing", async () => {
    const counter = await loadTiktokenCounter();
    const text = "my note <|endoftext|> and <|fim_prefix|> stay words";
    expect(counter.count(text)).toBe(encoder.encode(text, [], []).length);
  });

  it("counts long runs in pieces: letters exactly here, whitespace a little over", async () => {
    // Whole, a 16,000-character run took 16.6 s (byte-pair merging is quadratic in a piece's length).
    const counter = await loadTiktokenCounter();
    for (const text of ["aé".repeat(3_000), "中".repeat(6_000)])
      expect(counter.count(text)).toBe(encoder.encode(text.slice(0, 1_000)).length * (text.length / 1_000));
    const spaced = `I love${" ".repeat(1_000)}it`;
    const exactSpaces = encoder.encode(spaced).length;
    expect(counter.count(spaced)).toBeGreaterThanOrEqual(exactSpaces);
    expect(counter.count(spaced)).toBeLessThanOrEqual(exactSpaces * 3);
  });
});
