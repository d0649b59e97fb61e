/**
 * The fixed English stop-word list of the answer-in-context proxy (bench README); it is not the engine's
 * keyword stop-word list, so that scores stay comparable with the shared harness.
 */
export const proxyStopWords: ReadonlySet<string> = new Set(
  (
    "a an the and or but if of at by for with about against between into through during before after " +
    "above below to from up down in out on off over under again further then once here there when where why " +
    "how all any both each few more most other some such no nor not only own same so than too very can will " +
    "just should now i me my myself we our ours ourselves you your yours yourself yourselves he him his himself " +
    "she her hers herself it its itself they them their theirs themselves what which who whom this that these " +
    "those am is are was were be been being have has had having do does did doing would could might must shall " +
    "may also as s t d ll m o re ve y"
  ).split(/\s+/),
);

const articles: ReadonlySet<string> = new Set(["a", "an", "the", "and"]);

/**
 * Normalises text for answer matching: Unicode NFKD with combining marks removed, lower case, digit-group
 * commas removed (`1,000` → `1000`), every other non-letter, non-digit character → space, trimmed.
 *
 * @example
 * normalizeAnswerText("Café, 1,000 Guests!"); // "cafe 1000 guests"
 */
export function normalizeAnswerText(text: unknown): string {
  return String(text ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/(\d),(\d)/g, "$1$2")
    .replace(/,/g, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Tokens for phrase matching: the normalised words without the articles `a an the and` (LoCoMo's
 * `normalize_answer`).
 *
 * @example
 * phraseTokens("The Eiffel Tower and a cat"); // ["eiffel", "tower", "cat"]
 */
export function phraseTokens(text: unknown): string[] {
  const normalized = normalizeAnswerText(text);
  if (normalized === "") return [];
  return normalized.split(/\s+/).filter((word) => word !== "" && !articles.has(word));
}

/**
 * Content tokens of a gold answer: phrase tokens minus stop words and one-character non-digit tokens; all
 * phrase tokens when that leaves nothing.
 *
 * @example
 * contentTokens("She went to the beach in 2022"); // ["went", "beach", "2022"]
 */
export function contentTokens(text: unknown): string[] {
  const all = phraseTokens(text);
  const content = all.filter((word) => !proxyStopWords.has(word) && (word.length > 1 || /\d/.test(word)));
  return content.length > 0 ? content : all;
}

/**
 * Does `needle` occur contiguously in `haystack`? An empty needle never occurs.
 *
 * @example
 * containsSequence({ haystack: ["7", "may", "2023"], needle: ["may", "2023"] }); // true
 */
export function containsSequence(options: { haystack: readonly string[]; needle: readonly string[] }): boolean {
  const { haystack, needle } = options;
  if (needle.length === 0) return false;
  for (let start = 0; start + needle.length <= haystack.length; start += 1) {
    let matches = true;
    for (let offset = 0; offset < needle.length; offset += 1) {
      if (haystack[start + offset] !== needle[offset]) {
        matches = false;
        break;
      }
    }
    if (matches) return true;
  }
  return false;
}
