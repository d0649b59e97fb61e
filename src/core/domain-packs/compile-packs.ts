import type { EntityType } from "../domain/graph.js";
import { MnemoError } from "../errors.js";
import type { EmotionTerm } from "../understand/emotion.js";
import { type DomainPackInput, type DomainPackLanguage, parseDomainPack } from "./domain-pack.js";
import { containsHan, foldSurface, foldText, isWordCharacter } from "./fold-text.js";

/** One occurrence of a pack term in a text. */
export interface TermMatch {
  /** The canonical term of the entry, as written in the pack ("refund" for "money back"). */
  term: string;
  /** The text as it appears in the input: exactly `text.slice(start, end)`. */
  surface: string;
  /** UTF-16 offsets into the input text. */
  start: number;
  end: number;
  language: DomainPackLanguage;
  packId: string;
  entityType?: EntityType;
  category?: string;
  polarity?: number;
  /** Keyword weight multiplier (1 = normal). */
  boost: number;
}

/**
 * Several packs compiled into lookups. Built once per pack set; every method is pure and synchronous.
 *
 * Precedence: when two packs define the same surface form, the earlier pack in the list wins (for matching,
 * polarity, synonyms and boost), and a surface written in a pack always beats a generated English plural.
 */
export interface CompiledVocabulary {
  /** The packs, in precedence order. */
  readonly packs: ReadonlyArray<{ id: string; version: string }>;
  /**
   * The share emotion should get in ranking (0..1): that of the first pack, in precedence order, that
   * declares `scenarioWeights.emotionWeight` — the tenant's primary scenario decides (a pharmacy shop that
   * lists medical before e-commerce keeps "facts first"). `undefined` when no pack declares one: use the
   * engine's default.
   */
  readonly emotionWeight: number | undefined;
  /** Number of distinct surface forms written in the packs (terms and synonyms). */
  readonly surfaceCount: number;
  /**
   * Pack terms in a text, left to right, longest match first and never overlapping. Latin script is
   * matched case-insensitively on word boundaries (hyphens and spaces are interchangeable, and regular
   * English plurals match: "side effects", "refunds"); Chinese is matched as a substring.
   *
   * @example
   * vocabulary.findTerms("我对青霉素过敏").map((match) => match.term); // ["青霉素", "过敏"]
   */
  findTerms(text: string): TermMatch[];
  /**
   * The packs' sentiment terms (every term and synonym whose winning entry has a `polarity`) as
   * `scoreEmotion`'s `extraTerms`; English forms are lower-case words ("stop-loss" → "stop loss"). Always the same frozen array, so `scoreEmotion`'s per-array cache compiles it once.
   *
   * @example
   * scoreEmotion({ text: "手术后并发症很严重", extraTerms: vocabulary.emotionTerms() });
   */
  emotionTerms(): readonly EmotionTerm[];
  /**
   * The entry a word belongs to — its canonical term followed by its synonyms, as written in the pack — or
   * an empty array for a word that no pack knows.
   *
   * @example
   * vocabulary.synonymsOf("退钱"); // ["退款", "退钱", "返款", …]
   */
  synonymsOf(word: string): readonly string[];
  /**
   * Query expansion in the shape of `keywordMatchExpression`'s `expand`: the folded (lower-case) forms of
   * the entries the given keyword tokens name — single tokens, and multi-word or segmented Chinese terms the
   * tokens form in sequence (such a term is expanded as a whole, not word by word) — without the tokens
   * themselves.
   *
   * @example
   * vocabulary.expandTerms(["refund", "late", "delivery"]); // ["money back", "reimbursement", "delayed delivery", …]
   */
  expandTerms(terms: readonly string[]): string[];
  /** The keyword weight multiplier of a word's entry; 1 for unknown words. */
  boostOf(word: string): number;
}

interface Entry {
  packId: string;
  term: string;
  language: DomainPackLanguage;
  entityType?: EntityType;
  category?: string;
  polarity?: number;
  boost: number;
  /** Canonical term followed by the synonyms, as written. */
  group: readonly string[];
}

/** A plural of a folded English surface ("side effect" → "side effects"), or undefined when unsure. */
function englishPlural(folded: string): string | undefined {
  const lastWord = /(?<![a-z])[a-z]{3,}$/.exec(folded)?.[0];
  if (lastWord === undefined) return undefined;
  if (/[^aeiou]y$/.test(lastWord)) return `${folded.slice(0, -1)}ies`;
  if (/(?:ss|x|z|ch|sh)$/.test(lastWord)) return `${folded}es`;
  if (lastWord.endsWith("s")) return undefined; // already plural or irregular ("diabetes", "tuition fees")
  return `${folded}s`;
}

