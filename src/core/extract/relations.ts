import type { RelationPredicate } from "../domain/graph.js";
import { chineseFamilyRoles, chineseSocialRoles } from "./chinese-entities.js";
import { familyRoles, petKinds, socialRoles } from "./english-entities.js";

/** A relation found in a statement; the subject is the speaker unless `subject` names someone else. */
export interface ExtractedRelation {
  predicate: RelationPredicate;
  /** The object as written ("Lisbon", "green tea"). */
  object: string;
  /** Qualifier for attribute-like predicates ("colour" for favourite colour; "sister" for family_member). */
  qualifier?: string;
  /**
   * The statement ends the relation instead of stating it ("I don't live in Porto anymore", "I quit my job at
   * Acme", "I'm no longer allergic to peanuts"): what said it holds becomes history.
   */
  ended?: true;
  /** The person the relation is about when it is not the speaker ("Anna moved to Madrid" → "Anna"). */
  subject?: string;
}

const end = String.raw`(?=\s*(?:[,.!?;]|$|\s(?:now|since|with|for|because|and|but|last|this|next|in\s+\d|a\s+few|recently|yesterday|today|any\s?more|any\s+longer)\b))`;
const thing = String.raw`(?=\S)([^,.!?;]{2,60}?)`;
const capitalised = String.raw`((?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’-]*){0,3})`;

interface Pattern {
  expression: RegExp;
  predicate: RelationPredicate;
  object: number;
  qualifier?: number;
  ended?: true;
  /** The group holding a named subject (otherwise the speaker is the subject). */
  subject?: number;
}

/** A name as the subject of a sentence: one capitalised word (the caller checks that it names a person). */
const named = String.raw`\b([A-Z][a-z]+)`;

/** "any more" / "anymore" after the object, or "no longer" / "not … any longer" before it. */
const anymore = String.raw`(?=\s+any\s?(?:more|longer)\b)`;

