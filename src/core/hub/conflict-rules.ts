import type { MemoryKind } from "../domain/memory-record.js";
import { extractRelations } from "../extract/relations.js";
import { otherLanguageTerms } from "./aversion-terms.js";

// Offline rules for conflicts between what different agents remember about one user:
// 1. an aversion (allergy, intolerance, dislike, avoidance; English and Chinese) whose object appears in a
//    proposal (recommendation, purchase, prescription, plan, a direct "try …") — in either order of writing,
//    and across the two languages for common allergens (aversion-terms.ts);
// 2. single-valued facts (where the user lives, where the user works) with different values.

/** Something the user must not be given or does not want: "allergic to peanuts" → term "peanuts". */
export interface Aversion {
  term: string;
  /** The words that said so ("allergic to", "过敏", "dislikes"). */
  cue: string;
}

/** A fact that holds one value at a time for the user. */
export interface SingleValuedFact {
  predicate: "lives_in" | "works_at";
  value: string;
}

/** A memory the rules look at. */
export interface ConflictSubject {
  id: string;
  /** The agent that wrote it; `undefined` for a user-level shared memory. */
  agentId?: string | undefined;
  text: string;
  kind?: MemoryKind | undefined;
  /** When it was written (ISO): a later denial ("no longer allergic to peanuts") cancels an earlier aversion. */
  createdAt?: string | undefined;
}

/** A conflict between a new memory and one another agent (or the shared user level) holds. */
export interface Conflict {
  /** The other memory. */
  memoryId: string;
  /** Who wrote the other memory (`null`: a user-level shared memory). */
  agentId: string | null;
  /** The other memory's text. */
  text: string;
  reason: string;
  rule: "aversion" | "single-valued";
  /** The new memory it conflicts with. */
  newMemoryId: string;
  /** The term both mention (aversion rule) or the other value (single-valued rule). */
  term: string;
}

const han = "[\\u4e00-\\u9fa5A-Za-z0-9]";
/** Does a text or term hold Chinese characters? */
const hasHan = /\p{Script=Han}/u;
const clauseEnd = "[.;!?。！？；\\n]";

/**
 * An aversion pattern; `deniable` ones are no aversion when a negation comes right before them ("is not
 * allergic to", "no longer intolerant of", "no peanut allergy"). The others carry their negation inside.
 */
