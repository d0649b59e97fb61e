import type { TokenCounter } from "../../ports/token-counter.js";

/**
 * Approximate LLM token count: about 1.3 tokens per Latin word, 1 per Han character, 1 per other symbol.
 * Close to cl100k counts for English prose and Chinese; used only for packing results into a budget.
 *
 * @example
 * countTokens("I moved to Lisbon last month"); // 8
 */
export function countTokens(text: string): number {
  let tokens = 0;
  for (const match of text.matchAll(/\p{Script=Han}|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)) {
    const part = match[0];
    if (/\p{Script=Han}/u.test(part)) tokens += 1;
    else if (/[\p{L}\p{N}]/u.test(part)) tokens += Math.max(1, Math.ceil(part.length / 6)) * 1.3;
    else tokens += 1;
  }
  return Math.ceil(tokens);
}

/**
 * The approximate counter as a {@link TokenCounter} (used when no tokenizer is available).
 *
 * @example
 * approximateTokenCounter.count("hello world"); // 3
 */
export const approximateTokenCounter: TokenCounter = { name: "approximate", count: countTokens };
