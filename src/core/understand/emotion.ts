import { ENGLISH_CONTRAST_WORDS, ENGLISH_EMOTION_TERMS, ENGLISH_INTENSIFIERS, ENGLISH_NEGATORS } from "./emotion-lexicon-en.js";
import {
  CHINESE_CONTRAST_WORDS,
  CHINESE_EMOTION_TERMS,
  CHINESE_INTENSIFIERS,
  CHINESE_NEGATORS,
  CHINESE_NEUTRAL_WORDS,
} from "./emotion-lexicon-zh.js";
import type { Language } from "./language.js";

/** The emotional tone of a text. */
export interface EmotionScore {
  /** 0 (very negative) .. 50 (neutral) .. 100 (very positive). */
  score: number;
  /** How strongly emotional the text is, 0..1, regardless of direction; exclamation marks raise it. */
  intensity: number;
  polarity: "positive" | "negative" | "neutral";
  /** The lexicon entries found, in order of first appearance, without duplicates. */
  matchedTerms: string[];
}

/** A domain-specific lexicon entry: weight from -3 (strongly negative) to +3 (strongly positive). */
export interface EmotionTerm {
  term: string;
  weight: number;
}

/** A negated term keeps this share of its weight, with the sign flipped ("not good" ≈ -0.6 × good). */
const NEGATION_FACTOR = -0.6;
/** Terms before a contrast word ("but", 但是) count half, terms after it one and a half. */
const BEFORE_CONTRAST_FACTOR = 0.5;
const AFTER_CONTRAST_FACTOR = 1.5;
/** Each exclamation mark (up to four) adds this much to the magnitude of the raw sum. */
const EXCLAMATION_BOOST = 0.3;
const MAXIMUM_EXCLAMATIONS = 4;
/** Questions assert less: the raw sum shrinks by this factor. */
const QUESTION_FACTOR = 0.7;
/** A term written in capitals inside mixed-case text ("I LOVE it") counts this much more. */
const CAPITALS_FACTOR = 1.25;
/** Normalisation constant: compound = sum / sqrt(sum² + alpha), grown for long texts (density). */
const BASE_ALPHA = 15;
const WORDS_BEFORE_DILUTION = 15;
/** Compound values within this distance of zero are neutral. */
const NEUTRAL_BAND = 0.05;
/** English: the negation window in words; Chinese: the largest gap in characters. */
const ENGLISH_NEGATION_WINDOW = 3;
const CHINESE_NEGATION_GAP = 2;
/** Stacked modifiers ("really very") multiply, within these bounds. */
const MAXIMUM_MODIFIER = 2;
const MINIMUM_MODIFIER = 0.3;

interface Hit {
  term: string;
  weight: number;
}

interface ScanResult {
  hits: Hit[];
  wordCount: number;
}

function clampWeight(weight: number): number {
  return Math.max(-3, Math.min(3, weight));
}

function clampModifier(modifier: number): number {
  return Math.max(MINIMUM_MODIFIER, Math.min(MAXIMUM_MODIFIER, modifier));
}

function applyContrast(hits: Hit[]): void {
  for (const hit of hits) hit.weight *= BEFORE_CONTRAST_FACTOR;
}

// ---------------------------------------------------------------------------------------------------
// English

interface EnglishLexicon {
  terms: ReadonlyMap<string, number>;
  /** Multi-word terms and modifiers by their first word, longest first. */
  phrases: ReadonlyMap<string, ReadonlyArray<{ words: string[]; weight?: number; factor?: number }>>;
  modifiers: ReadonlyMap<string, number>;
}

