import type { Embedder } from "../../../ports/embedder.js";

/**
 * A dependency-free embedder based on signed feature hashing.
 *
 * Text is split into words (any script except CJK; lowercased, NFKC-normalised, English
 * contractions split, light English suffix stripping) and, for CJK text (Han, kana, Hangul),
 * character unigrams and bigrams. English stop words and a few Chinese function characters are
 * dropped. Each feature is hashed with FNV-1a 32-bit (then mixed with the MurmurHash3 finaliser)
 * to a bucket and a sign; its count enters as sublinear tf `1 + ln(tf)`; the vector is
 * L2-normalised. It captures exact (and lightly stemmed) overlap only, no synonyms: the
 * word-vector embedder adds those for English.
 */

/** Words and CJK runs of a text, as produced by {@link tokenizeText}. */
export interface TextTokens {
  /** Lowercased words (stop words kept), contractions split: "don't" gives "do", "not". */
  readonly words: readonly string[];
  /** Maximal runs of CJK characters (Han, Hiragana, Katakana, Hangul), in order. */
  readonly cjkRuns: readonly string[];
}

/**
 * Common English function words, dropped before hashing and before averaging word vectors.
 * Lowercase, apostrophes removed (the tokeniser splits contractions first). "user" and "users"
 * are included on purpose: in an agent's memory nearly every query and many memories are about
 * "the user", so the word carries no signal and only pulls queries towards each other.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have " +
    "having he her here hers herself him himself his how i if in into is it its itself just me more most my " +
    "myself no nor not now of off on once only or other our ours ourselves out over own same she should so " +
    "some such than that the their theirs them themselves then there these they this those through to too " +
    "under until up very was we were what when where which while who whom whose why will with would you " +
    "your yours yourself yourselves also may might must shall us let yes ok okay oh s t d ll m re ve " +
    "user users"
  ).split(" "),
);

/** Very frequent Chinese function characters, dropped as unigrams only (bigrams keep them). */
const CHINESE_STOP_CHARACTERS: ReadonlySet<string> = new Set(
  "的 了 是 在 和 也 就 都 而 及 与 着 吗 呢 吧 啊 呀 把 被 这 那 之 或 个".split(" "),
);

const CJK_CHARACTER = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}";
const TOKEN_PATTERN = new RegExp(
  `[${CJK_CHARACTER}]+|(?:(?![${CJK_CHARACTER}])[\\p{L}\\p{N}\\p{M}])+(?:'(?:(?![${CJK_CHARACTER}])[\\p{L}\\p{M}])+)*`,
  "gu",
);
const CJK_RUN = new RegExp(`^[${CJK_CHARACTER}]`, "u");
const CLITIC_SUFFIXES: ReadonlySet<string> = new Set(["s", "re", "ve", "ll", "d", "m"]);
const NEGATED_BASES: ReadonlyMap<string, string> = new Map([
  ["ca", "can"],
  ["wo", "will"],
  ["sha", "shall"],
]);

/**
 * Splits a text into lowercase words and CJK character runs.
 *
 * @example
 * tokenizeText({ text: "I don't like 天气预报!" });
 * // { words: ["i", "do", "not", "like"], cjkRuns: ["天气预报"] }
 */
export function tokenizeText({ text }: { text: string }): TextTokens {
  const words: string[] = [];
  const cjkRuns: string[] = [];
  const normalised = text
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase();
  for (const match of normalised.matchAll(TOKEN_PATTERN)) {
    const token = match[0];
    if (CJK_RUN.test(token)) {
      cjkRuns.push(token);
      continue;
    }
    const apostrophe = token.indexOf("'");
    if (apostrophe === -1) {
      words.push(token);
      continue;
    }
    if (token.endsWith("n't")) {
      const base = token.slice(0, -3).replaceAll("'", "");
      words.push(NEGATED_BASES.get(base) ?? base, "not");
      continue;
    }
    const base = token.slice(0, apostrophe);
    const suffix = token.slice(apostrophe + 1);
    if (CLITIC_SUFFIXES.has(suffix)) {
      words.push(base);
    } else {
      words.push(token.replaceAll("'", ""));
    }
  }
  return { words, cjkRuns };
}

const VOWELS = /[aeiouy]/;

/**
 * Light English suffix stripping (plural, -ing, -ed, -ly, final e), so that "moved", "moving"
 * and "move" share a stem. Not a full stemmer; words of 3 letters or fewer are left as they are.
 *
 * @example
 * stemEnglishWord({ word: "moving" }); // "mov"
 * stemEnglishWord({ word: "moved" }); // "mov"
 * stemEnglishWord({ word: "cities" }); // "city"
 */
