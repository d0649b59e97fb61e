import type { MemoryKind } from "../domain/memory-record.js";
import type { ExtractedEntity } from "../extract/extracted-entity.js";
import type { ExtractedRelation } from "../extract/relations.js";

/** A memory the understanding step proposes from one or more episodes. */
export interface MemoryCandidate {
  text: string;
  kind: MemoryKind;
  language: string;
  importance: number;
  emotionScore: number;
  emotionIntensity: number;
  eventStart?: string;
  eventEnd?: string;
  /** Indexes into the batch's episodes. */
  episodeIndexes: number[];
  entities: ExtractedEntity[];
  /** Relations whose subject is `subjectName`. */
  relations: ExtractedRelation[];
  /** The message itself, kept without inference. */
  verbatim?: boolean;
  /** Who the statement is about (the speaker, or "user" / "assistant" when unnamed). */
  subjectName?: string;
}
