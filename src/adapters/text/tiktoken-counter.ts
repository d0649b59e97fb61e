import { approximateTokenCounter } from "../../core/text/count-tokens.js";
import type { TokenCounter } from "../../ports/token-counter.js";

let loading: Promise<TokenCounter> | undefined;

/** The longest run of whitespace, or of anything else, encoded in one piece (byte-pair merging is quadratic). */
const longestRun = 100;
/** A run {@link piecesOf} cuts: whitespace there is a space, a tab or a line break, as below. */
const longRun = new RegExp(`[^ \\t-\\r]{${longestRun}}|[ \\t-\\r]{${longestRun}}`);
/** Counts remembered, and the longest text whose count is remembered (bounds the memory held). */
const rememberedTexts = 20_000;
const longestRemembered = 1_000;

/**
 * A 53-bit key for a remembered count (two 32-bit FNV-1a hashes), so the cache keeps no text: a deleted
 * memory's words do not stay in the process. Two texts sharing a key (about one pair in 10^11 among 20,000)
 * would share a count.
 */
function keyOf(text: string): number {
  let first = 0x811c9dc5;
  let second = 0x01000193 ^ text.length;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    first = Math.imul(first ^ code, 0x01000193);
    second = Math.imul(second ^ code, 0x5bd1e995);
  }
  return (first >>> 0) * 0x200000 + ((second >>> 0) & 0x1fffff);
}

/**
 * `text` cut inside every run of more than {@link longestRun} characters without whitespace (a base64 blob, a
 * URL, a Chinese paragraph without punctuation) or of whitespace; text without such a run stays one piece.
 * Each cut may change the count by a token: a 16,000-character run took 16.6 s to count whole.
 */
function piecesOf(text: string): string[] {
  if (!longRun.test(text)) return [text];
  const pieces: string[] = [];
  let start = 0;
  let run = 0;
  let spaces = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const space = code === 32 || (code >= 9 && code <= 13);
    run = space === spaces ? run + 1 : 1;
    spaces = space;
    // Never between the two halves of a surrogate pair.
    if (run >= longestRun && !(code >= 0xd800 && code <= 0xdbff)) {
      pieces.push(text.slice(start, index + 1));
      start = index + 1;
      run = 0;
    }
  }
  pieces.push(text.slice(start));
  return pieces;
}

/**
 * The cl100k_base tokenizer (GPT-4 family) from `gpt-tokenizer`, whose ranks ship inside the npm package (same
 * counts as `js-tiktoken`, which the tests check, at about a quarter of the time: 9.6 against 39 µs for a
 * 100-character text). Its cache of merged word pieces is turned off, so no words of a deleted memory stay in
 * the process. Loaded once per process on first use (~0.06 s); falls back to the approximate counter if it
 * cannot load. Runs of more than 100 characters with or without whitespace are counted in pieces of 100 (linear
 * time, a token or so more per cut).
 *
 * @example
 * const counter = await loadTiktokenCounter();
 * counter.count("我上个月搬到了里斯本");
 */
export function loadTiktokenCounter(): Promise<TokenCounter> {
  loading ??= (async () => {
    try {
      const encoding = await import("gpt-tokenizer/encoding/cl100k_base");
      encoding.setMergeCacheSize(0);
      // Stored text is counted as text: "<|endoftext|>" in a memory is its characters, not a special token (by
      // default the tokenizer throws on it, and every search that recalled such a memory failed).
      const asText = { disallowedSpecial: new Set<string>() };
      // Recalled texts repeat across queries: remember counts of short texts by key (bounded, oldest dropped first).
      const counts = new Map<number, number>();
      return {
        name: "cl100k_base",
        count(text: string) {
          const key = text.length <= longestRemembered ? keyOf(text) : undefined;
          const known = key === undefined ? undefined : counts.get(key);
          if (known !== undefined) return known;
          let count = 0;
          for (const piece of piecesOf(text)) count += encoding.countTokens(piece, asText);
          if (key !== undefined) {
            if (counts.size >= rememberedTexts) counts.delete(counts.keys().next().value ?? 0);
            counts.set(key, count);
          }
          return count;
        },
      };
    } catch {
      return approximateTokenCounter;
    }
  })();
  return loading;
}
