import type { Embedder } from "../../../ports/embedder.js";
import { computeHashingVector, ENGLISH_STOP_WORDS, normaliseVector, tokenizeText } from "./hashing-embedder.js";
import { loadWordVectorTable, type WordVectorTable } from "./word-vector-table.js";

/**
 * The default offline embedder: a weighted mean of English word vectors plus a hashing block.
 *
 * Vector layout (`100 + hashDimensions` entries, 356 by default):
 *
 * - entries 0..99: the smooth-inverse-frequency-weighted mean of the unit-normalised 100-d
 *   GloVe vectors of the text's English content words (stop words removed), L2-normalised,
 *   times `alpha`;
 * - entries 100..: the signed feature-hashing vector of the same text (words and CJK character
 *   unigrams and bigrams, see `hashing-embedder.ts`), L2-normalised, times `beta`;
 * - the whole vector is then L2-normalised again.
 *
 * With `alpha = sqrt(0.6)` and `beta = sqrt(0.4)`, when both blocks are non-zero the cosine of
 * two embeddings is exactly `0.6 * cos(word vectors) + 0.4 * cos(hashing)`: semantic similarity
 * from the word vectors dominates, while exact overlap (names, numbers, out-of-vocabulary and
 * Chinese words) still counts. Text with no known English word (for example pure Chinese) gets a
 * zero word-vector block and is then represented by its hashing block alone.
 */

/** Squared share of the word-vector block in the cosine (`alpha²`); the hashing block gets `1 - alpha²`. */
const WORD_VECTOR_SHARE = 0.6;
const DEFAULT_HASH_DIMENSIONS = 256;

/**
 * Computes the weighted mean of the unit-normalised word vectors of the content words,
 * L2-normalised (all zeros when no word is in the table).
 */
function computeWordVectorBlock({ words, table }: { words: readonly string[]; table: WordVectorTable }): Float32Array {
  const accumulator = new Float64Array(table.dimensions);
  for (const word of words) {
    if (ENGLISH_STOP_WORDS.has(word)) continue;
    const entry = table.lookup(word);
    if (entry === undefined) continue;
    const { vector, weight } = entry;
    let sumOfSquares = 0;
    for (let dimension = 0; dimension < vector.length; dimension += 1) {
      const value = vector[dimension] ?? 0;
      sumOfSquares += value * value;
    }
    if (sumOfSquares === 0) continue;
    const factor = weight / Math.sqrt(sumOfSquares);
    for (let dimension = 0; dimension < vector.length; dimension += 1) {
      accumulator[dimension] = (accumulator[dimension] ?? 0) + (vector[dimension] ?? 0) * factor;
    }
  }
  return normaliseVector({ vector: accumulator });
}

/**
 * Creates the word-vector + hashing embedder, the default offline embedder. The word-vector
 * table (`data/word-vectors-en.bin`) is loaded on the first `embed` call, once per process;
 * a missing file makes `embed` reject with an Error that says to run
 * `node scripts/build-word-vectors.mjs`.
 *
 * @example
 * const embedder = createWordVectorEmbedder();
 * embedder.modelId; // "mnemo-wv100-hash256-v1"
 * const { embeddings } = await embedder.embed({ values: ["I moved to Lisbon", "我喜欢喝咖啡"] });
 * embeddings[0]?.length; // 356
 */
export function createWordVectorEmbedder({
  hashDimensions = DEFAULT_HASH_DIMENSIONS,
  wordVectorPath,
}: {
  hashDimensions?: number;
  /** Location of the word-vector file; defaults to the package's `data/word-vectors-en.bin`. */
  wordVectorPath?: URL | string;
} = {}): Embedder {
  if (!Number.isInteger(hashDimensions) || hashDimensions < 1) {
    throw new Error(`hashDimensions must be a positive integer, got ${hashDimensions}`);
  }
  const wordVectorDimensions = 100;
  const dimensions = wordVectorDimensions + hashDimensions;
  const alpha = Math.sqrt(WORD_VECTOR_SHARE);
  const beta = Math.sqrt(1 - WORD_VECTOR_SHARE);
  let table: WordVectorTable | undefined;

  function embedOne({ text }: { text: string }): Float32Array {
    const loaded = table ?? loadWordVectorTable(wordVectorPath === undefined ? {} : { path: wordVectorPath });
    table = loaded;
    if (loaded.dimensions !== wordVectorDimensions) {
      throw new Error(`word-vector table has ${loaded.dimensions} dimensions, expected ${wordVectorDimensions}`);
    }
    const tokens = tokenizeText({ text });
    const wordBlock = computeWordVectorBlock({ words: tokens.words, table: loaded });
    const hashBlock = computeHashingVector({ tokens, dimensions: hashDimensions });
    const combined = new Float32Array(dimensions);
    for (let index = 0; index < wordVectorDimensions; index += 1) {
      combined[index] = (wordBlock[index] ?? 0) * alpha;
    }
    for (let index = 0; index < hashDimensions; index += 1) {
      combined[wordVectorDimensions + index] = (hashBlock[index] ?? 0) * beta;
    }
    return normaliseVector({ vector: combined });
  }

  return {
    modelId: `mnemo-wv${wordVectorDimensions}-hash${hashDimensions}-v1`,
    dimensions,
    lexical: true,
    async embed({ values }: { values: readonly string[] }): Promise<{ embeddings: Float32Array[] }> {
      return { embeddings: values.map((text) => embedOne({ text })) };
    },
  };
}
