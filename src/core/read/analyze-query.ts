import type { Segmenter } from "../../ports/segmenter.js";
import type { EntityType } from "../domain/graph.js";
import { familyRoles, socialRoles } from "../extract/english-entities.js";
import { detectLanguage, resolveTimeExpressions, type TimeExpression } from "../understand/index.js";
import { type EventAnchor, findEventAnchor } from "./event-anchor.js";
import { openRange } from "./open-range.js";

/** The kind of answer a question asks for. */
export type QuestionType = "when" | "who" | "where" | "how-many" | "why" | "how" | "yes-no" | "what" | "statement";

/** What the read path knows about a query before it searches. */
export interface QueryAnalysis {
  language: "en" | "zh" | "other";
  questionType: QuestionType;
  /** Names that may be entities (capitalised English words, Chinese person/place/organisation words). */
  entityCandidates: string[];
  /** Absolute range the query is about ("in May 2023", "last year", 上个月), when it names one. */
  timeRange?: QueryTimeRange;
  /** Without a date, a time named by an event ("before the wedding"); search resolves the event in the scope. */
  eventAnchor?: EventAnchor;
  /** Does it look like it needs several facts combined ("both", "and", comparisons, counts, a plural asked for)? */
  multiHop: boolean;
  /** Entity types the answer is likely to be ("What activities…" → activity; "Where…" → place). */
  answerTypes: EntityType[];
  /**
   * Names the query mentions only as the other party ("to Ben", "with Ana", "Ana's suggestion") while another
   * name is its subject: "What does Dara say to Ben?" asks what Dara said.
   */
  otherParties: string[];
}

const answerTypeCues: Array<[EntityType, RegExp]> = [
  [
    "activity",
    /\b(?:activit(?:y|ies)|hobb(?:y|ies)|sports?|for fun|partake|pastimes?|do (?:to relax|in (?:his|her|their) (?:free|spare) time))\b|活动|爱好|兴趣|运动/iu,
  ],
  [
    "place",
    /^\s*where\b|\b(?:places?|cit(?:y|ies)|countr(?:y|ies)|travel(?:l?ed)?|visit(?:ed)?|trips?|vacations?|destinations?)\b|哪里|什么地方|城市|国家|去过/iu,
  ],
  ["pet", /\b(?:pets?|dogs?|cats?|puppy|kitten|animals?)\b|宠物|狗|猫/iu],
  ["person", /^\s*(?:who|whom)\b|\b(?:friends?|family|kids|children|siblings?|parents?)\b|^\s*谁|朋友|家人|孩子/iu],
  ["organization", /\b(?:compan(?:y|ies)|employer|organi[sz]ations?|school|university|works? (?:at|for))\b|公司|单位|学校/iu],
  ["product", /\b(?:books?|movies?|films?|songs?|albums?|games?|bought|purchased|cars?|instruments?)\b|书|电影|歌|买了/iu],
];

/** A family or social role after a possessive ("my sister", "her best friend", "Lena's boss"). */
const roleReference = new RegExp(
  String.raw`(?:\b(?:my|his|her|their|our|your)|['’]s)\s+(${[...familyRoles, ...socialRoles].sort((left, right) => right.length - left.length).join("|")})\b`,
  "giu",
);

const questionPatterns: Array<[QuestionType, RegExp]> = [
  [
    "when",
    /^\s*(?:when|(?:in |on )?(?:what|which) (?:time|date|day|year|month)|how long ago|since when)\b|什么时候|哪一?天|哪一?年|几月|何时|多久以前/iu,
  ],
  ["how-many", /^\s*how (?:many|much|often)\b|多少|几个|几次|几岁/iu],
  ["who", /^\s*(?:who|whom|whose)\b|^\s*谁|是谁/iu],
  ["where", /^\s*where\b|在哪|哪里|哪儿|什么地方/iu],
  ["why", /^\s*why\b|为什么|为何/iu],
  ["how", /^\s*how\b|怎么|如何/iu],
  ["yes-no", /^\s*(?:is|are|was|were|do|does|did|has|have|had|can|could|would|will|should)\b|吗[？?]?\s*$/iu],
  ["what", /^\s*(?:what|which)\b|什么|哪个|哪些/iu],
];

