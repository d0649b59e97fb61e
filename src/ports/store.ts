import type { Episode } from "../core/domain/episode.js";
import type { Entity, EntityType, Relation } from "../core/domain/graph.js";
import type { HistoryEntry } from "../core/domain/history-entry.js";
import type { MemoryKind, MemoryRecord, MemoryStatus, StoredMemoryFields } from "../core/domain/memory-record.js";
import type { Scope } from "../core/domain/scope.js";

/** What a store can do, declared instead of probed. */
export interface StoreCapabilities {
  vector: boolean;
  fullText: boolean;
  graph: boolean;
}

/** Filters a store applies in its query language (never by loading rows into JavaScript). */
export interface MemoryFilters {
  kinds?: MemoryKind[] | undefined;
  statuses?: MemoryStatus[] | undefined;
  createdAfter?: string | undefined;
  createdBefore?: string | undefined;
  /** Only memories valid at this instant (validFrom ≤ asOf < validTo); overrides `statuses` to active + superseded. */
  asOf?: string | undefined;
  /** Equality on top-level metadata keys. */
  metadata?: Record<string, string | number | boolean> | undefined;
}

/** A memory to insert, with its index material. */
export interface NewMemory {
  memory: StoredMemoryFields;
  /** Entity ids to link. */
  entityIds: string[];
  /** Text indexed for keywords: already normalised and segmented (words separated by spaces). */
  keywordText: string;
  embedding: Float32Array;
}

/** A candidate from one retrieval channel. */
export interface ChannelHit {
  memoryId: string;
  score: number;
}

/** A candidate episode from the keyword channel over raw episodes. */
export interface EpisodeHit {
  episodeId: string;
  score: number;
}

/** Read side of a store. Every method filters by scope inside the store. */
export interface StoreReader {
  getMemory(options: { tenantId: string; id: string }): Promise<MemoryRecord | undefined>;
  /** Memories by id, in the given order; `withEntities: false` skips loading entity names (faster). */
  getMemories(options: { tenantId: string; ids: readonly string[]; withEntities?: boolean }): Promise<MemoryRecord[]>;
  listMemories(options: {
    scope: Scope;
    filters: MemoryFilters;
    limit: number;
    offset: number;
  }): Promise<{ items: MemoryRecord[]; total: number }>;
  findMemoryByHash(options: { scope: Scope; contentHash: string }): Promise<MemoryRecord | undefined>;
  /**
   * BM25 over memories; `matchExpression` is a full-text expression built by the core from quoted terms.
   * `phraseWeights` weighs some phrases of an OR expression (key: the phrase's text between the quotes; others
   * weigh 1), for example related words added to a query; a store that ranks the whole expression in one pass
   * may ignore it.
   */
  searchKeyword(options: {
    scope: Scope;
    filters: MemoryFilters;
    matchExpression: string;
    limit: number;
    phraseWeights?: Readonly<Record<string, number>>;
  }): Promise<ChannelHit[]>;
  /** Nearest memories by cosine distance (score = 1 − distance). */
  searchVector(options: { scope: Scope; filters: MemoryFilters; embedding: Float32Array; limit: number }): Promise<ChannelHit[]>;
  /**
   * BM25 over raw episodes (turns and chunks), the same expression syntax as `searchKeyword`. With `validAt`,
   * episodes whose memories were all invalid at that instant are left out (what they said was not true then).
   */
  searchEpisodeKeyword(options: {
    scope: Scope;
    matchExpression: string;
    limit: number;
    validAt?: string;
    phraseWeights?: Readonly<Record<string, number>>;
  }): Promise<EpisodeHit[]>;
  /**
   * The memories stored word for word from the given episodes (`verbatim`, text unchanged since), of the
   * statuses `filters` select (active unless given, as for every memory channel): at most one per episode.
   */
  getVerbatimMemories(options: {
    tenantId: string;
    episodeIds: readonly string[];
    filters: MemoryFilters;
  }): Promise<Array<{ episodeId: string; memoryId: string }>>;
  /**
   * Turns next to the given ones in their session (up to `window` before and after each), nearest first: the
   * turn's id, who said it (its speaker, else its role), the anchor it neighbours, the distance and the signed
   * `offset` (positive: said after the anchor). The turns themselves are loaded with getEpisodes when needed.
   */
  getNeighbourEpisodes(options: {
    scope: Scope;
    episodeIds: readonly string[];
    window: number;
    validAt?: string;
  }): Promise<Array<{ episodeId: string; speaker?: string; neighbourOf: string; distance: number; offset: number }>>;
  /**
   * Memories linked to any of the entities; score = how many of them each memory mentions (+ importance).
   * Entities mentioned by very many memories (a speaker) are ignored: they do not discriminate.
   */
  searchByEntities(options: { scope: Scope; filters: MemoryFilters; entityIds: readonly string[]; limit: number }): Promise<ChannelHit[]>;
  /**
   * Memories linked to entities of the given types (said by one of `speakers`, when given): "What activities
   * does Mel do?" → Mel's memories that mention an activity. Most recent first.
   */
  searchByEntityType(options: {
    scope: Scope;
    filters: MemoryFilters;
    types: readonly EntityType[];
    speakers?: readonly string[];
    limit: number;
  }): Promise<ChannelHit[]>;
  /** Entities one relation away from the given ones (either direction). */
  getRelatedEntityIds(options: { scope: Scope; entityIds: readonly string[]; limit: number }): Promise<string[]>;
  /**
   * Memories whose event time (or, without one, whose validity start) falls in [start, end), nearest to `near`
   * (default: the middle of the range) first.
   */
  searchByTime(options: {
    scope: Scope;
    filters: MemoryFilters;
    start: string;
    end: string;
    near?: string;
    limit: number;
  }): Promise<ChannelHit[]>;
  getHistory(options: { tenantId: string; memoryId: string }): Promise<HistoryEntry[]>;
  getEpisodes(options: { tenantId: string; ids: readonly string[] }): Promise<Episode[]>;
  listEpisodes(options: { scope: Scope; limit: number; offset: number }): Promise<Episode[]>;
  /** The most recently stored episode of a scope (for a session: its last turn so far). */
  latestEpisode(options: { scope: Scope }): Promise<Episode | undefined>;
  findEntities(options: { scope: Scope; names: readonly string[] }): Promise<Entity[]>;
  listRelations(options: { scope: Scope; entityId?: string; limit: number }): Promise<Relation[]>;
  /** Relations still valid (no `validTo`) of a subject with a predicate (and qualifier, when given), in the owner scope. */
  findCurrentRelations(options: { scope: Scope; subjectId: string; predicate: string; qualifier?: string }): Promise<Relation[]>;
  /** Relations still valid (no `validTo`) that a memory states. */
  findCurrentRelationsOfMemory(options: { tenantId: string; memoryId: string }): Promise<Relation[]>;
  /** Row counts, optionally for one tenant and one user. */
  countRows(options: { tenantId?: string; userId?: string }): Promise<StoreCounts>;
}

