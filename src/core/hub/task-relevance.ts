import type { Segmenter } from "../../ports/segmenter.js";
import { keywordTokens } from "../text/keywords.js";
import { stopWords } from "../text/stop-words.js";
import { stemWord } from "./conflict-rules.js";

/** Words that name the user in almost every memory: they say nothing about a task. */
const genericTerms = new Set(["user", "users", "customer", "client", "patient", "member", "用户", "客户", "顾客", "患者", "病人"]);

/**
 * The content words of a task (stop words and words naming the user dropped; English stemmed).
 *
 * @example
 * taskTerms({ text: "Pick a snack with peanuts for the user", segmenter }); // ["pick", "snack", "peanut"]
 */
export function taskTerms(options: { text: string; segmenter: Segmenter }): string[] {
  const terms = keywordTokens(options).filter((token) => !stopWords.has(token) && !genericTerms.has(token) && [...token].length >= 2);
  return [...new Set(terms.map((term) => (/\p{Script=Han}/u.test(term) ? term : stemWord(term))))];
}

/**
 * Does the text share a content word with the task (English by stem, Chinese as a substring)?
 *
 * @example
 * sharesTaskTerm({ text: "The user is allergic to peanuts", terms: ["snack", "peanut"], segmenter }); // true
 */
export function sharesTaskTerm(options: { text: string; terms: readonly string[]; segmenter: Segmenter }): boolean {
  if (options.terms.length === 0) return false;
  const stems = new Set(keywordTokens({ text: options.text, segmenter: options.segmenter }).map(stemWord));
  return options.terms.some((term) => (/\p{Script=Han}/u.test(term) ? options.text.includes(term) : stems.has(term)));
}
