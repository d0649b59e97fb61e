/**
 * Shared words over all words of two word sets (Jaccard); 0 when both are empty.
 *
 * @example
 * jaccard(new Set(["lena", "hiking"]), new Set(["lena", "swimming"])); // 0.333…
 */
export function jaccard(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  const union = left.size + right.size - shared;
  return union === 0 ? 0 : shared / union;
}