const englishPatterns: Pattern[] = [
  {
    expression: new RegExp(
      String.raw`\bI(?:'m| am)?\s+(?:now\s+|still\s+|currently\s+)?(?:live|living|reside|residing|based)\s+in\s+${capitalised}`,
      "g",
    ),
    predicate: "lives_in",
    object: 1,
  },
  {
    expression: new RegExp(
      String.raw`\bI(?:'ve| have)?\s+(?:just\s+|recently\s+|finally\s+)?(?:moved|relocated)\s+(?:back\s+)?to\s+${capitalised}`,
      "g",
    ),
    predicate: "lives_in",
    object: 1,
  },
  { expression: new RegExp(String.raw`\bI(?:'m| am)\s+(?:now\s+)?moving\s+to\s+${capitalised}`, "g"), predicate: "plans", object: 1 },
  {
    expression: new RegExp(
      String.raw`\bI(?:'m| am)?\s+(?:now\s+|still\s+|currently\s+)?(?:work|working)\s+(?:at|for)\s+${capitalised}`,
      "g",
    ),
    predicate: "works_at",
    object: 1,
  },
  {
    expression: new RegExp(
      String.raw`\bI\s+(?:got|started|landed|took)\s+(?:a\s+|the\s+|my\s+new\s+|a\s+new\s+)?(?:job|position|role|internship)\s+(?:at|with)\s+${capitalised}`,
      "g",
    ),
    predicate: "works_at",
    object: 1,
  },
  {
    expression: new RegExp(String.raw`\bI(?:'m| am)?\s+(?:now\s+)?(?:study|studying)\s+at\s+${capitalised}`, "g"),
    predicate: "studies_at",
    object: 1,
  },
  {
    expression: new RegExp(
      String.raw`\bmy\s+(?:new\s+)?favou?rite\s+([a-z]+(?:\s[a-z]+)?)\s+(?:is|are)\s+(?:now\s+|still\s+|definitely\s+)?${thing}${end}`,
      "gi",
    ),
    predicate: "favourite",
    object: 2,
    qualifier: 1,
  },
  {
    expression: new RegExp(String.raw`\bI(?:'m| am)\s+(?:very\s+|severely\s+|really\s+)?allergic\s+to\s+${thing}${end}`, "gi"),
    predicate: "allergic_to",
    object: 1,
  },
  {
    expression: new RegExp(
      String.raw`\bI\s+(?:really\s+|just\s+|also\s+|absolutely\s+|totally\s+)?(?:love|like|enjoy|adore|am into|'m into)\s+${thing}${end}`,
      "g",
    ),
    predicate: "likes",
    object: 1,
  },
  {
    expression: new RegExp(
      String.raw`\bI\s+(?:really\s+)?(?:hate|dislike|can't stand|cannot stand|don't like|do not like|don't enjoy)\s+${thing}${end}`,
      "g",
    ),
    predicate: "dislikes",
    object: 1,
  },
  {
    expression: new RegExp(String.raw`\b[Mm]y\s+(${familyRoles.join("|")})(?:\s*,)?\s+([A-Z][\w'’-]+)`, "g"),
    predicate: "family_member",
    object: 2,
    qualifier: 1,
  },
  {
    expression: new RegExp(String.raw`\b[Mm]y\s+(${socialRoles.join("|")})(?:\s*,)?\s+([A-Z][\w'’-]+)`, "g"),
    predicate: "friend_of",
    object: 2,
    qualifier: 1,
  },
  {
    expression: new RegExp(String.raw`\b[Mm]y\s+(${petKinds.join("|")})(?:\s*,)?\s+(?:named\s+|called\s+)?([A-Z][\w'’-]+)`, "g"),
    predicate: "has_pet",
    object: 2,
    qualifier: 1,
  },
  {
    expression: new RegExp(
      String.raw`\bI\s+(?:have|own|got|adopted|bought)\s+(?:a|an|two|three|four|\d+)\s+(?:new\s+)?(${petKinds.join("|")})s?\b`,
      "g",
    ),
    predicate: "has_pet",
    object: 1,
  },
  {
    expression: new RegExp(
      String.raw`\bI\s+(?:just\s+)?(?:bought|purchased|got|own)\s+(?:a|an|the|my)\s+(?!(?:new\s+)?(?:job|position|role|internship|chance|idea|feeling|call|text|message|lot|bit|few)\b)(?:new\s+)?${thing}${end}`,
      "g",
    ),
    predicate: "owns",
    object: 1,
  },
  {
    expression: new RegExp(String.raw`\bI\s+(?:visited|went\s+to|traveled\s+to|travelled\s+to|flew\s+to)\s+${capitalised}`, "g"),
    predicate: "visited",
    object: 1,
  },
  { expression: /\bI\s+(?:went|go|started|tried|love|enjoy|like)\s+([a-z]+ing)\b/g, predicate: "does_activity", object: 1 },
  // Where someone else the speaker names lives and works ("My sister Anna moved to Madrid"): the same
  // single-valued relations, with that person as the subject.
  {
    expression: new RegExp(
      String.raw`${named}\s+(?:now\s+|still\s+|currently\s+)?(?:lives|is\s+living|resides|is\s+based)\s+in\s+${capitalised}`,
      "g",
    ),
    predicate: "lives_in",
    subject: 1,
    object: 2,
  },
  {
    expression: new RegExp(
      String.raw`${named}\s+(?:has\s+)?(?:just\s+|recently\s+|finally\s+)?(?:moved|relocated)\s+(?:back\s+)?to\s+${capitalised}`,
      "g",
    ),
    predicate: "lives_in",
    subject: 1,
    object: 2,
  },
  {
    expression: new RegExp(String.raw`${named}\s+(?:now\s+|still\s+|currently\s+)?works\s+(?:at|for)\s+${capitalised}`, "g"),
    predicate: "works_at",
    subject: 1,
    object: 2,
  },
  {
    expression: new RegExp(
      String.raw`${named}\s+(?:just\s+)?(?:got|started|landed|took)\s+(?:a\s+|the\s+|a\s+new\s+)?(?:job|position|role)\s+(?:at|with)\s+${capitalised}`,
      "g",
    ),
    predicate: "works_at",
    subject: 1,
    object: 2,
  },
  // Endings: the speaker no longer lives, works or studies somewhere, is no longer allergic, no longer likes.
  {
    expression: new RegExp(
      String.raw`\bI\s+(?:no\s+longer\s+live\s+in|(?:don't|do\s+not|don’t)\s+live\s+in|(?:just\s+|finally\s+)?moved\s+(?:out\s+of|away\s+from))\s+${capitalised}`,
      "g",
    ),
    predicate: "lives_in",
    object: 1,
    ended: true,
  },
  {
    expression: new RegExp(
      String.raw`\bI\s+(?:(?:just\s+|finally\s+)?(?:quit|left|lost)\s+(?:my\s+)?(?:job|position|role|internship)\s+(?:at|with)|no\s+longer\s+work\s+(?:at|for)|(?:don't|do\s+not|don’t)\s+work\s+(?:at|for)|(?:stopped|quit)\s+working\s+(?:at|for))\s+${capitalised}`,
      "g",
    ),
    predicate: "works_at",
    object: 1,
    ended: true,
  },
  {
    expression: new RegExp(
      String.raw`\bI(?:'m|’m|\s+am)\s+(?:no\s+longer|not)\s+(?:allergic\s+to)\s+${thing}(?:${anymore}|(?=\s*(?:[,.!?;]|$)))`,
      "g",
    ),
    predicate: "allergic_to",
    object: 1,
    ended: true,
  },
  {
    expression: new RegExp(
      String.raw`\bI\s+(?:no\s+longer\s+(?:like|love|enjoy)|(?:don't|do\s+not|don’t)\s+(?:like|love|enjoy)(?=\s+[^,.!?;]{2,60}?\s+any\s?(?:more|longer)\b)|stopped\s+(?:liking|loving|enjoying))\s+${thing}(?:${anymore}|${end})`,
      "g",
    ),
    predicate: "likes",
    object: 1,
    ended: true,
  },
  {
    expression: new RegExp(String.raw`\bI(?:'m| am)\s+(?:planning|going|hoping)\s+to\s+${thing}${end}`, "g"),
    predicate: "plans",
    object: 1,
  },
];

