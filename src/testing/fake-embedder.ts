import type { Embedder } from "../ports/embedder.js";

/**
 * A deterministic bag-of-words embedder for tests: each lower-cased word hashes to one of `dimensions` slots.
 * Texts sharing words are close; texts sharing none are orthogonal.
 *
 * @example
 * const embedder = createFakeEmbedder({ dimensions: 32 });
 */
export function createFakeEmbedder(options: { dimensions?: number; modelId?: string } = {}): Embedder {
  const dimensions = options.dimensions ?? 32;
  return {
    modelId: options.modelId ?? `fake-bag-of-words-${dimensions}`,
    dimensions,
    async embed({ values }) {
      return {
        embeddings: values.map((value) => {
          const vector = new Float32Array(dimensions);
          for (const word of value.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
            let hash = 2166136261;
            for (const character of word) hash = Math.imul(hash ^ (character.codePointAt(0) ?? 0), 16777619) >>> 0;
            vector[hash % dimensions] = (vector[hash % dimensions] ?? 0) + 1;
          }
          const norm = Math.hypot(...vector);
          return norm === 0 ? vector : vector.map((entry) => entry / norm);
        }),
      };
    },
  };
}