/** The form `scoreEmotion` can match: its English scanner sees lower-case words split on punctuation. */
function emotionForm(surface: string): string {
  if (containsHan(surface)) return surface.trim();
  return foldSurface(surface)
    .replace(/'(?![a-z])/g, " ") // "parents' evening": a trailing apostrophe is not part of the word
    .replace(/[^a-z0-9']+/g, " ")
    .trim();
}

/**
 * Compiles domain packs (validated again here, so a hand-built pack cannot break the invariants) into a
 * {@link CompiledVocabulary}. Order is precedence: earlier packs win conflicts. Pure: no I/O.
 *
 * @example
 * const vocabulary = compilePacks([medicalPack, financePack]);
 * vocabulary.findTerms("I had a margin call").map((match) => match.category); // ["risk-event"]
 * scoreEmotion({ text, extraTerms: vocabulary.emotionTerms() });
 */
export function compilePacks(packs: readonly DomainPackInput[]): CompiledVocabulary {
  const validated = packs.map((pack, index) =>
    parseDomainPack({ value: pack, source: typeof pack.id === "string" ? `pack "${pack.id}"` : `pack #${index}` }),
  );
  const seenIds = new Set<string>();
  for (const pack of validated) {
    if (seenIds.has(pack.id)) {
      throw new MnemoError({ code: "INPUT_INVALID", message: `Domain pack "${pack.id}" is listed twice`, details: { packId: pack.id } });
    }
    seenIds.add(pack.id);
  }

  const entries = new Map<string, Entry>();
  const emotionTermsByForm = new Map<string, EmotionTerm>();
  for (const pack of validated) {
    for (const definition of pack.terms) {
      const entry: Entry = {
        packId: pack.id,
        term: definition.term,
        language: definition.language,
        boost: definition.boost,
        group: [...new Set([definition.term, ...definition.synonyms])],
        ...(definition.entityType === undefined ? {} : { entityType: definition.entityType }),
        ...(definition.category === undefined ? {} : { category: definition.category }),
        ...(definition.polarity === undefined ? {} : { polarity: definition.polarity }),
      };
      for (const surface of entry.group) {
        const key = foldSurface(surface);
        if (entries.has(key)) continue;
        entries.set(key, entry);
        // The entry that wins a surface decides its sentiment too: without a polarity, the general lexicon does.
        if (entry.polarity === undefined) continue;
        const form = emotionForm(surface);
        if (form.length > 0 && !emotionTermsByForm.has(form)) {
          emotionTermsByForm.set(form, Object.freeze({ term: form, weight: entry.polarity }));
        }
      }
    }
  }
  const surfaceCount = entries.size;
  // Generated plurals come after every written surface, so a written one always wins.
  for (const [key, entry] of [...entries]) {
    if (containsHan(key)) continue;
    const plural = englishPlural(key);
    if (plural !== undefined && !entries.has(plural)) entries.set(plural, entry);
  }

  const lengthsByFirstUnit = new Map<string, number[]>();
  for (const key of entries.keys()) {
    const first = key[0] as string;
    const lengths = lengthsByFirstUnit.get(first) ?? [];
    if (!lengths.includes(key.length)) lengths.push(key.length);
    lengthsByFirstUnit.set(first, lengths);
  }
  for (const lengths of lengthsByFirstUnit.values()) lengths.sort((left, right) => right - left);

  const emotionTerms: readonly EmotionTerm[] = Object.freeze([...emotionTermsByForm.values()]);
  const emotionWeight = validated.find((pack) => pack.scenarioWeights !== undefined)?.scenarioWeights?.emotionWeight;

  const findTerms = (text: string): TermMatch[] => {
    const { folded, starts, ends } = foldText(text);
    const matches: TermMatch[] = [];
    let position = 0;
    while (position < folded.length) {
      const lengths = lengthsByFirstUnit.get(folded[position] as string);
      let matchedLength = 0;
      if (lengths !== undefined && !(isWordCharacter(folded[position]) && isWordCharacter(folded[position - 1]))) {
        for (const length of lengths) {
          const end = position + length;
          if (end > folded.length) continue;
          const entry = entries.get(folded.slice(position, end));
          if (entry === undefined) continue;
          if (isWordCharacter(folded[end - 1]) && isWordCharacter(folded[end])) continue;
          const start = starts[position] as number;
          const stop = ends[end - 1] as number;
          matches.push({
            term: entry.term,
            surface: text.slice(start, stop),
            start,
            end: stop,
            language: entry.language,
            packId: entry.packId,
            boost: entry.boost,
            ...(entry.entityType === undefined ? {} : { entityType: entry.entityType }),
            ...(entry.category === undefined ? {} : { category: entry.category }),
            ...(entry.polarity === undefined ? {} : { polarity: entry.polarity }),
          });
          matchedLength = length;
          break;
        }
      }
      position += matchedLength > 0 ? matchedLength : 1;
    }
    return matches;
  };

  const synonymsOf = (word: string): readonly string[] => entries.get(foldSurface(word))?.group ?? [];

  const expandTerms = (terms: readonly string[]): string[] => {
    // Rejoin the tokens (no space between two Han tokens, so a segmented "快递 单号" is "快递单号" again) and
    // scan once: a multi-word term the tokens form ("stop loss") is expanded as a whole, not word by word.
    let joined = "";
    for (const term of terms) {
      const glue = joined === "" || (containsHan(joined.slice(-1)) && containsHan(term.slice(0, 1))) ? "" : " ";
      joined += glue + term;
    }
    const own = new Set(terms.map(foldSurface));
    const expanded = new Set<string>();
    for (const match of findTerms(joined)) {
      const matched = foldSurface(match.surface);
      for (const surface of entries.get(matched)?.group ?? []) {
        const key = foldSurface(surface);
        if (key !== matched && !own.has(key)) expanded.add(key);
      }
    }
    return [...expanded];
  };

  return {
    packs: Object.freeze(validated.map((pack) => Object.freeze({ id: pack.id, version: pack.version }))),
    emotionWeight,
    surfaceCount,
    findTerms,
    emotionTerms: () => emotionTerms,
    synonymsOf,
    expandTerms,
    boostOf: (word) => entries.get(foldSurface(word))?.boost ?? 1,
  };
}