const chineseRoles = [...chineseFamilyRoles, ...chineseSocialRoles].sort((left, right) => right.length - left.length).join("|");
const han = String.raw`[\u4e00-\u9fa5A-Za-z0-9]`;
const stop = String.raw`(?=[，。！？；、\s]|$)`;
const chinesePatterns: Pattern[] = [
  { expression: new RegExp(`我(?:现在|目前|一直)?住在(${han}{2,8}?)${stop}`, "gu"), predicate: "lives_in", object: 1 },
  {
    expression: new RegExp(`我(?:上个月|上周|去年|最近|刚刚?|已经)?搬(?:到|去)了?(${han}{2,8}?)${stop}`, "gu"),
    predicate: "lives_in",
    object: 1,
  },
  { expression: new RegExp(`我(?:现在|目前)?在(${han}{2,10}?)(?:工作|上班)`, "gu"), predicate: "works_at", object: 1 },
  { expression: new RegExp(`我(?:现在|目前)?在(${han}{2,10}?)(?:上学|读书|念书)`, "gu"), predicate: "studies_at", object: 1 },
  {
    expression: new RegExp(`我(?:现在)?最喜欢的(${han}{1,4}?)(?:现在|已经)?是(${han}{1,10}?)${stop}`, "gu"),
    predicate: "favourite",
    object: 2,
    qualifier: 1,
  },
  { expression: new RegExp(`我对(${han}{1,10}?)(?<!不|不再|没|没有)过敏`, "gu"), predicate: "allergic_to", object: 1 },
  { expression: new RegExp(`我(?:很|非常|特别|超|真的)?(?<!不)喜欢(${han}{1,12}?)${stop}`, "gu"), predicate: "likes", object: 1 },
  {
    expression: new RegExp(`我(?:很|非常|特别)?(?:不喜欢|讨厌|受不了)(${han}{1,12}?)${stop}`, "gu"),
    predicate: "dislikes",
    object: 1,
  },
  {
    expression: new RegExp(String.raw`我的?(${chineseFamilyRoles.join("|")})(${han}{2,3}?)(?=[，。！？、\s和跟与也都在是去住说]|$)`, "gu"),
    predicate: "family_member",
    object: 2,
    qualifier: 1,
  },
  {
    expression: new RegExp(String.raw`我的?(${chineseRoles})(${han}{2,3}?)(?=[，。！？、\s和跟与也都在是去住说]|$)`, "gu"),
    predicate: "friend_of",
    object: 2,
    qualifier: 1,
  },
  { expression: /我(?:有|养了?)(?:一|两|三|\d)?(?:只|条|个)(狗|小狗|猫|小猫|猫咪|兔子|鹦鹉|仓鼠|乌龟)/gu, predicate: "has_pet", object: 1 },
  {
    expression: new RegExp(
      String.raw`我(?:上周|上个月|去年|昨天|前天)?(?:去了|去过)(${han}{2,6}?)(?=[，。！？、\s]|徒步|旅游|旅行|玩|度假|出差|$)`,
      "gu",
    ),
    predicate: "visited",
    object: 1,
  },
  { expression: new RegExp(`我(?:打算|计划|准备)(${han}{2,16}?)${stop}`, "gu"), predicate: "plans", object: 1 },
  { expression: new RegExp(`我(?:已经)?不(?:再)?住在(${han}{2,8}?)了?${stop}`, "gu"), predicate: "lives_in", object: 1, ended: true },
  {
    expression: new RegExp(`我(?:已经)?不(?:再)?在(${han}{2,10}?)(?:工作|上班)了?`, "gu"),
    predicate: "works_at",
    object: 1,
    ended: true,
  },
  { expression: new RegExp(`我对(${han}{1,10}?)(?:已经)?不(?:再)?过敏了?`, "gu"), predicate: "allergic_to", object: 1, ended: true },
  { expression: new RegExp(`我(?:已经)?不再喜欢(${han}{1,12}?)了?${stop}`, "gu"), predicate: "likes", object: 1, ended: true },
];

