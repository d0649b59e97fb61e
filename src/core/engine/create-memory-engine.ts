import { randomUUID } from "node:crypto";
import { type Clock, systemClock } from "../../ports/clock.js";
import type { Embedder } from "../../ports/embedder.js";
import type { LanguageModel } from "../../ports/language-model.js";
import { type Logger, silentLogger } from "../../ports/logger.js";
import type { Segmenter } from "../../ports/segmenter.js";
import type { MemoryStore, StoreCounts } from "../../ports/store.js";
import type { TokenCounter } from "../../ports/token-counter.js";
import type { HistoryEntry } from "../domain/history-entry.js";
import { defaultTenantId, type Scope, scopeOf } from "../domain/scope.js";
import type { CompiledVocabulary } from "../domain-packs/index.js";
import { MnemoError } from "../errors.js";
import { createRecallCache } from "../read/recall-cache.js";
import { defaultRecallSettings, type RecallSettings } from "../read/recall-settings.js";
import { type SearchResponse, searchMemories } from "../read/search-memories.js";
import { type AddInput, type AddOptions, addInputSchema, addOptionsSchema } from "../schemas/add-input.js";
import {
  type DeleteAllOptions,
  deleteAllOptionsSchema,
  type ListOptions,
  listOptionsSchema,
  statsOptionsSchema,
  type TenantOptions,
  tenantOptionsSchema,
  type UpdateInput,
  updateInputSchema,
} from "../schemas/list-input.js";
import { parseInput } from "../schemas/parse-input.js";
import { identifierSchema } from "../schemas/scope-input.js";
import { queryTextSchema, type SearchOptions, searchOptionsSchema } from "../schemas/search-input.js";
import { contentHash } from "../text/content-hash.js";
import { approximateTokenCounter } from "../text/count-tokens.js";
import { createIntlSegmenter } from "../text/intl-segmenter.js";
import { keywordIndexText } from "../text/keywords.js";
import { type AddResult, addMemories } from "../write/add-memories.js";
import { entitiesOfEditedText, rederiveRelations } from "../write/edit-memory.js";
import type { EngineContext } from "./engine-context.js";
import { type MemoryView, toMemoryView } from "./memory-view.js";
import { createModelUsageTotals, type ModelUsageTotals } from "./model-usage.js";

/** The parts a memory engine is built from. Only `store` and `embedder` are required. */
export interface MemoryEngineOptions {
  store: MemoryStore;
  embedder: Embedder;
  segmenter?: Segmenter;
  languageModel?: LanguageModel;
  clock?: Clock;
  logger?: Logger;
  generateId?: () => string;
  /** Overrides of the recall settings (channel weights, adjustments); see `defaultRecallSettings`. */
  recall?: { [K in keyof RecallSettings]?: K extends "weights" ? Partial<RecallSettings["weights"]> : RecallSettings[K] };
  /** Entries of the repeated-question cache (default 1000; 0 turns it off). */
  recallCacheSize?: number;
  /** Token counter for packing results into a budget (default: the approximate counter). */
  tokenCounter?: () => Promise<TokenCounter>;
  /** The domain vocabulary of a tenant (see `createPackRegistry`); none by default. */
  vocabularyFor?: (tenantId: string) => CompiledVocabulary | undefined;
}

/** Statistics of a store, for `stats`. */
export interface MemoryStats extends StoreCounts {
  embedder: { modelId: string; dimensions: number };
  segmenter: string;
  languageModel: string | null;
  /** Calls, failures, offline fallbacks, tokens and latency of the language model on the write path. */
  modelUsage: ModelUsageTotals;
}

/** The memory API (familiar to mem0 users). Every method validates its input and throws `MnemoError`. */
export interface Memory {
  add(input: AddInput, options: AddOptions): Promise<AddResult>;
  search(query: string, options: SearchOptions): Promise<SearchResponse>;
  get(id: string, options?: TenantOptions): Promise<MemoryView>;
  getAll(options: ListOptions): Promise<{ results: MemoryView[]; total: number; limit: number; offset: number }>;
  update(id: string, changes: UpdateInput, options?: TenantOptions): Promise<MemoryView>;
  delete(id: string, options?: TenantOptions): Promise<{ id: string; deleted: true }>;
  deleteAll(options: DeleteAllOptions): Promise<{ deletedMemories: number; deletedEpisodes: number }>;
  history(id: string, options?: TenantOptions): Promise<HistoryEntry[]>;
  reset(options?: { tenantId?: string }): Promise<void>;
  stats(options?: { tenantId?: string; userId?: string }): Promise<MemoryStats>;
  /**
   * Reorganises the store's search indexes for reads (after a bulk import, or from time to time on a large
   * store); no memory and no search result changes. Returns how long it took.
   */
  optimize(): Promise<{ seconds: number }>;
  close(): Promise<void>;
}

/**
 * Builds the memory engine from injected parts (the composition root `createMemory` does this for you).
 *
 * @example
 * const memory = await createMemoryEngine({ store: createSqliteStore({ path: ":memory:" }), embedder: createDefaultEmbedder() });
 * await memory.add("I moved to Lisbon last month", { userId: "u1" });
 */
