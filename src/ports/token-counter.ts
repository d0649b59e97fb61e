/**
 * Counts tokens the way an LLM would see them, for packing recall results into a token budget.
 *
 * @example
 * counter.count("I moved to Lisbon last month"); // 6 (cl100k)
 */
export interface TokenCounter {
  readonly name: string;
  count(text: string): number;
}
