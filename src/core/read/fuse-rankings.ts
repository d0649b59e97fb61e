/** One channel's ranked list. */
export interface ChannelRanking {
  channel: string;
  weight: number;
  items: ReadonlyArray<{ memoryId: string; score: number }>;
}

/** A fused item, with where each channel ranked it. */
export interface FusedItem {
  memoryId: string;
  score: number;
  why: Array<{ channel: string; rank: number; score: number }>;
}

/**
 * Weighted reciprocal-rank fusion: score = Σ weight / (k + rank). Ties keep the order of first appearance.
 *
 * @example
 * fuseRankings({ rankings: [{ channel: "keyword", weight: 1, items }, { channel: "vector", weight: 1, items: other }] });
 */
export function fuseRankings(options: { rankings: readonly ChannelRanking[]; k?: number }): FusedItem[] {
  const k = options.k ?? 60;
  const fused = new Map<string, FusedItem>();
  for (const ranking of options.rankings) {
    ranking.items.forEach((item, index) => {
      const rank = index + 1;
      const entry = fused.get(item.memoryId) ?? { memoryId: item.memoryId, score: 0, why: [] };
      entry.score += ranking.weight / (k + rank);
      entry.why.push({ channel: ranking.channel, rank, score: item.score });
      fused.set(item.memoryId, entry);
    });
  }
  return [...fused.values()].sort((left, right) => right.score - left.score);
}
