export { defineStoreContract } from "./define-store-contract.js";
export { createFakeEmbedder } from "./fake-embedder.js";
