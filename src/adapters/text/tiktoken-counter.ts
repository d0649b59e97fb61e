import { approximateTokenCounter } from "../../core/text/count-tokens.js";
import type { TokenCounter } from "../../ports/token-counter.js";

let loading: Promise<TokenCounter> | undefined;

/**
 * The cl100k_base tokenizer (GPT-4 family) from `js-tiktoken`, whose ranks ship inside the npm package.
 * Loaded once per process on first use (~0.3 s); falls back to the approximate counter if it cannot load.
 *
 * @example
 * const counter = await loadTiktokenCounter();
 * counter.count("我上个月搬到了里斯本");
 */
export function loadTiktokenCounter(): Promise<TokenCounter> {
  loading ??= (async () => {
    try {
      const [{ Tiktoken }, ranks] = await Promise.all([import("js-tiktoken/lite"), import("js-tiktoken/ranks/cl100k_base")]);
      const encoder = new Tiktoken(ranks.default);
      // Recalled texts repeat across queries: remember counts (bounded, oldest dropped first).
      const counts = new Map<string, number>();
      return {
        name: "cl100k_base",
        count(text: string) {
          const known = counts.get(text);
          if (known !== undefined) return known;
          const count = encoder.encode(text).length;
          if (counts.size >= 50_000) counts.delete(counts.keys().next().value ?? "");
          counts.set(text, count);
          return count;
        },
      };
    } catch {
      return approximateTokenCounter;
    }
  })();
  return loading;
}