export function stemEnglishWord({ word }: { word: string }): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  let stem = word;
  if (stem.endsWith("ies") && stem.length > 4) {
    stem = `${stem.slice(0, -3)}y`;
  } else if (stem.endsWith("sses")) {
    stem = stem.slice(0, -2);
  } else if (stem.endsWith("s") && !/(ss|us|is)$/.test(stem)) {
    stem = stem.slice(0, -1);
  }
  for (const suffix of ["ingly", "edly", "ing", "ed", "ly"]) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 3 && VOWELS.test(stem.slice(0, -suffix.length))) {
      stem = stem.slice(0, -suffix.length);
      if (/([b-df-hj-np-tv-z])\1$/.test(stem) && !/(ll|ss|zz)$/.test(stem)) stem = stem.slice(0, -1);
      break;
    }
  }
  if (stem.endsWith("e") && stem.length > 3) stem = stem.slice(0, -1);
  return stem;
}

/**
 * FNV-1a 32-bit hash over the UTF-16 code units of a string, finished with the MurmurHash3
 * finaliser for better bit mixing. Returns an unsigned 32-bit integer.
 *
 * @example
 * hashFeature({ feature: "w:coffee" }) === hashFeature({ feature: "w:coffee" }); // true
 */
export function hashFeature({ feature }: { feature: string }): number {
  let hash = 0x811c9dc5;
  for (let position = 0; position < feature.length; position += 1) {
    hash ^= feature.charCodeAt(position);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * Lists the hashing features of tokenised text: `w:` + stem for each non-stop word,
 * `c:` + character for each CJK character (except a few function characters) and
 * `b:` + pair for each adjacent CJK character pair.
 *
 * @example
 * extractHashingFeatures({ tokens: tokenizeText({ text: "Moving to 里斯本" }) });
 * // ["w:mov", "c:里", "c:斯", "c:本", "b:里斯", "b:斯本"]
 */
export function extractHashingFeatures({ tokens }: { tokens: TextTokens }): string[] {
  const features: string[] = [];
  for (const word of tokens.words) {
    if (ENGLISH_STOP_WORDS.has(word)) continue;
    features.push(`w:${stemEnglishWord({ word })}`);
  }
  for (const run of tokens.cjkRuns) {
    const characters = Array.from(run);
    for (const character of characters) {
      if (!CHINESE_STOP_CHARACTERS.has(character)) features.push(`c:${character}`);
    }
    for (let position = 0; position + 1 < characters.length; position += 1) {
      features.push(`b:${characters[position]}${characters[position + 1]}`);
    }
  }
  return features;
}

/**
 * Builds the L2-normalised signed hashing vector of tokenised text (all zeros when the text has
 * no features), using sublinear term frequency `1 + ln(tf)`.
 *
 * @example
 * const vector = computeHashingVector({ tokens: tokenizeText({ text: "coffee" }), dimensions: 256 });
 * vector.length; // 256
 */
export function computeHashingVector({ tokens, dimensions }: { tokens: TextTokens; dimensions: number }): Float32Array {
  const counts = new Map<string, number>();
  for (const feature of extractHashingFeatures({ tokens })) {
    counts.set(feature, (counts.get(feature) ?? 0) + 1);
  }
  const accumulator = new Float64Array(dimensions);
  for (const [feature, count] of counts) {
    const hash = hashFeature({ feature });
    const bucket = hash % dimensions;
    const sign = hash >>> 31 === 1 ? -1 : 1;
    accumulator[bucket] = (accumulator[bucket] ?? 0) + sign * (1 + Math.log(count));
  }
  return normaliseVector({ vector: accumulator });
}

/**
 * Returns an L2-normalised Float32Array copy of a vector (all zeros when its norm is 0).
 *
 * @example
 * normaliseVector({ vector: new Float64Array([3, 4]) }); // Float32Array [0.6, 0.8]
 */
export function normaliseVector({ vector }: { vector: ArrayLike<number> }): Float32Array {
  let sumOfSquares = 0;
  for (let index = 0; index < vector.length; index += 1) {
    const value = vector[index] ?? 0;
    sumOfSquares += value * value;
  }
  const result = new Float32Array(vector.length);
  if (sumOfSquares === 0 || !Number.isFinite(sumOfSquares)) return result;
  const inverseNorm = 1 / Math.sqrt(sumOfSquares);
  for (let index = 0; index < vector.length; index += 1) {
    result[index] = (vector[index] ?? 0) * inverseNorm;
  }
  return result;
}

/**
 * Creates the feature-hashing embedder (no data files, no dependencies, any language, exact
 * and lightly stemmed overlap only).
 *
 * @example
 * const embedder = createHashingEmbedder({ dimensions: 256 });
 * embedder.modelId; // "mnemo-hash-256-v1"
 * const { embeddings } = await embedder.embed({ values: ["我喜欢喝咖啡", "I like coffee"] });
 */
export function createHashingEmbedder({ dimensions = 256 }: { dimensions?: number } = {}): Embedder {
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new Error(`hashing embedder dimensions must be a positive integer, got ${dimensions}`);
  }
  return {
    modelId: `mnemo-hash-${dimensions}-v1`,
    dimensions,
    lexical: true,
    async embed({ values }: { values: readonly string[] }): Promise<{ embeddings: Float32Array[] }> {
      const embeddings = values.map((text) => computeHashingVector({ tokens: tokenizeText({ text }), dimensions }));
      return { embeddings };
    },
  };
}
