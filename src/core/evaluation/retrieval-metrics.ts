/** Evidence recall of one question at one cut-off. */
export interface RecallAtCutoff {
  /** |E ∩ covered| / |E| (LoCoMo's fractional recall). */
  fraction: number;
  /** 1 when every evidence unit is covered (`Rall@k`). */
  all: 0 | 1;
  /** 1 when at least one evidence unit is covered (`Rany@k`). */
  any: 0 | 1;
}

/**
 * Evidence recall at `k`: the evidence units covered by the first `k` items (each item covers the set of
 * units in its sources). `evidence` must not be empty.
 *
 * @example
 * recallAt({ evidence: ["D1:3", "D1:5"], covered: [new Set(["D1:3"]), new Set(["D2:1"])], k: 2 }); // { fraction: 0.5, all: 0, any: 1 }
 */
export function recallAt(options: { evidence: readonly string[]; covered: ReadonlyArray<ReadonlySet<string>>; k: number }): RecallAtCutoff {
  const seen = new Set<string>();
  for (const units of options.covered.slice(0, options.k)) for (const unit of units) seen.add(unit);
  let hits = 0;
  for (const unit of options.evidence) if (seen.has(unit)) hits += 1;
  return { fraction: hits / options.evidence.length, all: hits === options.evidence.length ? 1 : 0, any: hits > 0 ? 1 : 0 };
}

/**
 * NDCG at `k` with evidence-unit gains: the gain at rank i is the number of evidence units first covered at
 * i; DCG = Σ gain_i / log2(i + 1); IDCG = Σ_{j ≤ min(|E|, k)} 1 / log2(j + 1); the ratio is capped at 1
 * (one aggregated memory can cover several units). 0 when there is no evidence.
 *
 * @example
 * ndcgAt({ evidence: ["D1:3"], covered: [new Set(["D2:1"]), new Set(["D1:3"])], k: 10 }); // 1 / log2(3) ≈ 0.631
 */
export function ndcgAt(options: { evidence: readonly string[]; covered: ReadonlyArray<ReadonlySet<string>>; k: number }): number {
  const evidence = new Set(options.evidence);
  const seen = new Set<string>();
  let dcg = 0;
  options.covered.slice(0, options.k).forEach((units, index) => {
    let gain = 0;
    for (const unit of units) {
      if (evidence.has(unit) && !seen.has(unit)) {
        seen.add(unit);
        gain += 1;
      }
    }
    dcg += gain / Math.log2(index + 2);
  });
  let ideal = 0;
  for (let rank = 0; rank < Math.min(evidence.size, options.k); rank += 1) ideal += 1 / Math.log2(rank + 2);
  return ideal === 0 ? 0 : Math.min(1, dcg / ideal);
}
