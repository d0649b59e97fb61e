import { createPackRegistry } from "./adapters/domain-packs/index.js";
import {
  createOpenAICompatibleEmbedder,
  createOpenAICompatibleLanguageModel,
  resolveModelSettings,
} from "./adapters/models/ai-sdk/index.js";
import { createDefaultEmbedder } from "./adapters/models/offline/index.js";
import { createSqliteStore } from "./adapters/stores/sqlite/sqlite-store.js";
import { createJiebaSegmenter } from "./adapters/text/jieba-segmenter.js";
import { loadTiktokenCounter } from "./adapters/text/tiktoken-counter.js";
import { createMemoryEngine, type Memory, type MemoryEngineOptions } from "./core/engine/create-memory-engine.js";
import type { Embedder } from "./ports/embedder.js";
import type { MemoryStore } from "./ports/store.js";

/** Options of {@link createMemory}: a database path, or injected parts. */
export interface CreateMemoryOptions extends Partial<Omit<MemoryEngineOptions, "store" | "embedder">> {
  /** SQLite file (default: `MNEMO_DB` or `./mnemo.db`; `:memory:` for a throwaway store). Ignored when `store` is given. */
  path?: string;
  store?: MemoryStore;
  /** Default: the offline word-vector + hashing embedder shipped with Mnemo. */
  embedder?: Embedder;
  /**
   * Domain packs (built-in: medical, finance, ecommerce, education) for everyone and per tenant; default from
   * `MNEMO_DOMAIN_PACKS` (comma-separated ids). They type entities, weigh sentiment and expand queries.
   */
  domainPacks?: { defaultPacks?: string[]; tenantPacks?: Record<string, string[]> };
}

/**
 * Creates a memory on the embedded default: a SQLite file, the offline embedder and jieba for Chinese.
 * No API key, no server, no download. When `MNEMO_EMBEDDING_MODEL` / `MNEMO_CHAT_MODEL` (with `MNEMO_BASE_URL`,
 * `MNEMO_API_KEY`) name an OpenAI-compatible endpoint, that embedder / language model is used instead.
 *
 * @example
 * import { createMemory } from "mnemo";
 * const memory = await createMemory({ path: "./mnemo.db" });
 * await memory.add([{ role: "user", content: "I moved to Lisbon last month" }], { userId: "u1", timestamp: "2024-05-08T13:56:00Z" });
 * const { results } = await memory.search("Where does the user live?", { userId: "u1", topK: 5 });
 */
export async function createMemory(options: CreateMemoryOptions = {}): Promise<Memory> {
  const store = options.store ?? createSqliteStore({ path: options.path ?? process.env.MNEMO_DB ?? "./mnemo.db" });
  try {
    const embeddingSettings = options.embedder === undefined ? resolveModelSettings({ kind: "embedding" }) : undefined;
    const chatSettings = options.languageModel === undefined ? resolveModelSettings({ kind: "chat" }) : undefined;
    const languageModel =
      options.languageModel ?? (chatSettings === undefined ? undefined : createOpenAICompatibleLanguageModel(chatSettings));
    const packsFromEnvironment = (process.env.MNEMO_DOMAIN_PACKS ?? "")
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== "");
    const domainPacks = options.domainPacks ?? (packsFromEnvironment.length > 0 ? { defaultPacks: packsFromEnvironment } : undefined);
    const registry = domainPacks === undefined ? undefined : await createPackRegistry(domainPacks);
    const { domainPacks: _domainPacks, ...engineOptions } = options;
    return await createMemoryEngine({
      ...engineOptions,
      ...(registry === undefined ? {} : { vocabularyFor: (tenantId: string) => registry.vocabularyFor(tenantId) }),
      store,
      embedder:
        options.embedder ?? (embeddingSettings === undefined ? createDefaultEmbedder() : createOpenAICompatibleEmbedder(embeddingSettings)),
      segmenter: options.segmenter ?? (await createJiebaSegmenter()),
      tokenCounter: options.tokenCounter ?? loadTiktokenCounter,
      recallCacheSize: options.recallCacheSize ?? recallCacheSizeFromEnvironment(),
      ...(languageModel === undefined ? {} : { languageModel }),
    });
  } catch (error) {
    if (options.store === undefined) await store.close();
    throw error;
  }
}

/** `MNEMO_RECALL_CACHE_SIZE` (entries of the repeated-question cache; 0 turns it off), default 1000. */
function recallCacheSizeFromEnvironment(): number {
  const text = process.env.MNEMO_RECALL_CACHE_SIZE?.trim() ?? "";
  const value = Number(text === "" ? "1000" : text);
  return Number.isInteger(value) && value >= 0 ? value : 1000;
}
