import type { Episode } from "../domain/episode.js";
import type { MemoryRecord } from "../domain/memory-record.js";

/**
 * Session-level relevance: the best `depth` entries vote for their sessions with their scores, and every
 * entry of a session gains up to `lift` of its score (the strongest session gains `lift`, others in
 * proportion), so a conversation that matches strongly as a whole lifts its other turns and memories.
 * Scores change in place; the caller sorts.
 *
 * @example
 * liftStrongSessions({ entries, lift: 0.1, depth: 20 }); // then entries.sort((a, b) => b.score - a.score)
 */
export function liftStrongSessions(options: {
  entries: Array<{ score: number; memory?: MemoryRecord | undefined; episode?: Episode | undefined }>;
  lift: number;
  depth: number;
}): void {
  if (options.lift <= 0) return;
  const sessionOf = (entry: (typeof options.entries)[number]) => entry.memory?.sessionId ?? entry.episode?.sessionId;
  const strength = new Map<string, number>();
  for (const entry of [...options.entries].sort((left, right) => right.score - left.score).slice(0, options.depth)) {
    const session = sessionOf(entry);
    if (session !== undefined) strength.set(session, (strength.get(session) ?? 0) + entry.score);
  }
  const strongest = Math.max(0, ...strength.values());
  if (strongest === 0) return;
  for (const entry of options.entries) {
    const session = sessionOf(entry);
    if (session !== undefined) entry.score *= 1 + (options.lift * (strength.get(session) ?? 0)) / strongest;
  }
}
