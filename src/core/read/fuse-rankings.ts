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
    let best = 0;
    if (share > 0) for (const item of ranking.items) best = Math.max(best, item.score);
    const { items, channel, weight } = ranking;
    for (let index = 0; index < items.length; index += 1) {
      const item = items[index] as (typeof items)[number];
      const rank = item.rank ?? index + 1;
      let entry = fused.get(item.key);
      if (entry === undefined) {
        entry = { key: item.key, score: 0, why: [] };
        fused.set(item.key, entry);
      }
      const relative = share > 0 && best > 0 ? item.score / best : 0;
      entry.score += weight * ((1 - share) / (k + rank) + (share * relative) / (k + 1));
      // Rounded to six decimals, as toFixed(6) would (a search fuses hundreds of items and shows ten).
      entry.why.push({ channel, rank, score: Math.round(item.score * 1e6) / 1e6 });
    }
  }
  return [...fused.values()].sort((left, right) => right.score - left.score);
}
