/**
 * The embedding port: turns texts into fixed-length vectors.
 *
 * Adapters (offline word vectors, hashing, any OpenAI-compatible endpoint) implement it;
 * the core only calls `embed`.
 *
 * @example
 * const { embeddings } = await embedder.embed({ values: ["I moved to Lisbon"] });
 * embeddings[0]?.length === embedder.dimensions; // true
 */
export interface Embedder {
  /** Stable identifier stored with the vectors; a store refuses an embedder with another id. */
  readonly modelId: string;
  /**
   * True when the vectors only re-encode the words (hashing, averaged word vectors): recall then leaves the
   * vector channel out by default, since the keyword channels already cover what it finds (on LoCoMo the
   * offline default's vectors lowered Recall@10: `npm run bench:ablation`).
   */
  readonly lexical?: boolean;
  /** Length of every vector this embedder returns. */
  readonly dimensions: number;
  /** Embeds the values in order; every vector has `dimensions` entries and is L2-normalised (or all zeros). */
  embed(options: { values: readonly string[] }): Promise<{ embeddings: Float32Array[] }>;
}
