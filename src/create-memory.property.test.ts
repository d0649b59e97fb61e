import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Memory } from "./core/engine/create-memory-engine.js";
import { MnemoError } from "./core/errors.js";
import { createMemory } from "./create-memory.js";

// Property tests over arbitrary text (RELIABILITY.md, "Bad input"): a fixed seed keeps them deterministic.
const runs = { numRuns: 80, seed: 20_261_124 };

/** Pieces that have broken text handling somewhere: query syntax, regular-expression metacharacters, odd Unicode. */
const hostilePieces = [
  '"',
  "'",
  "*",
  "NEAR(",
  " AND ",
  " OR ",
  " NOT ",
  "^",
  "(a+)+$",
  "\\",
  "[",
  "{",
  "\u0000",
  "\u200b",
  "\u202e",
  "e\u0301",
  "😀",
  "我上周五",
  "last Saturday",
  "   ",
  "\n",
  "1,000",
  "'s",
  "x".repeat(300),
  "<|endoftext|>",
  "<|fim_prefix|>",
  "constructor",
  "__proto__",
];
const hostileText = fc.string({
  unit: fc.oneof(fc.string({ unit: "grapheme", minLength: 1, maxLength: 3 }), fc.constantFrom(...hostilePieces)),
  maxLength: 30,
});
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

describe("createMemory under arbitrary text", () => {
  let memory: Memory;
  beforeAll(async () => {
    memory = await createMemory({ path: ":memory:", recallCacheSize: 0 });
  });
  afterAll(async () => {
    await memory.close();
  });

  it("stores any well-formed text word for word and reads it back unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const content = text.trim();
        fc.pre(content !== "");
        const added = await memory.add([{ role: "user", content }], { userId: "round-trip", infer: false });
        const id = added.results[0]?.id;
        expect(id).toBeDefined();
        expect((await memory.get(id ?? ""))?.memory).toBe(content);
      }),
      runs,
    );
  });

  it("recalls any stored text by its own words without an error, the words counted as tokens", async () => {
    let user = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const content = text.trim();
        fc.pre(content !== "");
        user += 1;
        const userId = `recall-${user}`;
        const added = await memory.add(content, { userId });
        const found = await memory.search(content, { userId, topK: 5 });
        // The scope holds only this text: whatever is recalled is it (a memory made from it, or the turn).
        const ids = new Set(added.results.map((result) => result.id));
        for (const result of found.results) {
          if (result.type === "memory") expect(ids.has(result.id)).toBe(true);
          else expect(result.memory).toContain(content);
        }
        expect(Number.isInteger(found.tokens) && found.tokens >= 0).toBe(true);
        expect(found.results.length === 0 || found.tokens > 0).toBe(true);
      }),
      runs,
    );
  });

  it("answers any query with results or INPUT_INVALID, and a refused write leaves the store as it was", async () => {
    await memory.add("I went hiking near Porto last Saturday with Ana", { userId: "queries" });
    await fc.assert(
      fc.asyncProperty(hostileText, fc.option(loneSurrogate, { nil: undefined }), async (text, broken) => {
        const query = broken === undefined ? text : `${text}${broken}`;
        const before = await memory.stats();
        for (const attempt of [
          () => memory.search(query, { userId: "queries", topK: 5 }),
          () => memory.add(query, { userId: "queries" }),
        ]) {
          try {
            await attempt();
          } catch (error) {
            expect(MnemoError.isInstance(error) ? error.code : String(error)).toBe("INPUT_INVALID");
          }
        }
        if (broken !== undefined || query.trim() === "") expect(await memory.stats()).toEqual(before);
      }),
      runs,
    );
  });
});
