/**
 * Nearest-rank percentile of an ascending list: the value at position ⌈p/100 · n⌉ (clamped to 1…n);
 * `null` for an empty list.
 *
 * @example
 * nearestRankPercentile({ sorted: [1, 2, 3, 4], percent: 50 }); // 2
 */
export function nearestRankPercentile(options: { sorted: readonly number[]; percent: number }): number | null {
  const { sorted, percent } = options;
  if (sorted.length === 0) return null;
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

/**
 * Arithmetic mean, summed in list order; `null` for an empty list.
 *
 * @example
 * meanOf([1, 2, 6]); // 3
 */
export function meanOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