export async function createMemoryEngine(options: MemoryEngineOptions): Promise<Memory> {
  await options.store.prepareEmbeddings({ modelId: options.embedder.modelId, dimensions: options.embedder.dimensions });
  const context: EngineContext = {
    store: options.store,
    embedder: options.embedder,
    segmenter: options.segmenter ?? createIntlSegmenter(),
    languageModel: options.languageModel,
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    generateId: options.generateId ?? randomUUID,
    modelUsage: createModelUsageTotals(),
    vocabularyFor: options.vocabularyFor ?? (() => undefined),
    tokenCounter: options.tokenCounter ?? (async () => approximateTokenCounter),
    recallCache: createRecallCache({ capacity: options.recallCacheSize ?? 1000 }),
    recallSettings: {
      ...defaultRecallSettings,
      ...(options.recall ?? {}),
      weights: {
        ...defaultRecallSettings.weights,
        // Vectors that only re-encode the words add noise to the keyword channels: off unless asked for.
        ...(options.embedder.lexical === true ? { vector: 0 } : {}),
        ...(options.recall?.weights ?? {}),
      },
    } as RecallSettings,
  };
  const { store } = context;

  const parseId = (id: unknown) => parseInput({ schema: identifierSchema, value: id, label: "memory id" });
  const liveMemory = async (tenantId: string, id: string) => {
    const memory = await store.getMemory({ tenantId, id });
    if (memory === undefined || memory.status === "deleted") {
      throw new MnemoError({ code: "MEMORY_NOT_FOUND", message: `Memory ${id} not found.`, details: { id } });
    }
    return memory;
  };

  return {
    async add(input, addOptions) {
      const messagesOrText = parseInput({ schema: addInputSchema, value: input, label: "add input" });
      const parsed = parseInput({ schema: addOptionsSchema, value: addOptions, label: "add options" });
      const messages = typeof messagesOrText === "string" ? [{ role: "user" as const, content: messagesOrText }] : messagesOrText;
      try {
        return await addMemories(context, { messages, options: { ...parsed, infer: parsed.infer ?? true } });
      } finally {
        context.recallCache.invalidate({ tenantId: parsed.tenantId ?? defaultTenantId, userId: parsed.userId });
      }
    },

    async search(query, searchOptions) {
      const text = parseInput({ schema: queryTextSchema, value: query, label: "query" });
      const parsed = parseInput({ schema: searchOptionsSchema, value: searchOptions ?? {}, label: "search options" });
      if (!context.recallCache.enabled) return searchMemories(context, { query: text, options: parsed });
      const storeVersion = await store.externalVersion();
      const cached = context.recallCache.get({ query: text, searchOptions: parsed, storeVersion });
      if (cached !== undefined) return { ...cached, cached: true };
      const response = await searchMemories(context, { query: text, options: parsed });
      context.recallCache.set({ query: text, searchOptions: parsed, storeVersion, response });
      return response;
    },

    async get(id, getOptions) {
      const parsed = parseInput({ schema: tenantOptionsSchema, value: getOptions ?? {}, label: "options" });
      return toMemoryView(await liveMemory(parsed.tenantId ?? defaultTenantId, parseId(id)));
    },

    async getAll(listOptions) {
      const parsed = parseInput({ schema: listOptionsSchema, value: listOptions ?? {}, label: "list options" });
      const scope: Scope = scopeOf(parsed);
      const limit = parsed.limit ?? 100;
      const offset = parsed.offset ?? 0;
      const { items, total } = await store.listMemories({ scope, filters: parsed.filters ?? {}, limit, offset });
      return { results: items.map(toMemoryView), total, limit, offset };
    },

    async update(id, changes, updateOptions) {
      const memoryId = parseId(id);
      const parsed = parseInput({ schema: updateInputSchema, value: changes, label: "update" });
      const tenant = parseInput({ schema: tenantOptionsSchema, value: updateOptions ?? {}, label: "options" });
      const tenantId = tenant.tenantId ?? defaultTenantId;
      const textEmbedding = parsed.text === undefined ? undefined : (await context.embedder.embed({ values: [parsed.text] })).embeddings[0];
      await store.transaction(async (writer) => {
        const current = await writer.getMemory({ tenantId, id: memoryId });
        if (current === undefined || current.status === "deleted") {
          throw new MnemoError({ code: "MEMORY_NOT_FOUND", message: `Memory ${memoryId} not found.`, details: { id: memoryId } });
        }
        if (parsed.version !== undefined && parsed.version !== current.version) {
          throw new MnemoError({
            code: "VERSION_CONFLICT",
            message: `Memory ${memoryId} is at version ${current.version}, not ${parsed.version}.`,
            details: { id: memoryId, currentVersion: current.version },
          });
        }
        const now = context.clock.now().toISOString();
        const text = parsed.text ?? current.text;
        const hash = contentHash(text);
        // New words name their own people, places and things: the memory's entity links follow its text.
        const entities =
          parsed.text === undefined ? undefined : await entitiesOfEditedText({ writer, context, memory: current, text: parsed.text });
        const entityIds = entities === undefined ? undefined : [...new Set([...entities.values()].map((entity) => entity.id))];
        await writer.updateMemory({
          tenantId,
          id: memoryId,
          changes: {
            text,
            contentHash: hash,
            metadata: parsed.metadata ?? current.metadata,
            version: current.version + 1,
            updatedAt: now,
          },
          ...(parsed.text === undefined ? {} : { keywordText: keywordIndexText({ text, segmenter: context.segmenter }) }),
          ...(textEmbedding === undefined ? {} : { embedding: textEmbedding }),
          ...(entityIds === undefined ? {} : { entityIds }),
        });
        if (entities !== undefined) {
          await rederiveRelations({ writer, context, memory: current, text, entities, validTo: now });
        }
        await writer.appendHistory({
          id: context.generateId(),
          tenantId,
          memoryId,
          event: "UPDATE",
          beforeText: current.text,
          afterText: text,
          beforeHash: current.contentHash,
          afterHash: hash,
          actor: tenant.actor ?? "api",
          createdAt: now,
        });
      });
      const updated = await liveMemory(tenantId, memoryId);
      context.recallCache.invalidate({ tenantId, userId: updated.userId });
      return toMemoryView(updated);
    },

    async delete(id, deleteOptions) {
      const memoryId = parseId(id);
      const tenant = parseInput({ schema: tenantOptionsSchema, value: deleteOptions ?? {}, label: "options" });
      const tenantId = tenant.tenantId ?? defaultTenantId;
      const owner = await store.transaction(async (writer) => {
        const current = await writer.getMemory({ tenantId, id: memoryId });
        if (current === undefined || current.status === "deleted") {
          throw new MnemoError({ code: "MEMORY_NOT_FOUND", message: `Memory ${memoryId} not found.`, details: { id: memoryId } });
        }
        const now = context.clock.now().toISOString();
        await writer.purgeMemory({ tenantId, id: memoryId, deletedAt: now });
        await writer.appendHistory({
          id: context.generateId(),
          tenantId,
          memoryId,
          event: "DELETE",
          beforeHash: current.contentHash,
          actor: tenant.actor ?? "api",
          createdAt: now,
        });
        return current.userId;
      });
      context.recallCache.invalidate({ tenantId, userId: owner });
      return { id: memoryId, deleted: true };
    },

    async deleteAll(deleteOptions) {
      const parsed = parseInput({ schema: deleteAllOptionsSchema, value: deleteOptions, label: "delete-all scope" });
      const scope: Scope = scopeOf(parsed);
      const result = await store.transaction(async (writer) => {
        const now = context.clock.now().toISOString();
        const purged = await writer.purgeScope({ scope, deletedAt: now });
        for (const memory of purged.memories) {
          await writer.appendHistory({
            id: context.generateId(),
            tenantId: scope.tenantId,
            memoryId: memory.id,
            event: "DELETE",
            beforeHash: memory.contentHash,
            actor: parsed.actor ?? "api",
            reason: "delete-all",
            createdAt: now,
          });
        }
        return { deletedMemories: purged.memories.length, deletedEpisodes: purged.episodes };
      });
      context.recallCache.invalidate({ tenantId: scope.tenantId, userId: scope.userId });
      return result;
    },

    async history(id, historyOptions) {
      const memoryId = parseId(id);
      const tenant = parseInput({ schema: tenantOptionsSchema, value: historyOptions ?? {}, label: "options" });
      const tenantId = tenant.tenantId ?? defaultTenantId;
      const entries = await store.getHistory({ tenantId, memoryId });
      if (entries.length === 0) {
        throw new MnemoError({ code: "MEMORY_NOT_FOUND", message: `Memory ${memoryId} not found.`, details: { id: memoryId } });
      }
      return entries;
    },

    async reset(resetOptions) {
      const tenant = parseInput({ schema: tenantOptionsSchema, value: resetOptions ?? {}, label: "options" });
      context.recallCache.invalidate({ tenantId: tenant.tenantId ?? defaultTenantId });
      await store.reset({ tenantId: tenant.tenantId ?? defaultTenantId });
    },

    async stats(statsOptions) {
      const tenant = parseInput({ schema: statsOptionsSchema, value: statsOptions ?? {}, label: "options" });
      const counts = await store.countRows({
        ...(tenant.tenantId === undefined ? {} : { tenantId: tenant.tenantId }),
        ...(tenant.userId === undefined ? {} : { userId: tenant.userId }),
      });
      return {
        ...counts,
        embedder: { modelId: context.embedder.modelId, dimensions: context.embedder.dimensions },
        segmenter: context.segmenter.name,
        languageModel: context.languageModel?.modelId ?? null,
        modelUsage: { ...context.modelUsage, latencyMs: Math.round(context.modelUsage.latencyMs) },
      };
    },

    async optimize() {
      const started = performance.now();
      await store.optimize();
      return { seconds: Number(((performance.now() - started) / 1000).toFixed(3)) };
    },

    async close() {
      await store.close();
    },
  };
}