const notNames = new Set(
  "What When Where Who Whom Whose Why How Which Is Are Was Were Do Does Did Has Have Had Can Could Would Will Should The A An In On At For Of And Or But If I My".split(
    " ",
  ),
);

/** A part of the day alone ("the opening night", "in the morning") names no range worth searching. */
const partOfDay = /^(?:the\s+|in\s+the\s+)?(?:morning|afternoon|evening|night|noon|midnight)$/iu;

/** A range a query names; `near` (for "before …" and "after …") is the edge its nearest memories are read from. */
export interface QueryTimeRange {
  start: string;
  end: string;
  text: string;
  near?: string;
  /** Named outright ("in April 2022", "on 10 May 2023"): the same whenever it is asked, unlike "last week". */
  named?: true;
}

/** Words before a time that turn it into a bound: "before May 2023", "since March", "until last week". */
const boundBefore = /\b(?:before|prior to|earlier than|until|till|up to)\s+(?:the\s+)?$/iu;
const boundAfter = /\b(?:after|since|following|later than)\s+(?:the\s+)?$/iu;
/** Chinese puts the bound after the time: 2023年5月之前, 三月以后, 去年以来. */
const boundBeforeChinese = /^\s*(?:之前|以前)/u;
const boundAfterChinese = /^\s*(?:之后|以后|以来)/u;

/** How far back a question is asked again to tell a named range ("in April 2022") from a relative one. */
const namedCheckMs = 3 * 365 * 86_400_000;

/** How far an open bound reaches: the year before (or after) the named time, nearest first. */
const openBoundDays = 366;

/**
 * The first time expression of a query that names a range, resolved against `referenceTime`. A bound word
 * makes it open-ended: "before May 2023" is the year up to May 2023 (nearest first), "after June" the year
 * from the end of June, "since March" March and the year after it, "until last week" the year up to its end.
 *
 * @example
 * resolveQueryTime({ text: "What did I do in June?", referenceTime: new Date("2023-10-20T00:00:00Z") });
 * // { start: "2023-06-01T00:00:00.000Z", end: "2023-07-01T00:00:00.000Z", text: "June" }
 * resolveQueryTime({ text: "Where did she live before 2020?", referenceTime: new Date("2023-10-20T00:00:00Z") });
 * // { start: "2018-12-31T…", end: "2020-01-01T00:00:00.000Z", text: "before 2020", near: "2020-01-01T00:00:00.000Z" }
 */
export function resolveQueryTime(options: { text: string; referenceTime: Date }): QueryTimeRange | undefined {
  const times = resolveTimeExpressions(options).filter((expression) => !partOfDay.test(expression.text.trim()));
  const first = times[0];
  if (first === undefined) return undefined;
  const dated = datedAnchor({ text: options.text, times, referenceTime: options.referenceTime });
  if (dated !== undefined && !("index" in dated)) return dated;
  const time = dated ?? first;
  const at = options.text.indexOf(time.text);
  const before = at < 0 ? "" : options.text.slice(Math.max(0, at - 20), at);
  const after = at < 0 ? "" : options.text.slice(at + time.text.length, at + time.text.length + 4);
  const upTo = before.match(boundBefore)?.[0] ?? after.match(boundBeforeChinese)?.[0];
  const from = upTo === undefined ? (before.match(boundAfter)?.[0] ?? after.match(boundAfterChinese)?.[0]) : undefined;
  const word = (upTo ?? from)?.trim().toLowerCase();
  if (word !== undefined) {
    // "until" and "since" (以来) include the named time; "before" ends where it starts, "after" begins where it ends.
    const inclusive = /^(?:until|till|up to|since|以来)/u.test(word);
    const edge = upTo !== undefined ? (inclusive ? time.end : time.start) : inclusive ? time.start : time.end;
    return {
      ...openRange({ edge: edge.toISOString(), side: upTo !== undefined ? "before" : "after", reachDays: openBoundDays }),
      text: /^\p{Script=Han}/u.test(word) ? `${time.text}${word}` : `${word} ${time.text}`,
    };
  }
  return { start: time.start.toISOString(), end: time.end.toISOString(), text: time.text };
}

