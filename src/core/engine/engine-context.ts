import type { Clock } from "../../ports/clock.js";
import type { Embedder } from "../../ports/embedder.js";
import type { LanguageModel } from "../../ports/language-model.js";
import type { Logger } from "../../ports/logger.js";
import type { Segmenter } from "../../ports/segmenter.js";
import type { MemoryStore } from "../../ports/store.js";
import type { TokenCounter } from "../../ports/token-counter.js";
import type { CompiledVocabulary } from "../domain-packs/index.js";
import type { RecallCache } from "../read/recall-cache.js";
import type { RecallSettings } from "../read/recall-settings.js";
import type { ModelUsageTotals } from "./model-usage.js";

/** The injected parts every pipeline works with. */
export interface EngineContext {
  store: MemoryStore;
  embedder: Embedder;
  segmenter: Segmenter;
  languageModel: LanguageModel | undefined;
  clock: Clock;
  logger: Logger;
  generateId: () => string;
  /** The domain vocabulary (packs) of a tenant, when packs are configured. */
  vocabularyFor: (tenantId: string) => CompiledVocabulary | undefined;
  /** Repeated-question cache of recalls. */
  recallCache: RecallCache;
  /** Recall weights and adjustments (see `defaultRecallSettings`). */
  recallSettings: RecallSettings;
  /** The token counter for packing (loaded on first use). */
  tokenCounter: () => Promise<TokenCounter>;
  /** Language-model calls made by the write path (for `stats`). */
  modelUsage: ModelUsageTotals;
}
