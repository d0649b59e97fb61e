import type { MemoryKind } from "../domain/memory-record.js";

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
}
