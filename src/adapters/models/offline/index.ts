import type { Embedder } from "../../../ports/embedder.js";
import { createWordVectorEmbedder } from "./word-vector-embedder.js";

export { createHashingEmbedder } from "./hashing-embedder.js";
export { createWordVectorEmbedder } from "./word-vector-embedder.js";
export { loadWordVectorTable, type WordVectorEntry, type WordVectorTable } from "./word-vector-table.js";

/**
 * Creates the default offline embedder: word vectors (100-d) plus a 256-d hashing block,
 * model id `mnemo-wv100-hash256-v1`, 356 dimensions.
 *
 * @example
 * const embedder = createDefaultEmbedder();
 * const { embeddings } = await embedder.embed({ values: ["Where does the user live?"] });
 * embeddings[0]?.length === embedder.dimensions; // true
 */
export function createDefaultEmbedder(): Embedder {
  return createWordVectorEmbedder();
}