/** Row counts, for `stats`. */
export interface StoreCounts {
  episodes: number;
  memories: number;
  activeMemories: number;
  supersededMemories: number;
  deletedMemories: number;
  entities: number;
  relations: number;
  historyEntries: number;
}

/** Write side, only reachable inside {@link MemoryStore.transaction}. */
export interface StoreWriter extends StoreReader {
  /** Stores an episode; `contextText` (e.g. the turn it answers) is indexed too, with a lower weight. */
  insertEpisode(episode: Episode, options: { keywordText: string; contextText?: string }): Promise<void>;
  insertMemory(input: NewMemory): Promise<void>;
  /**
   * Replaces the mutable fields of a memory; `keywordText`/`embedding` re-index it when given; `entityIds`
   * replaces the entities it mentions (an entity no memory mentions or relates any more is deleted).
   */
  updateMemory(options: {
    tenantId: string;
    id: string;
    changes: Partial<
      Pick<
        MemoryRecord,
        "text" | "metadata" | "status" | "validTo" | "supersededBy" | "strength" | "importance" | "version" | "contentHash" | "updatedAt"
      >
    >;
    addSourceEpisodeIds?: readonly string[];
    keywordText?: string;
    embedding?: Float32Array;
    entityIds?: readonly string[];
  }): Promise<void>;
  appendHistory(entry: HistoryEntry & { tenantId: string }): Promise<void>;
  /**
   * Really deletes: removes text, index entries and links; wipes history texts, keeping hashes; deletes the
   * source episodes no other memory derives from.
   */
  purgeMemory(options: { tenantId: string; id: string; deletedAt: string }): Promise<void>;
  /** Deletes every episode, memory, entity and relation in the scope (history keeps tombstones). */
  purgeScope(options: {
    scope: Scope;
    deletedAt: string;
  }): Promise<{ memories: Array<{ id: string; contentHash: string }>; episodes: number }>;
  upsertEntity(entity: Entity): Promise<Entity>;
  insertRelation(relation: Relation): Promise<void>;
  /** Ends a relation's validity. */
  closeRelation(options: { tenantId: string; id: string; validTo: string }): Promise<void>;
}

/**
 * The store port. Adapters: SQLite (the embedded default; a PostgreSQL adapter is planned, not built). Every adapter must pass `defineStoreContract`.
 *
 * @example
 * await store.prepareEmbeddings({ modelId: embedder.modelId, dimensions: embedder.dimensions });
 * await store.transaction(async (writer) => writer.insertEpisode(episode, { keywordText }));
 */
export interface MemoryStore extends StoreReader {
  readonly capabilities: StoreCapabilities;
  /**
   * A number that changes when another connection or process commits to the store (SQLite `data_version`);
   * the recall cache uses it to notice writes it did not make.
   */
  externalVersion(): Promise<number>;
  /** Records the embedding model on first use; refuses another model or dimension with `EMBEDDER_MISMATCH`. */
  prepareEmbeddings(options: { modelId: string; dimensions: number }): Promise<void>;
  /** Runs `work` in one transaction: all of its writes land, or none. Transactions are serialised. */
  transaction<T>(work: (writer: StoreWriter) => Promise<T>): Promise<T>;
  /** Deletes everything of a tenant. */
  reset(options: { tenantId: string }): Promise<void>;
  /**
   * Reorganises the search indexes for reads (what that means is the adapter's: compacting indexes, refreshing
   * statistics). Changes no memory and no search result; writes wait while it runs.
   */
  optimize(): Promise<void>;
  close(): Promise<void>;
}
