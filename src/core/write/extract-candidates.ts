import type { Episode } from "../domain/episode.js";
import type { MemoryKind } from "../domain/memory-record.js";
import { resolveTimeExpressions } from "../understand/index.js";
import type { MemoryCandidate } from "./candidate.js";

const fillerPattern =
  /^(?:hi|hey|hello|yo|thanks?(?: you)?(?: so much| a lot)?|thank you|ok(?:ay)?|sure|cool|great|nice|wow|lol|haha+|bye|good ?(?:night|morning|bye)|see you|you too|me too|yes|yeah|yep|no|nope|嗯+|哦+|好的?|好吧|谢谢(?:你)?|你好|再见|哈+|拜拜|晚安|早安?|是的|对)[\s\p{P}\p{S}]*$/iu;

const preferencePattern = /\b(?:like|love|prefer|enjoy|favou?rite|hate|dislike|can't stand|into)\b|喜欢|爱|最爱|偏好|讨厌|不喜欢/iu;
const planPattern =
  /\b(?:will|going to|gonna|plan(?:ning)? to|intend|want to|hope to|next (?:week|month|year)|tomorrow)\b|打算|计划|准备|将要|明天|下周|下个月|明年|想要/iu;
const profilePattern =
  /\b(?:i am|i'm|my name is|i work|i live|years old|my (?:job|wife|husband|son|daughter|kids?|sister|brother|mom|dad|mother|father))\b|我是|我叫|我住|我在.*工作|岁/iu;
const remindPattern = /\b(?:remember|don't forget|note that|keep in mind)\b|记住|别忘了|请记得/iu;
const selfPattern = /\b(?:i|my|me|mine|we|our)\b|我/iu;

/** Picks a kind for a statement from surface cues (the understanding issue replaces this with a full analysis). */
export function classifyKind(options: { text: string; hasPastDate: boolean }): MemoryKind {
  if (planPattern.test(options.text)) return "plan";
  if (preferencePattern.test(options.text)) return "preference";
  if (profilePattern.test(options.text)) return "profile";
  if (options.hasPastDate) return "event";
  return "fact";
}

/** Is this message only a greeting, thanks or acknowledgement? */
export function isFiller(text: string): boolean {
  return fillerPattern.test(text.trim());
}

/**
 * Turns a batch of episodes into memory candidates. With `infer: false` every message becomes one memory
 * verbatim; otherwise filler is skipped and each informative message becomes one memory with a kind, an
 * importance and the event time its text refers to.
 *
 * @example
 * extractCandidates({ episodes, infer: true }); // [{ text: "I moved to Lisbon last month", kind: "event", eventStart: "2024-04-01…", … }]
 */
export function extractCandidates(options: { episodes: readonly Episode[]; infer: boolean }): MemoryCandidate[] {
  const candidates: MemoryCandidate[] = [];
  options.episodes.forEach((episode, index) => {
    const text = episode.content.trim();
    if (options.infer && isFiller(text)) return;
    // An assistant's question asks; it tells nothing about the user (the episode keeps it).
    if (options.infer && episode.role === "assistant" && /[?？]\s*$/u.test(text) && !/[.!。！]\s/u.test(text)) return;
    const referenceTime = new Date(episode.occurredAt);
    const times = options.infer ? resolveTimeExpressions({ text, referenceTime }) : [];
    const first = times[0];
    const hasPastDate = first !== undefined && first.start.getTime() <= referenceTime.getTime();
    const kind: MemoryKind = options.infer ? classifyKind({ text, hasPastDate }) : "fact";
    let importance = 0.3;
    if (selfPattern.test(text)) importance += 0.15;
    if (first !== undefined) importance += 0.15;
    if (remindPattern.test(text)) importance += 0.25;
    importance += 0.15 * episode.emotionIntensity;
    candidates.push({
      text,
      kind,
      language: episode.language,
      importance: Math.min(1, Math.round(importance * 100) / 100),
      emotionScore: episode.emotionScore,
      emotionIntensity: episode.emotionIntensity,
      ...(first === undefined ? {} : { eventStart: first.start.toISOString(), eventEnd: first.end.toISOString() }),
      episodeIndexes: [index],
    });
  });
  return candidates;
}
