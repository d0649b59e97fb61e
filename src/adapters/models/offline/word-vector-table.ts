import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The English word-vector table shipped in `data/word-vectors-en.bin`.
 *
 * The file is written by `scripts/build-word-vectors.mjs` (see that script for the byte
 * layout): 50,000 lowercase English words in frequency order, 100-d GloVe vectors quantised
 * to int8 with a per-vector float32 scale, and a per-word smooth-inverse-frequency weight.
 * It is read lazily, once per process, and dequantised into one Float32Array.
 */

/** One looked-up word: its dequantised vector and its frequency weight. */
export interface WordVectorEntry {
  /** Dequantised vector; a view into the shared table, do not modify. */
  readonly vector: Float32Array;
  /** Smooth-inverse-frequency weight in (0, 1]: near 0 for very frequent words, near 1 for rare ones. */
  readonly weight: number;
  /** Frequency rank among the table's words (0 = most frequent). */
  readonly index: number;
}

/** The loaded table. */
export interface WordVectorTable {
  /** Number of words in the table. */
  readonly count: number;
  /** Length of every vector. */
  readonly dimensions: number;
  /** Vector and weight of a lowercase word, or `undefined` when the word is not in the table. */
  lookup(word: string): WordVectorEntry | undefined;
}

const MAGIC = "MNWV";
const SUPPORTED_VERSION = 1;
const HEADER_BYTES = 24;
const BUILD_HINT = "run `node scripts/build-word-vectors.mjs` to create it";

/** Default location of the table, resolved from the package root (same depth for `src/` and `dist/`). */
export const DEFAULT_WORD_VECTOR_PATH: URL = new URL("../../../../data/word-vectors-en.bin", import.meta.url);

const cache = new Map<string, WordVectorTable>();

/**
 * Parses the bytes of a word-vector file into a table.
 *
 * @example
 * const table = parseWordVectorTable({ bytes: readFileSync("data/word-vectors-en.bin") });
 * table.lookup("coffee")?.vector.length; // 100
 */
export function parseWordVectorTable({ bytes, source = "word-vector data" }: { bytes: Uint8Array; source?: string }): WordVectorTable {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < HEADER_BYTES) {
    throw new Error(`${source} is truncated (${bytes.byteLength} bytes); ${BUILD_HINT}`);
  }
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== MAGIC) {
    throw new Error(`${source} is not a word-vector file (magic "${magic}"); ${BUILD_HINT}`);
  }
  const version = view.getUint32(4, true);
  if (version !== SUPPORTED_VERSION) {
    throw new Error(`${source} has format version ${version}, expected ${SUPPORTED_VERSION}; ${BUILD_HINT}`);
  }
  const count = view.getUint32(8, true);
  const dimensions = view.getUint32(12, true);
  const wordListBytes = view.getUint32(16, true);
  const scalesOffset = HEADER_BYTES;
  const weightsOffset = scalesOffset + 4 * count;
  const vectorsOffset = weightsOffset + 4 * count;
  const wordsOffset = vectorsOffset + count * dimensions;
  if (wordsOffset + wordListBytes !== bytes.byteLength) {
    throw new Error(`${source} has ${bytes.byteLength} bytes but its header describes ${wordsOffset + wordListBytes}; ${BUILD_HINT}`);
  }

  const quantised = new Int8Array(bytes.buffer, bytes.byteOffset + vectorsOffset, count * dimensions);
  const vectors = new Float32Array(count * dimensions);
  const weights = new Float32Array(count);
  for (let index = 0; index < count; index += 1) {
    const scale = view.getFloat32(scalesOffset + 4 * index, true);
    weights[index] = view.getFloat32(weightsOffset + 4 * index, true);
    const start = index * dimensions;
    for (let dimension = 0; dimension < dimensions; dimension += 1) {
      vectors[start + dimension] = (quantised[start + dimension] ?? 0) * scale;
    }
  }

  const words = new TextDecoder("utf-8").decode(bytes.subarray(wordsOffset, wordsOffset + wordListBytes)).split("\n");
  if (words.length !== count) {
    throw new Error(`${source} lists ${words.length} words but its header says ${count}; ${BUILD_HINT}`);
  }
  const indexByWord = new Map<string, number>();
  words.forEach((word, index) => {
    indexByWord.set(word, index);
  });

  return {
    count,
    dimensions,
    lookup(word: string): WordVectorEntry | undefined {
      const index = indexByWord.get(word);
      if (index === undefined) return undefined;
      const start = index * dimensions;
      return { vector: vectors.subarray(start, start + dimensions), weight: weights[index] ?? 1, index };
    },
  };
}

/**
 * Loads the word-vector table, once per process and path (later calls return the cached table).
 * Throws an Error telling to run `node scripts/build-word-vectors.mjs` when the file is missing.
 *
 * @example
 * const table = loadWordVectorTable();
 * const entry = table.lookup("lisbon");
 * entry?.vector.length; // 100
 */
export function loadWordVectorTable({ path = DEFAULT_WORD_VECTOR_PATH }: { path?: URL | string } = {}): WordVectorTable {
  const filePath = typeof path === "string" ? path : fileURLToPath(path);
  const cached = cache.get(filePath);
  if (cached !== undefined) return cached;
  let bytes: Buffer;
  try {
    bytes = readFileSync(filePath);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read the word-vector table at ${filePath} (${reason}); ${BUILD_HINT}`);
  }
  const table = parseWordVectorTable({ bytes, source: filePath });
  cache.set(filePath, table);
  return table;
}
