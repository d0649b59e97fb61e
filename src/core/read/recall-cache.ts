import type { SearchOptions } from "../schemas/search-input.js";
import { normalizeText } from "../text/content-hash.js";
import type { SearchResponse } from "./search-memories.js";

/**
 * The repeated-question cache: the same normalised query with the same options in the same scope reuses the
 * previous recall until a write touches that scope (or another process changes the store). Bounded; the
 * least recently used entry goes first.
 */
export interface RecallCache {
  get(options: { query: string; searchOptions: SearchOptions; storeVersion: number }): SearchResponse | undefined;
  set(options: { query: string; searchOptions: SearchOptions; storeVersion: number; response: SearchResponse }): void;
  /** Forgets every entry of the tenant that a write to `userId` could change (all of the tenant's when no user is named). */
  invalidate(options: { tenantId: string; userId?: string | undefined }): void;
  readonly size: number;
  /** False when the capacity is 0: nothing is ever remembered, so callers need not ask. */
  readonly enabled: boolean;
}

/**
 * Normalises a query for the cache, as duplicates are normalised ({@link normalizeText}).
 *
 * @example
 * normalizeQuery("  Where does she LIVE?? "); // "where does she live"
 */
export function normalizeQuery(query: string): string {
  return normalizeText(query);
}

interface Entry {
  tenantId: string;
  userId: string | undefined;
  storeVersion: number;
  response: SearchResponse;
}

/**
 * Creates a recall cache.
 *
 * @example
 * const cache = createRecallCache({ capacity: 1000 });
 */
export function createRecallCache(options: { capacity: number }): RecallCache {
  const entries = new Map<string, Entry>();
  const keyOf = (query: string, searchOptions: SearchOptions) => {
    const sorted = Object.fromEntries(Object.entries(searchOptions).sort(([left], [right]) => left.localeCompare(right)));
    return JSON.stringify([normalizeQuery(query), sorted]);
  };
  return {
    get({ query, searchOptions, storeVersion }) {
      const key = keyOf(query, searchOptions);
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      if (entry.storeVersion !== storeVersion) return undefined;
      entries.set(key, entry);
      return entry.response;
    },
    set({ query, searchOptions, storeVersion, response }) {
      if (options.capacity <= 0) return;
      const key = keyOf(query, searchOptions);
      entries.delete(key);
      entries.set(key, { tenantId: searchOptions.tenantId ?? "default", userId: searchOptions.userId, storeVersion, response });
      while (entries.size > options.capacity) entries.delete(entries.keys().next().value ?? "");
    },
    invalidate({ tenantId, userId }) {
      for (const [key, entry] of entries) {
        if (entry.tenantId !== tenantId) continue;
        if (userId === undefined || entry.userId === undefined || entry.userId === userId) entries.delete(key);
      }
    },
    get size() {
      return entries.size;
    },
    enabled: options.capacity > 0,
  };
}
