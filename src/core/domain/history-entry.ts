/** Events recorded in a memory's history. */
export const historyEvents = ["ADD", "UPDATE", "SUPERSEDE", "DELETE", "NONE"] as const;
export type HistoryEvent = (typeof historyEvents)[number];

/**
 * One change to a memory. After a deletion the texts are wiped and only hashes remain (a tombstone).
 *
 * @example
 * const entry: HistoryEntry = { id: "…", memoryId: "…", event: "UPDATE", beforeText: "likes tea", afterText: "likes coffee", actor: "user", createdAt: "…" };
 */
export interface HistoryEntry {
  id: string;
  memoryId: string;
  event: HistoryEvent;
  beforeText?: string;
  afterText?: string;
  beforeHash?: string;
  afterHash?: string;
  actor: string;
  reason?: string;
  createdAt: string;
}
