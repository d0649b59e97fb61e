import type { TaggedWord } from "../../ports/segmenter.js";
import type { Episode } from "../domain/episode.js";
import type { MemoryKind } from "../domain/memory-record.js";
import type { CompiledVocabulary } from "../domain-packs/index.js";
import { resolveTimeExpressions, scoreEmotion, splitSentences } from "../understand/index.js";
import { extractChineseEntities } from "./chinese-entities.js";
import { extractEnglishEntities } from "./english-entities.js";
import type { ExtractedEntity } from "./extracted-entity.js";
import { type ExtractedRelation, extractRelations } from "./relations.js";
import { isSmallTalk } from "./small-talk.js";
import { toThirdPerson } from "./third-person.js";

/** A statement worth remembering, understood offline. */
export interface UnderstoodStatement {
  /** Self-contained text (speaker's name instead of "I" when the speaker is known). */
  text: string;
  /** The sentence as said. */
  originalText: string;
  kind: MemoryKind;
  importance: number;
  emotionScore: number;
  emotionIntensity: number;
  eventStart?: string;
  eventEnd?: string;
  entities: ExtractedEntity[];
  relations: ExtractedRelation[];
}

const fillerPattern =
  /^(?:hi|hey|hello|yo|thanks?(?: you)?(?: so much| a lot)?|thank you|ok(?:ay)?|sure|cool|great|nice|wow|lol|haha+|bye|good ?(?:night|morning|bye)|see you|you too|me too|yes|yeah|yep|no|nope|嗯+|哦+|好的?|好吧|谢谢(?:你)?|你好|再见|哈+|拜拜|晚安|早安?|是的|对)[\s\p{P}\p{S}]*$/iu;
const planPattern =
  /\b(?:will|going to|gonna|plan(?:ning)? to|intend|want to|hope to|next (?:week|month|year)|tomorrow)\b|打算|计划|准备|将要|明天|下周|下个月|明年|想要/iu;
