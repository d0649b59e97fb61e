/** One channel's ranked list. Keys are opaque ("memory:<id>", "episode:<id>"). */
export interface ChannelRanking {
  channel: string;
  weight: number;
  /**
   * Share (0–1) of the channel's weight given by its score relative to its best item instead of by rank:
   * weight × ((1 − share) / (k + rank) + share × (score / best) / (k + 1)). 0 is plain reciprocal rank.
   */
  scoreShare?: number;
  /** Best first; `rank` (1-based) overrides the position when items share a rank. */
  items: ReadonlyArray<{ key: string; score: number; rank?: number }>;
}

/** A fused item, with where each channel ranked it. */
export interface FusedItem {
  key: string;
  score: number;
  why: Array<{ channel: string; rank: number; score: number }>;
}

/**
 * Weighted reciprocal-rank fusion: score = Σ weight / (k + rank). Ties keep the order of first appearance.
 *
 * @example
 * fuseRankings({ rankings: [{ channel: "keyword", weight: 1, items }, { channel: "vector", weight: 0.5, items: other }] });
 */
export function fuseRankings(options: { rankings: readonly ChannelRanking[]; k?: number }): FusedItem[] {
  const k = options.k ?? 60;
  const fused = new Map<string, FusedItem>();
  for (const ranking of options.rankings) {
    if (ranking.weight === 0) continue;
    const share = ranking.scoreShare ?? 0;
    const best = share > 0 ? ranking.items.reduce((top, item) => Math.max(top, item.score), 0) : 0;
    ranking.items.forEach((item, index) => {
      const rank = item.rank ?? index + 1;
      const entry = fused.get(item.key) ?? { key: item.key, score: 0, why: [] };
      const relative = share > 0 && best > 0 ? item.score / best : 0;
      entry.score += ranking.weight * ((1 - share) / (k + rank) + (share * relative) / (k + 1));
      entry.why.push({ channel: ranking.channel, rank, score: Number(item.score.toFixed(6)) });
      fused.set(item.key, entry);
    });
  }
  return [...fused.values()].sort((left, right) => right.score - left.score);
}
