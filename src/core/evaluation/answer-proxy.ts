import { containsSequence, contentTokens, phraseTokens } from "./answer-text.js";

/** The answer-in-context proxy of one question at one budget. */
export interface AnswerProxyScore {
  /** 1 when every gold sub-answer occurs as a phrase in the truncated context (`hit@B`). */
  hit: 0 | 1;
  /** Share of the gold content tokens present in the truncated context (`tok@B`). */
  tokenOverlap: number;
}

/**
 * The whitespace tokens of a retrieved context: the items' texts in rank order joined with a newline.
 *
 * @example
 * contextWords(["[8 May 2023] I went to the support group", "[9 May 2023] It was great"]).length; // 12
 */
export function contextWords(texts: readonly string[]): string[] {
  return texts
    .join("\n")
    .split(/\s+/)
    .filter((word) => word !== "");
}

/**
 * Scores a context against a question's gold sub-answers, keeping the first `budget` whitespace tokens
 * (`budget` 0 = no truncation, the `full` column).
 *
 * @example
 * answerProxy({ answerParts: ["7 May 2023"], words: contextWords(["On 7 May 2023 I went"]), budget: 256 }); // { hit: 1, tokenOverlap: 1 }
 */
export function answerProxy(options: { answerParts: readonly string[]; words: readonly string[]; budget: number }): AnswerProxyScore {
  const kept = options.budget > 0 ? options.words.slice(0, options.budget) : options.words;
  const context = phraseTokens(kept.join(" "));
  const contextSet = new Set(context);
  const hit = options.answerParts.every((part) => containsSequence({ haystack: context, needle: phraseTokens(part) })) ? 1 : 0;
  const gold = [...new Set(options.answerParts.flatMap((part) => contentTokens(part)))];
  const tokenOverlap = gold.length > 0 ? gold.filter((word) => contextSet.has(word)).length / gold.length : 0;
  return { hit, tokenOverlap };
}