function buildEnglishLexicon(extraTerms: readonly EmotionTerm[]): EnglishLexicon {
  const terms = new Map<string, number>();
  const modifiers = new Map<string, number>();
  const phrases = new Map<string, Array<{ words: string[]; weight?: number; factor?: number }>>();
  const addPhrase = (text: string, entry: { weight?: number; factor?: number }): void => {
    const words = text.split(" ");
    const first = words[0] ?? "";
    const list = phrases.get(first) ?? [];
    list.push({ words, ...entry });
    list.sort((left, right) => right.words.length - left.words.length);
    phrases.set(first, list);
  };
  const addTerm = (text: string, weight: number): void => {
    const normalized = text.toLowerCase().replace(/\s+/g, " ").trim();
    if (normalized.includes(" ")) addPhrase(normalized, { weight });
    else terms.set(normalized, weight);
  };
  for (const [text, weight] of Object.entries(ENGLISH_EMOTION_TERMS)) addTerm(text, weight);
  for (const { term, weight } of extraTerms) addTerm(term, clampWeight(weight));
  for (const [text, factor] of Object.entries(ENGLISH_INTENSIFIERS)) {
    if (text.includes(" ")) addPhrase(text, { factor });
    else modifiers.set(text, factor);
  }
  return { terms, phrases, modifiers };
}

const suffixRules: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["iest", ["y"]],
  ["ier", ["y"]],
  ["ies", ["y"]],
  ["ied", ["y"]],
  ["ily", ["y"]],
  ["ingly", ["", "e"]],
  ["edly", ["", "e"]],
  ["ing", ["", "e"]],
  ["ed", ["", "e"]],
  ["est", ["", "e"]],
  ["er", ["", "e"]],
  ["ly", [""]],
  ["es", [""]],
  ["s", [""]],
];

/** Finds a word in the lexicon directly or through a simple inflection ("loved", "happier", "upsetting"). */
function lookupEnglishTerm(terms: ReadonlyMap<string, number>, word: string): { term: string; weight: number } | undefined {
  const direct = terms.get(word);
  if (direct !== undefined) return { term: word, weight: direct };
  if (word.length < 4) return undefined;
  for (const [suffix, replacements] of suffixRules) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 2) continue;
    const base = word.slice(0, -suffix.length);
    for (const replacement of replacements) {
      const candidate = base + replacement;
      const weight = terms.get(candidate);
      if (weight !== undefined) return { term: candidate, weight };
    }
    const last = base[base.length - 1];
    if (last !== undefined && last === base[base.length - 2] && !"aeiou".includes(last)) {
      const undoubled = base.slice(0, -1);
      const weight = terms.get(undoubled);
      if (weight !== undefined) return { term: undoubled, weight };
    }
  }
  return undefined;
}

/** "like" is a feeling only as a verb: after a subject, adverb, auxiliary or negation ("I like", "don't like"). */
const likeVerbContext = new Set([
  "i",
  "we",
  "you",
  "they",
  "he",
  "she",
  "people",
  "really",
  "also",
  "still",
  "totally",
  "definitely",
  "actually",
  "truly",
  "genuinely",
  "always",
  "do",
  "does",
  "did",
  "would",
  "to",
  "so",
  "kinda",
  "i'd",
  "we'd",
  "you'd",
  "they'd",
  "who",
  "not",
  "never",
]);

