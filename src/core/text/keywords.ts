import type { Segmenter } from "../../ports/segmenter.js";
import { stopWords } from "./stop-words.js";

const wordPattern = /[\p{L}\p{N}]/u;

/**
 * Normalised words of a text: NFKC, lower case, segmented (Chinese by the segmenter), punctuation dropped.
 *
 * @example
 * keywordTokens({ text: "I moved to Lisbon!", segmenter }); // ["i", "moved", "to", "lisbon"]
 */
export function keywordTokens(options: { text: string; segmenter: Segmenter }): string[] {
  const normalized = options.text.normalize("NFKC").toLowerCase();
  const tokens: string[] = [];
  for (const word of options.segmenter.segment(normalized)) {
    const trimmed = word.trim().replace(/^[^\p{L}\p{N}]+|(?<![^\p{L}\p{N}])[^\p{L}\p{N}]+$/gu, "");
    if (trimmed !== "" && wordPattern.test(trimmed)) tokens.push(trimmed);
  }
  return tokens;
}

/**
 * The text given to the full-text index: words separated by single spaces, so the index tokenizer
 * (unicode61 + porter) sees Chinese words as the segmenter cut them.
 *
 * @example
 * keywordIndexText({ text: "我喜欢喝咖啡", segmenter }); // "我 喜欢 喝 咖啡"
 */
export function keywordIndexText(options: { text: string; segmenter: Segmenter }): string {
  return keywordTokens(options).join(" ");
}

/**
 * A safe full-text query: the query's content words (plus `expand`'s related words), each quoted (so no user
 * text is ever FTS syntax), joined with OR. Returns "" when nothing is left.
 *
 * @example
 * keywordMatchExpression({ text: "Where does the user live?", segmenter }); // "\"user\" OR \"live\""
 */
export function keywordMatchExpression(options: {
  text: string;
  segmenter: Segmenter;
  expand?: (terms: readonly string[]) => string[];
}): string {
  return keywordQuery(options).expression;
}

/** Words that ask for a degree after "how": "how long", "how often", "how old" … */
const degreeWords = new Set(["long", "often", "far", "old", "soon", "big", "much", "many", "frequently"]);

/**
 * "How long has she had them?" asks for a duration: "long" alone would find "Long time no see!", while the
 * phrase "how long" finds the turns that ask the same ("How long have you had them?"), next to their answers.
 * The degree word after "how" becomes the two-word phrase.
 */
function joinDegreeQuestions(tokens: readonly string[]): string[] {
  const joined: string[] = [];
  for (const token of tokens) {
    if (degreeWords.has(token) && joined.at(-1) === "how") joined[joined.length - 1] = `how ${token}`;
    else joined.push(token);
  }
  return joined;
}

/** Particles that make a compound with the word before them: "work out" → "workout", "check up" → "checkup". */
const particles = new Set(["out", "up", "off", "over", "down", "back"]);

/**
 * Two adjacent words written as one, for statements that write the compound ("ice cream" → "icecream", "work
 * out" → "workout"). A pair that is no word simply matches nothing. Related words, weighed as such.
 */
function joinedCompounds(options: { tokens: readonly string[]; names: ReadonlySet<string> }): string[] {
  const { tokens, names } = options;
  // A name does not make a compound with its neighbour ("Anna live").
  return tokens.flatMap((token, index) => {
    const next = tokens[index + 1];
    if (next === undefined || stopWords.has(token) || names.has(token) || names.has(next)) return [];
    if (!/^\p{L}+$/u.test(token) || !/^\p{L}+$/u.test(next)) return [];
    if (stopWords.has(next) && !particles.has(next)) return [];
    const joined = `${token}${next}`;
    return joined.length >= 6 && !/\p{Script=Han}/u.test(joined) ? [joined] : [];
  });
}

/** Could this be an English word of its own: a vowel in it, and a start English words have (not "rtwatch"). */
const wordLike = /^(?:s?[cpt]h|s[ckmnpqtw]|[bcfgkps]l|[bcdfgkpt]r|s[cpt]r|spl|thr|squ|qu|tw|wh|wr|kn|[b-df-hj-np-tv-z])?[aeiouy]/u;

/** The longest word tried as two (a query's 10,000-letter "word" is not split 10,000 ways). */
const longestCompound = 24;

/**
 * A long word also as two words, at each place it could split into two word-like halves ("smartwatch" →
 * "smart watch", "smar twatch", "smartw atch"; "workout" → "work out"), for statements that write the compound
 * apart. A split that is no phrase simply matches nothing.
 */
function splitCompounds(options: { tokens: readonly string[]; names: ReadonlySet<string> }): string[] {
  const { names } = options;
  return options.tokens.flatMap((token) => {
    if (token.length < 7 || token.length > longestCompound || stopWords.has(token) || names.has(token) || !/^[a-z]+$/u.test(token))
      return [];
    const splits: string[] = [];
    for (let at = 3; at <= token.length - 3; at += 1) {
      const [left, right] = [token.slice(0, at), token.slice(at)];
      if (/[aeiouy]/u.test(left) && wordLike.test(right)) splits.push(`${left} ${right}`);
    }
    return splits;
  });
}

/**
 * `keywordMatchExpression` with the weight of each related word `expand` added (`expansionWeight`, default 1):
 * the words of the question say what it is about, the related words only may.
 *
 * @example
 * keywordQuery({ text: "Where does she live?", segmenter, expand: expandQueryTerms, expansionWeight: 0.5 });
 * // { expression: "\"live\" OR \"lives\" OR …", phraseWeights: { lives: 0.5, … } }
 */
export function keywordQuery(options: {
  text: string;
  segmenter: Segmenter;
  expand?: (terms: readonly string[]) => string[];
  expansionWeight?: number;
}): { expression: string; phraseWeights: Record<string, number> } {
  // A possessive asks about the word itself: "Caroline's daughter" is about Caroline and a daughter, and the
  // phrase "caroline's" would only find rows that repeat the possessive.
  const tokens = joinDegreeQuestions(keywordTokens(options).map((token) => token.replace(/['’]s$/u, "")));
  const content = tokens.filter((token) => !stopWords.has(token));
  const chosen = [...new Set(content.length > 0 ? content : tokens)];
  // Capitalised words: names, which make no compound and are not split.
  const names = new Set((options.text.match(/\b\p{Lu}\p{Ll}+/gu) ?? []).map((name) => name.toLowerCase()));
  const expansions = [
    ...new Set(
      [...(options.expand?.(chosen) ?? []), ...joinedCompounds({ tokens, names }), ...splitCompounds({ tokens, names })]
        .map((term) => keywordTokens({ text: term, segmenter: options.segmenter }).join(" "))
        .filter((phrase) => phrase !== "" && !chosen.includes(phrase)),
    ),
  ];
  const weight = options.expansionWeight ?? 1;
  return {
    expression: [...chosen, ...expansions].map((phrase) => `"${phrase.replaceAll('"', '""')}"`).join(" OR "),
    phraseWeights: weight === 1 ? {} : Object.fromEntries(expansions.map((phrase) => [phrase, weight])),
  };
}
