/** Cumulative language-model usage of one engine, shown by `stats`. */
export interface ModelUsageTotals {
  calls: number;
  failures: number;
  fallbacks: number;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
}

/**
 * A fresh usage accumulator.
 *
 * @example
 * const usage = createModelUsageTotals(); usage.calls += 1;
 */
export function createModelUsageTotals(): ModelUsageTotals {
  return { calls: 0, failures: 0, fallbacks: 0, inputTokens: 0, outputTokens: 0, latencyMs: 0 };
}
