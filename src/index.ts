export { createPackRegistry, loadBuiltInPacks, type PackRegistry } from "./adapters/domain-packs/index.js";
export {
  createAiSdkEmbedder,
  createAiSdkLanguageModel,
  createOpenAICompatibleEmbedder,
  createOpenAICompatibleLanguageModel,
  resolveModelSettings,
  type TrackedLanguageModel,
} from "./adapters/models/ai-sdk/index.js";
export { createDefaultEmbedder, createHashingEmbedder, createWordVectorEmbedder } from "./adapters/models/offline/index.js";
export { createSqliteAccessStore } from "./adapters/stores/sqlite/sqlite-access-store.js";
export {
  type CommonTermsSettings,
  createSqliteStore,
  defaultCommonTerms,
  type SqliteStoreOptions,
} from "./adapters/stores/sqlite/sqlite-store.js";
export { createJiebaSegmenter } from "./adapters/text/jieba-segmenter.js";
export type { Episode } from "./core/domain/episode.js";
export type { Entity, Relation } from "./core/domain/graph.js";
export type { HistoryEntry } from "./core/domain/history-entry.js";
export type { MemoryKind, MemoryRecord, MemoryStatus } from "./core/domain/memory-record.js";
export type { Scope } from "./core/domain/scope.js";
export { type CompiledVocabulary, compilePacks, type DomainPack } from "./core/domain-packs/index.js";
export {
  createMemoryEngine,
  type Memory,
  type MemoryEngineOptions,
  type MemoryStats,
} from "./core/engine/create-memory-engine.js";
export type { MemoryView } from "./core/engine/memory-view.js";
export { type ErrorCode, errorCodes, isInputError, MnemoError } from "./core/errors.js";
export * from "./core/hub/index.js";
export { defaultRecallSettings, type RecallSettings } from "./core/read/recall-settings.js";
export type { SearchResponse, SearchResult } from "./core/read/search-memories.js";
export type { AddInput, AddOptions, MessageInput } from "./core/schemas/add-input.js";
export type { DeleteAllOptions, ListOptions, UpdateInput } from "./core/schemas/list-input.js";
export type { SearchOptions } from "./core/schemas/search-input.js";
export type { AddResult, AddResultItem } from "./core/write/add-memories.js";
export { type CreateMemoryOptions, createMemory } from "./create-memory.js";
export type { AccessStore, StoredApiKey } from "./ports/access-store.js";
export type { Clock } from "./ports/clock.js";
export type { Embedder } from "./ports/embedder.js";
export type { LanguageModel } from "./ports/language-model.js";
export type { Logger } from "./ports/logger.js";
export type { Segmenter } from "./ports/segmenter.js";
export type { MemoryStore } from "./ports/store.js";