/**
 * Finds relations in a first-person statement (English or Chinese): where the speaker lives, works and
 * studies, likes and dislikes, allergies, favourites, family, friends, pets, possessions, places visited,
 * activities and plans. The subject is always the speaker; objects are returned as written.
 *
 * @example
 * extractRelations("I moved to Porto and my favourite colour is now green");
 * // [{ predicate: "lives_in", object: "Porto" }, { predicate: "favourite", object: "green", qualifier: "colour" }]
 */
export function extractRelations(text: string): ExtractedRelation[] {
  const relations: ExtractedRelation[] = [];
  const seen = new Set<string>();
  const patterns = /\p{Script=Han}/u.test(text) ? [...chinesePatterns, ...englishPatterns] : englishPatterns;
  for (const pattern of patterns) {
    pattern.expression.lastIndex = 0;
    for (const match of text.matchAll(pattern.expression)) {
      const object = match[pattern.object]?.trim().replace(/^the\s+/i, "");
      if (object === undefined || object === "" || /^(?:it|that|this|them|you|him|her)$/i.test(object)) continue;
      if (pattern.predicate === "friend_of" && chineseFamilyRoles.includes(match[1] ?? "")) continue;
      const qualifier = pattern.qualifier === undefined ? undefined : match[pattern.qualifier]?.toLowerCase().trim();
      const subject = pattern.subject === undefined ? undefined : match[pattern.subject];
      const key = `${pattern.ended ? "ended|" : ""}${subject ?? ""}|${pattern.predicate}|${qualifier ?? ""}|${object.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      relations.push({
        predicate: pattern.predicate,
        object,
        ...(qualifier === undefined ? {} : { qualifier }),
        ...(pattern.ended ? { ended: true as const } : {}),
        ...(subject === undefined ? {} : { subject }),
      });
    }
  }
  return relations;
}