const englishAversionPatterns: Array<{ expression: RegExp; cue: string; deniable?: true }> = [
  { expression: /\ballergic (?:reaction )?to ([^.,;:!?()]+)/gi, cue: "allergic to", deniable: true },
  { expression: /\b(?:intolerant|intolerance|sensitive|sensitivity) (?:to|of) ([^.,;:!?()]+)/gi, cue: "intolerant to", deniable: true },
  { expression: /\b([a-z][a-z-]{1,40}) (?:allergy|allergies|intolerance|intolerant|sensitivity)\b/gi, cue: "allergy", deniable: true },
  {
    expression:
      /\b(?:can(?:not|'t|’t| not)|could(?:n't|n’t| not)|must(?:n't|n’t| not)|should(?:n't|n’t| not)|does(?:n't|n’t| not)|do(?:n't|n’t| not)|never|won't|will not|is not allowed to|isn't allowed to) (?:eat|drink|take|have|tolerate|digest|consume|use)s? ([^.,;:!?()]+)/gi,
    cue: "cannot have",
  },
  {
    expression:
      /\b(?:avoids?|avoiding|hates?|hating|dislikes?|detests?|loathes?|(?:does(?:n't|n’t| not)|do(?:n't|n’t| not)) (?:like|want|enjoy|eat)|(?:can(?:not|'t|’t)) stand)\s+([^.,;:!?()]+)/gi,
    cue: "dislikes or avoids",
  },
];

/**
 * A negation right before an English aversion ("not", "no longer", "isn't", "never", "no"), at most two words
 * apart; "not only allergic to" is no negation.
 */
const deniedBefore = /(?:\b(?:not(?!\s+only\b)|no|never|no longer)|n['’]t)(?:\s+[a-z]{1,20}){0,2}\s*$/i;

const chineseAversionPatterns: Array<{ expression: RegExp; cue: string }> = [
  // Not 不过敏 / 不再过敏 / 没有过敏: no longer (or never) allergic.
  { expression: new RegExp(`对(${han}{1,10}?)(?:严重|非常|有点|很|特别)?(?<!不|不再|没|没有)过敏`, "gu"), cue: "过敏" },
  { expression: new RegExp(`(${han}{1,12})(?<!不|不再|没|没有)过敏`, "gu"), cue: "过敏" },
  {
    expression: new RegExp(
      `(?:不能吃|不可以吃|不能喝|不能用|不能服用|不宜|不吃|不喝|不爱吃|忌口[:：]?|忌吃|讨厌|不喜欢|受不了|避免)(${han}{1,10})`,
      "gu",
    ),
    cue: "忌口/讨厌",
  },
];

/** Words that start a Chinese clause without being part of what follows (subjects, degree, time). */
const chinesePrefixes = [
  "用户",
  "客户",
  "顾客",
  "患者",
  "病人",
  "本人",
  "孩子",
  "宝宝",
  "他们",
  "她们",
  "我们",
  "他",
  "她",
  "我",
  "对于",
  "对",
  "有",
  "严重",
  "非常",
  "特别",
  "一直",
  "现在",
  "目前",
  "已经",
  "也",
  "都",
  "会",
];

const englishLeading =
  /^(?:(?:the|any|all|some|a|an|his|her|their|my|your|most|many|kinds? of|types? of|eating|drinking|taking|anything (?:with|containing)|things (?:with|containing)|foods? (?:with|containing)|food|products? (?:with|containing))\s+)+/i;
/** One filler word at the end ("peanuts now", "shellfish at all"). */
const englishTrailing = /\s(?:now|anymore|any more|at all|too|either|very much|much|lately|badly|severely|really|whatsoever)$/i;

/**
 * `text` without its trailing filler words, one at a time from the end: a pattern repeating the filler under a
 * star and anchored at the end backtracked over every run of them (1.4 s on 100,000 characters).
 */
function withoutTrailingFillers(text: string): string {
  let rest = text.trimEnd();
  for (let tail = rest.slice(-16), found = englishTrailing.exec(tail); found !== null; found = englishTrailing.exec(tail)) {
    rest = rest.slice(0, rest.length - tail.length + found.index).trimEnd();
    tail = rest.slice(-16);
  }
  return rest;
}
const englishStopTerms = new Set([
  "it",
  "that",
  "this",
  "them",
  "things",
  "stuff",
  "food",
  "foods",
  "severe",
  "mild",
  "serious",
  "known",
  "some",
  "any",
  "a",
  "an",
  "the",
  "no",
  "bad",
  "strong",
  "drug",
  "seasonal",
  "to",
  "of",
]);

function splitItems(text: string): string[] {
  return text
    .split(/,|&|\/|\band\b|\bor\b|\bnor\b|、|和|或|及|与|以及/i)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function cleanEnglishTerm(raw: string): string | undefined {
  const clause = raw.split(/(?<!\s)\s+(?:but|because|since|so|which|when|if|though|although|while|as|unless|after|before)\s+/i)[0] ?? "";
  const term = withoutTrailingFillers(clause.replace(englishLeading, "")).trim().toLowerCase();
  const words = term.split(/\s+/).filter((word) => word !== "");
  if (words.length === 0 || words.length > 4) return undefined;
  if (words.every((word) => englishStopTerms.has(word))) return undefined;
  return words.join(" ");
}

function cleanChineseTerm(raw: string): string | undefined {
  let term = raw;
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of chinesePrefixes) {
      if (term.startsWith(prefix) && term.length > prefix.length) {
        term = term.slice(prefix.length);
        changed = true;
      }
    }
  }
  term = term.replace(/(?:史|了|的|类|东西|食物|等)+$/u, "");
  if (term.length === 0 || term.length > 8 || chinesePrefixes.includes(term)) return undefined;
  return term;
}

/**
 * Aversions stated in a memory (English and Chinese): allergies, intolerances, things the user cannot have,
 * dislikes and avoids. First-person statements also go through the relation extractor (`allergic_to`, `dislikes`).
 *
 * @example
 * findAversions("The user is allergic to peanuts"); // [{ term: "peanuts", cue: "allergic to" }]
 * findAversions("患者青霉素过敏");                      // [{ term: "青霉素", cue: "过敏" }]
 */
export function findAversions(text: string): Aversion[] {
  return readAversions(text).stated;
}

/**
 * Aversions a memory denies or ends: "Lena is not allergic to peanuts anymore", "no longer intolerant of
 * lactose", "对花生不过敏了" → the terms ("peanuts", "lactose", "花生"). Lower-cased, as `findAversions` returns them.
 *
 * @example
 * findDeniedAversions("Lena is no longer allergic to peanuts"); // ["peanuts"]
 */
export function findDeniedAversions(text: string): string[] {
  return readAversions(text).denied;
}

/** A term as written in English or Chinese, cleaned of what surrounds it. */
function cleanTerm(item: string): string | undefined {
  return hasHan.test(item) ? cleanChineseTerm(item) : cleanEnglishTerm(item);
}

/**
 * One scan of a text for the aversions it states and those it denies or ends: a deniable English pattern with
 * a negation right before it, 对…不过敏, an ended `allergic_to` relation.
 */
function readAversions(text: string): { stated: Aversion[]; denied: string[] } {
  const stated = new Map<string, Aversion>();
  const denied = new Set<string>();
  const state = (term: string | undefined, cue: string) => {
    if (term !== undefined && !stated.has(term)) stated.set(term, { term, cue });
  };
  const deny = (term: string | undefined) => {
    if (term !== undefined) denied.add(term);
  };
  for (const pattern of englishAversionPatterns) {
    for (const match of text.matchAll(pattern.expression)) {
      const negated = pattern.deniable === true && deniedBefore.test(text.slice(Math.max(0, match.index - 40), match.index));
      for (const item of splitItems(match[1] ?? "")) {
        if (negated) deny(cleanEnglishTerm(item));
        else state(cleanEnglishTerm(item), pattern.cue);
      }
    }
  }
  if (hasHan.test(text)) {
    for (const pattern of chineseAversionPatterns) {
      for (const match of text.matchAll(pattern.expression)) {
        for (const item of splitItems(match[1] ?? "")) state(cleanChineseTerm(item), pattern.cue);
      }
    }
    for (const match of text.matchAll(chineseDenial)) deny(cleanChineseTerm(match[1] ?? ""));
  }
  for (const relation of extractRelations(text)) {
    if (relation.predicate !== "allergic_to" && relation.predicate !== "dislikes") continue;
    if (relation.ended === true) {
      if (relation.predicate === "allergic_to") for (const item of splitItems(relation.object)) deny(cleanTerm(item));
      continue;
    }
    const cue = relation.predicate === "allergic_to" ? "allergic to" : "dislikes or avoids";
    for (const item of splitItems(relation.object)) state(cleanTerm(item), cue);
  }
  return { stated: [...stated.values()], denied: [...denied] };
}

/** 对花生不过敏 / 对青霉素没有过敏 / 花生已经不过敏了: the term whose allergy is denied. */
const chineseDenial = new RegExp(`对(${han}{1,10}?)(?:已经)?(?:不再?|没有?)过敏`, "gu");

/**
 * Words of giving the user something, and the ways a suggestion is put to them directly ("Try the peanut
 * cookies", "You should have the satay", "How about the walnut cake?", "尝尝花生酥").
 */
const englishProposal =
  /\b(?:recommend|suggest|advis|propos|prescrib|offer|bought|buy|purchas|order|sold|sell|book|reserv|serv|cook|prepar|plan|schedul|ship|deliver|gave|give|giving|sent|send|pack|add(?:ed|ing)? (?:\S+ ){0,3}to (?:the |their |his |her )?(?:cart|basket|order|menu)|administer|inject|dispens|tr(?:y|ies|ied|ying)\b|how about|what about|why not|treat (?:yourself|themselves|himself|herself) to|you (?:should|could|might|must|can) (?:have|eat|get|take|drink|use|pick)|you(?:'ll| will) (?:love|enjoy|like))\w*/i;
const chineseProposal =
  /推荐|建议|开了|开具|开药|开出|处方|购买|买了|买给|下单|订购|订了|预订|预定|安排|计划|准备|送了|赠送|寄了|提供|配送|做了|烹饪|服用|用药|注射|给.{0,4}(?:吃|用|喝|开)|试试|尝尝|尝一尝|试一试|不妨|要不要|来一(?:份|杯|块|碗)/u;

/**
 * Does the memory propose giving the user something: a recommendation, purchase, prescription, plan or
 * delivery? A statement of an aversion is never a proposal.
 *
 * @example
 * isProposal({ text: "Recommended the Thai peanut satay kit to the user" }); // true
 * isProposal({ text: "给用户开了青霉素" });                                   // true
 */
export function isProposal(subject: { text: string; kind?: MemoryKind | undefined }): boolean {
  return proposes(subject, findAversions(subject.text));
}

/** `isProposal` for a subject whose aversions are already known. */
function proposes(subject: { text: string; kind?: MemoryKind | undefined }, aversions: readonly Aversion[]): boolean {
  if (aversions.length > 0) return false;
  return subject.kind === "plan" || englishProposal.test(subject.text) || chineseProposal.test(subject.text);
}

/**
 * A light English stemmer for matching ("peanuts" ~ "peanut", "berries" ~ "berry").
 *
 * @example
 * stemWord("berries"); // "berry"
 */
export function stemWord(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:ches|shes|sses|xes|oes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

const negationBefore =
  /(?:\b(?:avoid\w*|without|no|not|never|instead of|free of|exclud\w*|except|minus|replac\w*|substitut\w*|skip\w*|remov\w*)\b[\w\s-]{0,24}|不要|不含|不加|避免|无|别|禁止|禁用|去掉|不用|不吃|替代)$/iu;
const negationAfter = /^(?:-free|\s+free\b|\s*-?less\b)/i;

/**
 * Where does the text mention the term (English words stemmed; Chinese as a substring), and is every mention
 * negated ("peanut-free", "without peanuts", "不含花生")?
 *
 * @example
 * mentionOf({ text: "Recommended the Thai peanut satay kit", term: "peanuts" }); // { mentioned: true, negated: false }
 */
export function mentionOf(options: { text: string; term: string }): { mentioned: boolean; negated: boolean } {
  const positions: Array<{ start: number; end: number }> = [];
  if (hasHan.test(options.term)) {
    for (let index = options.text.indexOf(options.term); index >= 0; index = options.text.indexOf(options.term, index + 1)) {
      positions.push({ start: index, end: index + options.term.length });
    }
  } else {
    const wanted = options.term.toLowerCase().split(/\s+/).map(stemWord);
    const words = [...options.text.matchAll(/[\p{L}\p{N}']+/gu)].map((match) => ({
      stem: stemWord(match[0].toLowerCase().replace(/'s$/, "")),
      start: match.index,
      end: match.index + match[0].length,
    }));
    for (let index = 0; index + wanted.length <= words.length; index += 1) {
      if (wanted.every((part, offset) => words[index + offset]?.stem === part)) {
        positions.push({ start: words[index]?.start ?? 0, end: words[index + wanted.length - 1]?.end ?? 0 });
      }
    }
  }
  if (positions.length === 0) return { mentioned: false, negated: false };
  const negated = positions.every(
    ({ start, end }) =>
      negationBefore.test(options.text.slice(Math.max(0, start - 32), start)) || negationAfter.test(options.text.slice(end)),
  );
  return { mentioned: true, negated };
}

/** How a term is looked up in the bilingual table: a Chinese term as written, an English one by its stem. */
function tableKey(term: string): string {
  return hasHan.test(term) ? term : stemWord(term.toLowerCase());
}

/** One key for a term in either language: the English stem ("花生" and "peanuts" are both "peanut"). */
function conceptOf(term: string): string {
  return hasHan.test(term) ? (otherLanguageTerms(term)[0] ?? term) : tableKey(term);
}

/**
 * `mentionOf` for the term and its names in the other language ("peanuts" is mentioned by "花生酥"): mentioned
 * when any name is, negated only when every mentioned name is.
 */
function mentionInEitherLanguage(options: { text: string; term: string }): { mentioned: boolean; negated: boolean } {
  const mentions = [options.term, ...otherLanguageTerms(tableKey(options.term))]
    .map((term) => mentionOf({ text: options.text, term }))
    .filter((mention) => mention.mentioned);
  return { mentioned: mentions.length > 0, negated: mentions.length > 0 && mentions.every((mention) => mention.negated) };
}

/** Words a clause may hold before a single-valued fact and still be about the user ("The user now", "She has"). */
const englishSubjectWords = new Set(
  "the a an our this user customer client patient member buyer guest he she they i we now currently still recently just has have had already finally is are was also then since".split(
    " ",
  ),
);

/**
 * Is the start of a clause only such words (a trailing "'s" allowed: "the user's")? Word by word: the regular
 * expression this replaces nested optional groups under a star and took 76 s on ten spaces before a word.
 */
function isEnglishSubject(prefix: string): boolean {
  return prefix
    .toLowerCase()
    .split(/\s+/u)
    .every((word) => {
      const bare = word.replace(/['’]s$/u, "");
      return bare === "" || englishSubjectWords.has(bare);
    });
}
const capitalisedValue = "([A-Z][\\w'’-]*(?:\\s+(?:of\\s+|de\\s+)?[A-Z][\\w'’-]*){0,3})";
const englishFactPatterns: Array<{ expression: RegExp; predicate: SingleValuedFact["predicate"] }> = [
  {
    expression: new RegExp(
      `\\b(?:[Ll]ives|[Ll]ive|[Ll]iving|[Rr]esides|[Rr]eside|[Rr]esiding|[Bb]ased|[Ss]ettled|[Ss]tays|[Ss]taying) in ${capitalisedValue}`,
      "g",
    ),
    predicate: "lives_in",
  },
  {
    expression: new RegExp(`\\b(?:[Mm]oved|[Rr]elocated|[Mm]oving|[Rr]elocating) (?:back )?to ${capitalisedValue}`, "g"),
    predicate: "lives_in",
  },
  {
    expression: new RegExp(`\\b(?:(?:[Ww]orks|[Ww]ork|[Ww]orking|[Ee]mployed) (?:at|for|by)|[Jj]oined) ${capitalisedValue}`, "g"),
    predicate: "works_at",
  },
  { expression: new RegExp(`\\b(?:job|position|role) (?:at|with) ${capitalisedValue}`, "g"), predicate: "works_at" },
];
const chineseFactPatterns: Array<{ expression: RegExp; predicate: SingleValuedFact["predicate"] }> = [
  {
    expression: new RegExp(`(?:住在|定居在?|居住在|搬到了?|搬去了?|搬家到)(${han}{2,8}?)(?=[，。！？；、\\s]|$|了|工作|上班)`, "gu"),
    predicate: "lives_in",
  },
  { expression: new RegExp(`在(${han}{2,10}?)(?:工作|上班|任职)`, "gu"), predicate: "works_at" },
];
const chineseSubjectWords = [
  "用户",
  "客户",
  "顾客",
  "患者",
  "病人",
  "他",
  "她",
  "我",
  "现在",
  "目前",
  "已经",
  "一直",
  "上个月",
  "上周",
  "去年",
  "今年",
  "最近",
  "刚刚",
  "刚",
  "也",
  "还",
  "仍然",
  "依然",
  "正在",
];

/**
 * Is the start of a clause only such words, in any order ("我现在")? Reachable positions, left to right: linear,
 * where the alternation under a star it replaces was exponential ("刚刚" or "刚" twice: 75 ms at 34 characters).
 */
function isChineseSubject(prefix: string): boolean {
  const reachable = new Uint8Array(prefix.length + 1);
  reachable[0] = 1;
  for (let position = 0; position < prefix.length; position += 1) {
    if (reachable[position] !== 1) continue;
    for (const word of chineseSubjectWords) if (prefix.startsWith(word, position)) reachable[position + word.length] = 1;
  }
  return reachable[prefix.length] === 1;
}

/** A character that ends a clause for a single-valued fact: a clause end, a comma or a colon. */
const clauseBoundary = new RegExp(`${clauseEnd}|[,，:：]`, "u");

/** Where the clause holding each position of `text` starts: after the last clause end, comma or colon before it. */
function clauseStarts(text: string): Int32Array {
  const starts = new Int32Array(text.length + 1);
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    starts[index] = start;
    if (clauseBoundary.test(text[index] ?? "")) start = index + 1;
  }
  starts[text.length] = start;
  return starts;
}

function normaliseValue(value: string): string {
  return value
    .replace(/^the\s+/i, "")
    .trim()
    .toLowerCase();
}

/**
 * Where the user lives and works, as a memory states it (first or third person, English or Chinese). Facts
 * about someone else ("the user's sister lives in Madrid") are left out.
 *
 * @example
 * findSingleValuedFacts("The user lives in Lisbon"); // [{ predicate: "lives_in", value: "lisbon" }]
 */
export function findSingleValuedFacts(text: string): SingleValuedFact[] {
  const found = new Map<string, SingleValuedFact>();
  const add = (predicate: SingleValuedFact["predicate"], value: string) => {
    const normalised = normaliseValue(value);
    if (normalised !== "" && !found.has(`${predicate}|${normalised}`))
      found.set(`${predicate}|${normalised}`, { predicate, value: normalised });
  };
  // One pass for the clause starts (a search back from every match was quadratic: 8.5 s for 100,000 characters).
  const starts = clauseStarts(text);
  const clausePrefix = (index: number) => text.slice(starts[index] ?? 0, index);
  for (const pattern of englishFactPatterns) {
    for (const match of text.matchAll(pattern.expression)) {
      if (match[1] !== undefined && isEnglishSubject(clausePrefix(match.index))) add(pattern.predicate, match[1]);
    }
  }
  if (hasHan.test(text)) {
    for (const pattern of chineseFactPatterns) {
      for (const match of text.matchAll(pattern.expression)) {
        if (match[1] !== undefined && isChineseSubject(clausePrefix(match.index))) add(pattern.predicate, match[1]);
      }
    }
  }
  for (const relation of extractRelations(text)) {
    if (relation.predicate === "lives_in" || relation.predicate === "works_at") add(relation.predicate, relation.object);
  }
  return [...found.values()];
}

const predicateWords: Record<SingleValuedFact["predicate"], string> = { lives_in: "lives in", works_at: "works at" };

/**
 * The conflicts between new memories and memories other agents hold about the same user: an aversion against
 * a proposal that mentions its object (either order), and different values of a single-valued fact.
 *
 * @example
 * detectConflicts({
 *   added: [{ id: "n1", agentId: "after-sales", text: "Recommended the Thai peanut satay kit to the user" }],
 *   others: [{ id: "m1", agentId: "consulting", text: "The user is allergic to peanuts" }],
 * });
 * // [{ memoryId: "m1", agentId: "consulting", rule: "aversion", term: "peanuts", newMemoryId: "n1", reason: "…" }]
 */
export function detectConflicts(options: { added: readonly ConflictSubject[]; others: readonly ConflictSubject[] }): Conflict[] {
  const conflicts: Conflict[] = [];
  const analysed = new Map<string, { aversions: Aversion[]; denied: string[]; proposal: boolean; facts: SingleValuedFact[] }>();
  const analyse = (subject: ConflictSubject) => {
    let result = analysed.get(subject.id);
    if (result === undefined) {
      const { stated, denied } = readAversions(subject.text);
      result = { aversions: stated, denied, proposal: proposes(subject, stated), facts: findSingleValuedFacts(subject.text) };
      analysed.set(subject.id, result);
    }
    return result;
  };
  // The newest denial of each term among the memories seen ("no longer allergic to peanuts"; one of unknown time
  // counts as the latest): an aversion written before it no longer holds.
  const latestDenial = new Map<string, string>();
  for (const subject of [...options.others, ...options.added]) {
    for (const term of analyse(subject).denied) {
      const key = conceptOf(term);
      const when = subject.createdAt ?? "\uffff";
      const known = latestDenial.get(key);
      if (known === undefined || known < when) latestDenial.set(key, when);
    }
  }
  const stillHeld = (aversion: Aversion, subject: ConflictSubject) => {
    const denied = latestDenial.get(conceptOf(aversion.term));
    return denied === undefined || (subject.createdAt ?? "") > denied;
  };
  for (const added of options.added) {
    const mine = analyse(added);
    for (const other of options.others) {
      if (other.id === added.id) continue;
      const theirs = analyse(other);
      const push = (rule: Conflict["rule"], term: string, reason: string) => {
        if (!conflicts.some((known) => known.memoryId === other.id && known.newMemoryId === added.id && known.rule === rule)) {
          conflicts.push({
            memoryId: other.id,
            agentId: other.agentId ?? null,
            text: other.text,
            reason,
            rule,
            newMemoryId: added.id,
            term,
          });
        }
      };
      const pairs: Array<{ aversions: Aversion[]; proposalText: string; newIsProposal: boolean }> = [];
      if (mine.proposal) {
        pairs.push({
          aversions: theirs.aversions.filter((aversion) => stillHeld(aversion, other)),
          proposalText: added.text,
          newIsProposal: true,
        });
      }
      if (theirs.proposal) {
        pairs.push({
          aversions: mine.aversions.filter((aversion) => stillHeld(aversion, added)),
          proposalText: other.text,
          newIsProposal: false,
        });
      }
      for (const pair of pairs) {
        for (const aversion of pair.aversions) {
          const mention = mentionInEitherLanguage({ text: pair.proposalText, term: aversion.term });
          if (!mention.mentioned || mention.negated) continue;
          push(
            "aversion",
            aversion.term,
            pair.newIsProposal
              ? `The new memory proposes "${aversion.term}", but ${other.agentId ?? "a shared memory"} records an aversion (${aversion.cue} ${aversion.term}).`
              : `The new memory records an aversion (${aversion.cue} ${aversion.term}), but ${other.agentId ?? "a shared memory"} proposed it.`,
          );
        }
      }
      for (const fact of mine.facts) {
        for (const known of theirs.facts) {
          if (known.predicate !== fact.predicate || known.value === fact.value) continue;
          if (known.value.includes(fact.value) || fact.value.includes(known.value)) continue;
          push(
            "single-valued",
            known.value,
            `The new memory says the user ${predicateWords[fact.predicate]} ${fact.value}; ${other.agentId ?? "a shared memory"} says ${known.value}.`,
          );
        }
      }
    }
  }
  return conflicts;
}