const remindPattern = /\b(?:remember|don't forget|note that|keep in mind)\b|记住|别忘了|请记得/iu;
const selfPattern = /\b(?:i|my|me|mine|i'm|i've)\b|我/iu;
const preferencePredicates = new Set(["likes", "dislikes", "favourite"]);
const profilePredicates = new Set(["lives_in", "works_at", "studies_at", "family_member", "friend_of", "has_pet", "allergic_to", "owns"]);

/** Is this text only a greeting, thanks or acknowledgement? */
export function isFiller(text: string): boolean {
  return fillerPattern.test(text.trim());
}

function isQuestion(sentence: string): boolean {
  return /[?？]\s*$/u.test(sentence);
}

function contentWordCount(sentence: string): number {
  return (sentence.match(/[\p{L}\p{N}]+/gu) ?? []).length + (sentence.match(/\p{Script=Han}/gu) ?? []).length / 2;
}

function classify(options: {
  sentence: string;
  relations: readonly ExtractedRelation[];
  eventStart?: Date;
  referenceTime: Date;
}): MemoryKind {
  const predicates = new Set(options.relations.map((relation) => relation.predicate));
  if (predicates.has("plans") || planPattern.test(options.sentence)) return "plan";
  if (options.eventStart !== undefined && options.eventStart.getTime() > options.referenceTime.getTime()) return "plan";
  if ([...predicates].some((predicate) => preferencePredicates.has(predicate))) return "preference";
  if ([...predicates].some((predicate) => profilePredicates.has(predicate))) return "profile";
  if (options.eventStart !== undefined || predicates.has("visited") || predicates.has("does_activity")) return "event";
  return "fact";
}

/**
 * The people, places, things, dates and activities a text names: the tenant's domain terms first, then the
 * English cues and, for Chinese, the segmenter's part-of-speech tags.
 *
 * @example
 * entitiesOfText({ text: "Lena moved to Porto", tag: segmenter.tag }); // [{ name: "Lena", type: "person" }, { name: "Porto", type: "place" }, …]
 */
export function entitiesOfText(options: {
  text: string;
  tag: (text: string) => TaggedWord[];
  vocabulary?: CompiledVocabulary;
}): ExtractedEntity[] {
  const { text } = options;
  const packEntities: ExtractedEntity[] = (options.vocabulary?.findTerms(text) ?? []).flatMap((match) =>
    match.entityType === undefined
      ? []
      : [
          {
            name: match.term,
            type: match.entityType,
            aliases: match.surface.toLowerCase() === match.term.toLowerCase() ? [] : [match.surface],
            ...(match.category === undefined ? {} : { category: match.category }),
          },
        ],
  );
  const packNames = new Set(packEntities.map((entity) => entity.name.toLowerCase()));
  const found = /\p{Script=Han}/u.test(text)
    ? [...extractChineseEntities({ text, tagged: options.tag(text) }), ...extractEnglishEntities(text)]
    : extractEnglishEntities(text);
  return [...packEntities, ...found.filter((entity) => !packNames.has(entity.name.toLowerCase()))];
}

/**
 * Understands one message offline: splits it into sentences, drops greetings and questions, merges fragments,
 * and for each statement resolves dates against the message time, scores emotion, finds entities and
 * relations, picks a kind and an importance, and rewrites it to stand on its own.
 *
 * @example
 * understandEpisode({ episode, tagged: segmenter.tag(episode.content) });
 * // [{ text: "Lena moved to Lisbon last month", kind: "profile", eventStart: "2024-04-01T00:00:00.000Z", relations: [{ predicate: "lives_in", object: "Lisbon" }], … }]
 */
export function understandEpisode(options: {
  episode: Episode;
  tag: (text: string) => TaggedWord[];
  /** The tenant's domain vocabulary: its terms become typed entities and its polarities count in emotion. */
  vocabulary?: CompiledVocabulary;
}): UnderstoodStatement[] {
  const emotionTerms = options.vocabulary?.emotionTerms();
  const { episode } = options;
  const referenceTime = new Date(episode.occurredAt);
  const caption = typeof episode.metadata.imageCaption === "string" ? episode.metadata.imageCaption : undefined;
  const sentences = splitSentences(episode.content)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== "");
  const groups: string[] = [];
  for (const sentence of sentences) {
    if (isFiller(sentence) || isQuestion(sentence)) continue;
    const previous = groups.at(-1);
    if (previous !== undefined && (contentWordCount(sentence) < 4 || contentWordCount(previous) < 4)) {
      groups[groups.length - 1] =
        /\p{Script=Han}$/u.test(previous) || /^\p{Script=Han}/u.test(sentence) ? `${previous}${sentence}` : `${previous} ${sentence}`;
    } else {
      groups.push(sentence);
    }
  }
  if (groups.length === 0 && caption !== undefined && episode.content.trim() !== "") groups.push(episode.content.trim());
  const speaker = episode.speaker;
  return groups
    .filter((group) => contentWordCount(group) >= 2 && !isFiller(group) && !isSmallTalk(group))
    .map((sentence) => {
      const times = resolveTimeExpressions({ text: sentence, referenceTime });
      const first = times[0];
      const relations = extractRelations(sentence);
      const entities = entitiesOfText({
        text: sentence,
        tag: options.tag,
        ...(options.vocabulary === undefined ? {} : { vocabulary: options.vocabulary }),
      });
      const emotion = scoreEmotion({
        text: sentence,
        ...(emotionTerms === undefined ? {} : { extraTerms: emotionTerms }),
      });
      const kind = classify({ sentence, relations, ...(first === undefined ? {} : { eventStart: first.start }), referenceTime });
      let importance = 0.3;
      if (selfPattern.test(sentence)) importance += 0.15;
      if (first !== undefined) importance += 0.1;
      if (relations.length > 0) importance += 0.15;
      if (entities.some((entity) => entity.type !== "activity" && entity.type !== "date")) importance += 0.1;
      if (remindPattern.test(sentence)) importance += 0.25;
      importance += 0.15 * emotion.intensity;
      const text = speaker === undefined ? sentence : toThirdPerson({ text: sentence, speaker });
      return {
        text,
        originalText: sentence,
        kind,
        importance: Math.min(1, Math.round(importance * 100) / 100),
        emotionScore: emotion.score,
        emotionIntensity: emotion.intensity,
        ...(first === undefined ? {} : { eventStart: first.start.toISOString(), eventEnd: first.end.toISOString() }),
        entities,
        relations,
      };
    });
}