const englishTokenPattern = /[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[.,;:!?]/g;

function isNegator(word: string): boolean {
  return ENGLISH_NEGATORS.has(word) || word.endsWith("n't");
}

function scanEnglish(text: string, lexicon: EnglishLexicon): ScanResult {
  const originals = text.match(englishTokenPattern) ?? [];
  const tokens = originals.map((token) => token.toLowerCase().replace("’", "'"));
  // Capitals stand out only in text that also has lower case ("I LOVE it", not "I LOVE IT").
  const hasLowercase = /[a-z]/.test(text);

  const hits: Hit[] = [];
  let wordCount = 0;
  let modifier = 1;
  let wordsSinceModifier = 0;
  let negationWindow = 0;
  let afterContrast = false;

  const termAt = (position: number): { term: string; weight: number; length: number } | undefined => {
    const word = tokens[position];
    if (word === undefined) return undefined;
    for (const phrase of lexicon.phrases.get(word) ?? []) {
      if (phrase.weight === undefined) continue;
      if (phrase.words.every((part, offset) => tokens[position + offset] === part)) {
        return { term: phrase.words.join(" "), weight: phrase.weight, length: phrase.words.length };
      }
    }
    if (word === "like" && !likeVerbContext.has(tokens[position - 1] ?? "") && !isNegator(tokens[position - 1] ?? "")) {
      return undefined;
    }
    const found = lookupEnglishTerm(lexicon.terms, word);
    return found === undefined ? undefined : { ...found, length: 1 };
  };

  let position = 0;
  while (position < tokens.length) {
    const word = tokens[position] as string;
    if (/^[.,;:!?]$/.test(word)) {
      negationWindow = 0;
      modifier = 1;
      position++;
      continue;
    }
    wordCount++;

    if (ENGLISH_CONTRAST_WORDS.has(word)) {
      applyContrast(hits);
      afterContrast = true;
      negationWindow = 0;
      modifier = 1;
      position++;
      continue;
    }

    // Modifier phrases ("kind of", "a bit") and modifiers that precede a term.
    const modifierPhrase = (lexicon.phrases.get(word) ?? []).find(
      (phrase) => phrase.factor !== undefined && phrase.words.every((part, offset) => tokens[position + offset] === part),
    );
    if (modifierPhrase?.factor !== undefined) {
      modifier = clampModifier(modifier * modifierPhrase.factor);
      wordsSinceModifier = 0;
      position += modifierPhrase.words.length;
      continue;
    }
    const factor = lexicon.modifiers.get(word);
    const term = termAt(position);
    if (
      factor !== undefined &&
      (term === undefined || termAt(position + 1) !== undefined || lexicon.modifiers.has(tokens[position + 1] ?? ""))
    ) {
      modifier = clampModifier(modifier * factor);
      wordsSinceModifier = 0;
      position++;
      continue;
    }

    if (term === undefined && isNegator(word)) {
      negationWindow = ENGLISH_NEGATION_WINDOW + 1;
      position++;
      continue;
    }

    if (term !== undefined) {
      let weight = term.weight * modifier;
      if (negationWindow > 0) weight *= NEGATION_FACTOR;
      const original = originals[position] ?? "";
      if (hasLowercase && original.length >= 2 && original === original.toUpperCase() && /[A-Z]/.test(original)) {
        weight *= CAPITALS_FACTOR;
      }
      if (afterContrast) weight *= AFTER_CONTRAST_FACTOR;
      if (weight !== 0) hits.push({ term: term.term, weight });
      modifier = 1;
      negationWindow = 0;
      wordCount += term.length - 1;
      position += term.length;
      continue;
    }

    if (negationWindow > 0) negationWindow--;
    wordsSinceModifier++;
    if (wordsSinceModifier > 1) modifier = 1;
    position++;
  }
  return { hits, wordCount };
}

// ---------------------------------------------------------------------------------------------------
// Chinese

interface ChineseEntry {
  weight?: number;
  factor?: number;
  negator?: boolean;
  contrast?: boolean;
}

interface ChineseLexicon {
  entries: ReadonlyMap<string, ChineseEntry>;
  /** Entry lengths by first character, longest first, for forward longest matching. */
  lengthsByFirstCharacter: ReadonlyMap<string, readonly number[]>;
}

function buildChineseLexicon(extraTerms: readonly EmotionTerm[]): ChineseLexicon {
  const entries = new Map<string, ChineseEntry>();
  const merge = (word: string, entry: ChineseEntry): void => {
    entries.set(word, { ...entries.get(word), ...entry });
  };
  for (const word of CHINESE_NEUTRAL_WORDS) merge(word, { weight: 0 });
  for (const [word, weight] of Object.entries(CHINESE_EMOTION_TERMS)) merge(word, { weight });
  for (const { term, weight } of extraTerms) merge(term.trim(), { weight: clampWeight(weight) });
  for (const [word, factor] of Object.entries(CHINESE_INTENSIFIERS)) merge(word, { factor });
  for (const word of CHINESE_NEGATORS) merge(word, { negator: true });
  for (const word of CHINESE_CONTRAST_WORDS) merge(word, { contrast: true });

  const lengthsByFirstCharacter = new Map<string, number[]>();
  for (const word of entries.keys()) {
    const first = word[0];
    if (first === undefined) continue;
    const lengths = lengthsByFirstCharacter.get(first) ?? [];
    if (!lengths.includes(word.length)) lengths.push(word.length);
    lengths.sort((left, right) => right - left);
    lengthsByFirstCharacter.set(first, lengths);
  }
  return { entries, lengthsByFirstCharacter };
}

const chineseClauseBreak = /[，。！？；、,.!?;:：\n]/;

function matchChinese(lexicon: ChineseLexicon, text: string, position: number) {
  const lengths = lexicon.lengthsByFirstCharacter.get(text[position] ?? "");
  if (lengths === undefined) return undefined;
  for (const length of lengths) {
    const word = text.slice(position, position + length);
    if (word.length !== length) continue;
    const entry = lexicon.entries.get(word);
    if (entry !== undefined) return { word, entry };
  }
  return undefined;
}

function isChineseTerm(entry: ChineseEntry | undefined): boolean {
  return entry?.weight !== undefined && entry.weight !== 0;
}

function scanChinese(text: string, lexicon: ChineseLexicon): ScanResult {
  const hits: Hit[] = [];
  let hanCount = 0;
  let modifier = 1;
  /** Negators in force: one flips the next term, two ("没有不开心") cancel out into a weak positive. */
  let negations = 0;
  let gapSinceNegator = 0;
  let gapSinceModifier = 0;
  let afterContrast = false;

  let position = 0;
  while (position < text.length) {
    const character = text[position] as string;
    if (character >= "\u3400" && character <= "\u9fff") hanCount++;
    const found = matchChinese(lexicon, text, position);
    if (found === undefined) {
      if (chineseClauseBreak.test(character)) {
        negations = 0;
        modifier = 1;
      } else {
        gapSinceNegator++;
        gapSinceModifier++;
        if (gapSinceNegator > CHINESE_NEGATION_GAP) negations = 0;
        if (gapSinceModifier > CHINESE_NEGATION_GAP) modifier = 1;
      }
      position++;
      continue;
    }

    const { word, entry } = found;
    hanCount += word.length - 1;
    const next = matchChinese(lexicon, text, position + word.length);
    position += word.length;

    if (entry.contrast) {
      applyContrast(hits);
      afterContrast = true;
      negations = 0;
      modifier = 1;
      continue;
    }
    if (entry.negator && !isChineseTerm(entry)) {
      negations++;
      gapSinceNegator = 0;
      continue;
    }
    const actsAsModifier =
      entry.factor !== undefined && (!isChineseTerm(entry) || isChineseTerm(next?.entry) || next?.entry.factor !== undefined);
    if (actsAsModifier && entry.factor !== undefined) {
      modifier = clampModifier(modifier * entry.factor);
      gapSinceModifier = 0;
      continue;
    }
    if (isChineseTerm(entry) && entry.weight !== undefined) {
      let weight = entry.weight * modifier * NEGATION_FACTOR ** negations;
      if (afterContrast) weight *= AFTER_CONTRAST_FACTOR;
      hits.push({ term: word, weight });
      negations = 0;
      modifier = 1;
      continue;
    }
    // A neutral guard word: an ordinary gap.
    gapSinceNegator += word.length;
    gapSinceModifier += word.length;
    if (gapSinceNegator > CHINESE_NEGATION_GAP) negations = 0;
    if (gapSinceModifier > CHINESE_NEGATION_GAP) modifier = 1;
  }
  return { hits, wordCount: Math.ceil(hanCount / 1.7) };
}

// ---------------------------------------------------------------------------------------------------
// Scoring

interface CompiledLexicons {
  english: EnglishLexicon;
  chinese: ChineseLexicon;
}

const hanPattern = /[\u3400-\u9fff]/;
const defaultLexicons: CompiledLexicons = { english: buildEnglishLexicon([]), chinese: buildChineseLexicon([]) };
const compiledByExtraTerms = new WeakMap<readonly EmotionTerm[], CompiledLexicons>();

function lexiconsFor(extraTerms: readonly EmotionTerm[] | undefined): CompiledLexicons {
  if (extraTerms === undefined || extraTerms.length === 0) return defaultLexicons;
  const cached = compiledByExtraTerms.get(extraTerms);
  if (cached !== undefined) return cached;
  const englishTerms = extraTerms.filter((entry) => !hanPattern.test(entry.term));
  const chineseTerms = extraTerms.filter((entry) => hanPattern.test(entry.term));
  const compiled: CompiledLexicons = {
    english: englishTerms.length === 0 ? defaultLexicons.english : buildEnglishLexicon(englishTerms),
    chinese: chineseTerms.length === 0 ? defaultLexicons.chinese : buildChineseLexicon(chineseTerms),
  };
  compiledByExtraTerms.set(extraTerms, compiled);
  return compiled;
}

function countCharacters(text: string, characters: string): number {
  let count = 0;
  for (let position = 0; position < text.length; position++) {
    if (characters.includes(text[position] as string)) count++;
  }
  return count;
}

/**
 * Scores the emotional tone of an English or Chinese message, offline, from a weighted lexicon.
 *
 * Each lexicon term found adds its weight (-3..+3); a modifier right before it scales it ("very" ×1.3,
 * "extremely" ×1.6, 非常 ×1.5, 有点 ×0.6); a negation shortly before it (not, never, n't, 不, 没, 没有, 别,
 * 未 — within three words, or two Chinese characters) flips and dampens it (×-0.6, so "not bad" is mildly
 * positive); terms after "but"/但是 count more than those before; capitals ("LOVE") add emphasis. The sum
 * grows with exclamation marks (up to four) and shrinks for questions, then is squashed into -1..1 by
 * sum / sqrt(sum² + alpha), where alpha grows for long texts so a single word weighs less in a long
 * message. Score is 50 + 50 × that; intensity is its magnitude plus a little per exclamation mark.
 *
 * English is scanned word by word (with simple inflection stripping), Chinese by forward longest match
 * (no segmentation needed). `language` "en" skips the Chinese scan; otherwise each lexicon runs whenever
 * its script is present, so Chinese messages with English words are covered. `extraTerms` adds or
 * overrides entries for a domain (pass the same array each time: its compiled form is cached).
 *
 * @example
 * scoreEmotion({ text: "I absolutely love this, best day ever!" }).score; // ≈ 97
 * scoreEmotion({ text: "The meeting is at 3pm" }).score; // 50
 * scoreEmotion({ text: "太糟糕了，我非常生气！" }).polarity; // "negative"
 * scoreEmotion({ text: "The position got liquidated", extraTerms: [{ term: "liquidated", weight: -3 }] });
 */
export function scoreEmotion(options: { text: string; language?: Language; extraTerms?: readonly EmotionTerm[] }): EmotionScore {
  const { text } = options;
  const lexicons = lexiconsFor(options.extraTerms);
  const hits: Hit[] = [];
  let wordCount = 0;
  if (/[A-Za-z]/.test(text)) {
    const english = scanEnglish(text, lexicons.english);
    hits.push(...english.hits);
    wordCount += english.wordCount;
  }
  if (options.language !== "en" && hanPattern.test(text)) {
    const chinese = scanChinese(text, lexicons.chinese);
    hits.push(...chinese.hits);
    wordCount += chinese.wordCount;
  }

  let sum = 0;
  for (const hit of hits) sum += hit.weight;
  const exclamations = Math.min(countCharacters(text, "!！"), MAXIMUM_EXCLAMATIONS);
  const isQuestion = countCharacters(text, "?？") > 0;
  if (sum !== 0) sum += Math.sign(sum) * EXCLAMATION_BOOST * exclamations;
  if (isQuestion) sum *= QUESTION_FACTOR;

  const alpha = BASE_ALPHA * (1 + Math.max(0, wordCount - WORDS_BEFORE_DILUTION) / 30);
  const compound = sum === 0 ? 0 : sum / Math.sqrt(sum * sum + alpha);
  const intensity = Math.min(1, Math.abs(compound) * (isQuestion ? 0.8 : 1) + 0.05 * exclamations);
  const polarity = compound >= NEUTRAL_BAND ? "positive" : compound <= -NEUTRAL_BAND ? "negative" : "neutral";

  return {
    score: Math.round((50 + 50 * compound) * 10) / 10,
    intensity: Math.round(intensity * 1000) / 1000,
    polarity,
    matchedTerms: [...new Set(hits.map((hit) => hit.term))],
  };
}
