import type { TaggedWord } from "../../ports/segmenter.js";
import type { Episode } from "../domain/episode.js";
import type { CompiledVocabulary } from "../domain-packs/index.js";
import { understandEpisode } from "../extract/understand-episode.js";
import { detectLanguage } from "../understand/index.js";
import type { MemoryCandidate } from "./candidate.js";

/**
 * Turns a batch of episodes into memory candidates. With `infer: false` every message becomes one memory
 * verbatim; otherwise each informative statement becomes a memory with its kind, importance, emotion, event
 * time, entities and relations (see `understandEpisode`).
 *
 * @example
 * extractCandidates({ episodes, infer: true, tag: segmenter.tag });
 */
export function extractCandidates(options: {
  episodes: readonly Episode[];
  infer: boolean;
  tag: (text: string) => TaggedWord[];
  /** The tenant's domain vocabulary: typed entities and sentiment terms. */
  vocabulary?: CompiledVocabulary;
}): MemoryCandidate[] {
  const candidates: MemoryCandidate[] = [];
  options.episodes.forEach((episode, index) => {
    if (!options.infer) {
      candidates.push({
        text: episode.content.trim(),
        kind: "fact",
        language: episode.language,
        importance: 0.5,
        emotionScore: episode.emotionScore,
        emotionIntensity: episode.emotionIntensity,
        episodeIndexes: [index],
        entities: [],
        relations: [],
        verbatim: true,
      });
      return;
    }
    const subjectName = episode.speaker ?? (episode.role === "assistant" ? "assistant" : "user");
    for (const statement of understandEpisode({
      episode,
      tag: options.tag,
      ...(options.vocabulary === undefined ? {} : { vocabulary: options.vocabulary }),
    })) {
      candidates.push({
        text: statement.text,
        kind: statement.kind,
        language: detectLanguage(statement.text) === "zh" ? "zh" : episode.language,
        importance: statement.importance,
        emotionScore: statement.emotionScore,
        emotionIntensity: statement.emotionIntensity,
        ...(statement.eventStart === undefined ? {} : { eventStart: statement.eventStart }),
        ...(statement.eventEnd === undefined ? {} : { eventEnd: statement.eventEnd }),
        episodeIndexes: [index],
        entities: statement.entities,
        relations: statement.relations,
        subjectName,
      });
    }
  });
  return candidates;
}
