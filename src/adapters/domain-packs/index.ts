/** Loading domain packs from JSON files (the built-in `packs/` folder or any folder) and choosing them per tenant. */
export { builtInPacksDirectory, listPackIds, loadBuiltInPacks, loadPackFile, loadPacks } from "./load-packs.js";
export { createPackRegistry, type PackRegistry } from "./pack-registry.js";