/** A relative time that names a day or a week: "the Sunday", "last weekend", "the week". */
const dayOrWeek = /\b(?:day|weekend|week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b/iu;

/**
 * When a query's first time is relative but another carries its year ("the Sunday before October 25, 2022",
 * "last week, as mentioned on November 6, 2023", "the weekend, in August 2023"), the dated one says when:
 * read against now, the relative one would point at this week. A day or a week before (after) the date is the
 * week before (after) it, nearest first; "between August 11 and August 15 2023" reads the first date in the
 * second's year; otherwise the dated expression stands for the query's time. Undefined when the first time is
 * itself dated or none is.
 */
function datedAnchor(options: {
  text: string;
  times: readonly TimeExpression[];
  referenceTime: Date;
}): TimeExpression | QueryTimeRange | undefined {
  const [first] = options.times;
  if (first === undefined || options.times.length < 2) return undefined;
  // Dated: read the same when the question is asked three years earlier.
  const earlier = new Set(
    resolveTimeExpressions({ text: options.text, referenceTime: new Date(options.referenceTime.getTime() - namedCheckMs) }).map(
      (expression) => `${expression.index}|${expression.start.getTime()}|${expression.end.getTime()}`,
    ),
  );
  const isDated = (expression: TimeExpression) =>
    earlier.has(`${expression.index}|${expression.start.getTime()}|${expression.end.getTime()}`);
  if (isDated(first)) return undefined;
  const dated = options.times.find(isDated);
  if (dated === undefined || dated.index < first.index) return undefined;
  const between = options.text.slice(first.index + first.text.length, dated.index);
  const text = options.text.slice(first.index, dated.index + dated.text.length);
  if (dayOrWeek.test(first.text) && /^\s*(?:before|prior to)\s+(?:the\s+)?$/iu.test(between)) {
    return { ...openRange({ edge: dated.start.toISOString(), side: "before", reachDays: 7 }), text };
  }
  if (dayOrWeek.test(first.text) && /^\s*after\s+(?:the\s+)?$/iu.test(between)) {
    return { ...openRange({ edge: dated.end.toISOString(), side: "after", reachDays: 7 }), text };
  }
  if (/^\s*(?:and|to|-|–)\s*$/iu.test(between) && /\bbetween\s+(?:the\s+)?$/iu.test(options.text.slice(0, first.index))) {
    const [start] = resolveTimeExpressions({ text: first.text, referenceTime: dated.end });
    if (start !== undefined && start.start < dated.end) return { start: start.start.toISOString(), end: dated.end.toISOString(), text };
  }
  return dated;
}

/**
 * "What books has Tim read?", "Which cities did she visit?", "What new games does he play?": a plural asked
 * for gathers items said at different times, so it wants breadth as a combining question does.
 */
const listQuestion = /^\s*(?:what|which)\s+(?:[a-z]+\s+)?[a-z]{2,}[a-rt-z]s\s+(?:has|have|does|do|did|is|are|was|were)\b/iu;

/**
 * Reads a query: language, question type, entity candidates, the time range it names (resolved against
 * `referenceTime`) and whether it likely needs several facts.
 *
 * @example
 * analyzeQuery({ text: "When did Anna move to Porto?", referenceTime: new Date(), segmenter });
 * // { questionType: "when", entityCandidates: ["Anna", "Porto"], multiHop: false, … }
 */
export function analyzeQuery(options: { text: string; referenceTime: Date; segmenter: Segmenter }): QueryAnalysis {
  const { text } = options;
  const language = detectLanguage(text);
  const questionType = questionPatterns.find(([, pattern]) => pattern.test(text))?.[0] ?? (/[?？]\s*$/u.test(text) ? "what" : "statement");
  const candidates = new Set<string>();
  for (const match of text.matchAll(/\b[A-Z][\p{L}'’-]*(?:\s+[A-Z][\p{L}'’-]*)*/gu)) {
    const words = match[0]
      .replace(/['’]s$/u, "")
      .split(/\s+/)
      .filter((word) => !notNames.has(word));
    if (words.length === 0) continue;
    candidates.add(words.join(" "));
    if (words.length > 1) for (const word of words) candidates.add(word);
  }
  if (/\p{Script=Han}/u.test(text) && options.segmenter.tagsPartOfSpeech) {
    for (const { word, tag } of options.segmenter.tag(text)) {
      if (/^(?:nr|nrt|nrfg|ns|nt|nz)$/.test(tag) && word.length >= 2) candidates.add(word);
    }
  }
  const otherParties = otherPartiesOf({ text, names: [...candidates] });
  // "my sister", "Lena's boss": a role the scope's entities may hold as an alias ("My sister Anna …" → Anna).
  for (const match of text.matchAll(roleReference)) if (match[1] !== undefined) candidates.add(match[1].toLowerCase());
  for (const match of text.toLowerCase().matchAll(/\b([a-z]+ing)\b/g)) if ((match[1]?.length ?? 0) > 5) candidates.add(match[1] ?? "");
  const resolved = resolveQueryTime({ text, referenceTime: options.referenceTime });
  // A range that does not move when the question is asked three years earlier was named outright.
  const earlier =
    resolved === undefined
      ? undefined
      : resolveQueryTime({ text, referenceTime: new Date(options.referenceTime.getTime() - namedCheckMs) });
  const time =
    resolved !== undefined && earlier?.start === resolved.start && earlier.end === resolved.end
      ? { ...resolved, named: true as const }
      : resolved;
  const anchor = time === undefined ? findEventAnchor(text) : undefined;
  const multiHop =
    /\b(?:both|and|all|each|every|together|in common|compare|same|different|how many|list|what (?:kinds?|types?) of)\b|都|一起|共同|哪些|几/iu.test(
      text,
    ) || listQuestion.test(text);
  return {
    language,
    questionType,
    entityCandidates: [...candidates].filter((candidate) => candidate !== ""),
    ...(time === undefined ? {} : { timeRange: time }),
    ...(time === undefined && anchor !== undefined ? { eventAnchor: anchor } : {}),
    multiHop,
    answerTypes: answerTypeCues.filter(([, pattern]) => pattern.test(text)).map(([type]) => type),
    otherParties,
  };
}

const letterOrDigit = /[\p{L}\p{N}]/u;

/** Where `word` first stands in `text` as a whole word (no letter or digit on either side), or -1. */
function wordIndex(options: { text: string; word: string }): number {
  const { text, word } = options;
  for (let index = text.indexOf(word); index !== -1; index = text.indexOf(word, index + 1)) {
    const before = text[index - 1] ?? " ";
    const after = text[index + word.length] ?? " ";
    if (!letterOrDigit.test(before) && !letterOrDigit.test(after)) return index;
  }
  return -1;
}

/** Words before a name that make it the other party of what the subject does ("say to Ben", "play with Ana"). */
const partyBefore = /\b(?:to|with|for|from|about|towards?|at|by|of)\s+$/iu;

/**
 * The names of `names` that stand after a preposition or before a possessive "'s" in `text`, when at least one
 * name stands elsewhere (the subject); none when every name is such a party or only one name is written.
 */
function otherPartiesOf(options: { text: string; names: readonly string[] }): string[] {
  const single = options.names.filter((name) => !name.includes(" "));
  // A question names a few people; a text naming dozens is no question about one of them.
  if (single.length < 2 || single.length > 12) return [];
  const parties = single.filter((name) => {
    const index = wordIndex({ text: options.text, word: name });
    if (index === -1) return false;
    const before = options.text.slice(0, index);
    const after = options.text.slice(index + name.length);
    // Names joined by "and" are one party ("for Ana and Ben"), the subject as often as not.
    if (/\b(?:and|&)\s+$/iu.test(before) || /^\s+(?:and|&)\s+\p{Lu}/u.test(after)) return false;
    return partyBefore.test(before) || /^['’]s\b/u.test(after);
  });
  return parties.length < single.length ? parties : [];
}
