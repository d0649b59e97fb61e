import type Database from "better-sqlite3";
import type { Episode } from "../../../core/domain/episode.js";
import type { Entity, EntityType, Relation } from "../../../core/domain/graph.js";
import type { HistoryEntry, HistoryEvent } from "../../../core/domain/history-entry.js";
import type { MemoryKind, MemoryRecord, MemoryStatus, ProvenanceSourceType, TrustLevel } from "../../../core/domain/memory-record.js";
import type { Scope } from "../../../core/domain/scope.js";
import { MnemoError } from "../../../core/errors.js";
import type {
  ChannelHit,
  EpisodeHit,
  MemoryFilters,
  MemoryStore,
  NewMemory,
  StoreCapabilities,
  StoreCounts,
  StoreWriter,
} from "../../../ports/store.js";
import { type EpisodeValidity, episodeValidAt, episodeValidityColumns, validAt, validityOf } from "./episode-validity.js";
import { nearTerms } from "./near-terms.js";
import { openDatabase } from "./open-database.js";
import { createRememberedChecks } from "./remembered-checks.js";
import { createRememberedCounts, sameMark, type WriteMark } from "./remembered-counts.js";
import { createRememberedRecords } from "./remembered-records.js";
import { createRememberedResults } from "./remembered-results.js";
import { createRememberedRows, type PhraseRows } from "./remembered-rows.js";
import { prefixKeywords, prefixMatchExpression, userKeywordPrefix } from "./scoped-keywords.js";
import { createStatementCache } from "./statement-cache.js";
import { storeFailure } from "./store-failure.js";
import { type EpisodeRow, episodeColumns, episodeRowOf, type MemoryRow, memoryColumns, memoryRowOf } from "./table-rows.js";

type Parameter = string | number | bigint | null | Buffer | Float32Array;

/** A turn next to an anchor turn (see getNeighbourEpisodes), nearest first, later first at one distance. */
interface Neighbour {
  episodeId: string;
  speaker: string | null;
  offset: number;
  validity: EpisodeValidity;
}

/** What checking a row found (see #checkedInOrder): its id, and for an episode its validity. */
interface RowCheck {
  id: string;
  validity?: EpisodeValidity;
}

/** Rows of a scope ranking, best first: row ids and their scores, position by position. */
type RankedRows = PhraseRows;

/** What a memory's links add to its row: source episodes, their external ids and speakers, entity names. */
interface MemoryLinks {
  sourceEpisodeIds: string[];
  sources: string[];
  speakers: string[];
  entities: string[];
}

function optional<K extends string, V>(key: K, value: V | null | ""): { [P in K]?: V } {
  return (value === null || value === "" ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The scope columns of a row as domain fields ("" means not set). */
function rowScope(row: { tenant_id: string; user_id: string; agent_id: string; session_id: string }): Scope {
  return {
    tenantId: row.tenant_id,
    ...optional("userId", row.user_id),
    ...optional("agentId", row.agent_id),
    ...optional("sessionId", row.session_id),
  };
}

function toMemory(row: MemoryRow, links: MemoryLinks): MemoryRecord {
  return {
    id: row.id,
    ...rowScope(row),
    text: row.text,
    kind: row.kind as MemoryKind,
    language: row.language,
    sourceEpisodeIds: links.sourceEpisodeIds,
    sources: links.sources,
    speakers: links.speakers,
    entities: links.entities,
    ...optional("validFrom", row.valid_from),
    ...optional("validTo", row.valid_to),
    ...optional("eventStart", row.event_start),
    ...optional("eventEnd", row.event_end),
    importance: row.importance,
    emotionScore: row.emotion_score,
    emotionIntensity: row.emotion_intensity,
    strength: row.strength,
    accessCount: row.access_count,
    ...optional("lastAccessedAt", row.last_accessed_at),
    status: row.status as MemoryStatus,
    sourceType: row.source_type as ProvenanceSourceType,
    trust: row.trust as TrustLevel,
    version: row.version,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    contentHash: row.content_hash,
    ...(row.verbatim === 1 ? { verbatim: true } : {}),
    ...optional("supersededBy", row.superseded_by),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Full-text searches rank this many times `limit` rows before checking scope and filters on them. */
const overFetch = 2;

/**
 * Ranked in JavaScript, this many times `limit` of the best rows are checked against scope and filters first
 * (nearly all pass: the words are the user's own); the rest only when too few passed.
 */
const firstChecked = 1.25;

/** BM25 weight of an episode's context column (the turn it answers) relative to its own words. */
const contextWeight = 0.35;

/** A stand-in for a misspelt word of the query weighs this much of the word (see #nearTermsOf). */
const correctionWeight = 0.7;

/** Rows of a word checked for the searching tenant's before the word is taken for a slip (see #writtenInTenant). */
const writtenCheckRows = 5_000;

/**
 * Vectors per sqlite-vec storage chunk. Each user partition allocates whole chunks, so the default of 1,024
 * made a user with 10 memories cost 1.4 MB; 64 keeps small users small and their searches fast, for ~10% more
 * time on a 20,000-vector user (`npm run bench:vector-chunks`). Tables created before keep their size.
 */
const vectorChunkSize = 64;

/** A quoted full-text phrase (a quote inside is doubled). */
const quotedPhrase = `"[^"]*(?:""[^"]*)*"`;

/** Relations with the ids of their subject, object and memory, as `toRelation` reads them. */
const relationRows = `SELECT r.*, s.id AS subject_id, o.id AS object_id, mm.id AS memory_id FROM relations r
  JOIN entities s ON s.seq = r.subject_seq LEFT JOIN entities o ON o.seq = r.object_seq
  LEFT JOIN memories mm ON mm.seq = r.memory_seq`;
/** A full-text expression made only of quoted phrases joined by OR (at least two). */
const orOfPhrases = new RegExp(`^${quotedPhrase}(?: OR ${quotedPhrase})+$`);
/** A full-text expression made only of quoted phrases joined by OR (one or more). */
const phrasesOnly = new RegExp(`^${quotedPhrase}(?: OR ${quotedPhrase})*$`);
/** The quoted phrases of an expression, in order. */
const phrasesOf = (expression: string): string[] => expression.match(new RegExp(quotedPhrase, "g")) ?? [];

/**
 * Reads an SQLite varint (big-endian, 7 bits a byte while the high bit is set; a ninth byte gives 8 bits),
 * the integers of FTS5's records.
 */
function readVarint(bytes: Uint8Array): number {
  let value = 0;
  for (let index = 0; index < 9 && index < bytes.length; index += 1) {
    const byte = bytes[index] ?? 0;
    if (index === 8) return value * 256 + byte;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return value;
  }
  return value;
}

/** When full-text searches leave out common words (see `SqliteStoreOptions.commonTerms`). */
export interface CommonTermsSettings {
  /**
   * A user's scope with fewer rows than this is ranked with its own word statistics, phrase by phrase (a word
   * in more than half of its rows weighs nothing); larger scopes rank with FTS5's bm25() and leave out common words.
   */
  minimumRows: number;
  /** In larger scopes, a word in more than this share of the scope's rows is left out (1 keeps every word). */
  fraction: number;
}

/** Defaults: scopes of 20,000 rows or more leave out words found in more than 10% of their rows. */
export const defaultCommonTerms: CommonTermsSettings = { minimumRows: 20_000, fraction: 0.1 };

/** An entity mentioned by more memories than this (a speaker, the user) says nothing about relevance. */
const maximumEntityMentions = 200;

/**
 * A full-text expression for a scope: with a user, the user's prefixed words in the prefixed columns (only
 * that user's posting lists are read); without one, the plain columns.
 */
function scopedMatch(scope: Scope, matchExpression: string, columns: { scoped: string; plain: string }): string {
  if (scope.userId === undefined) return `{${columns.plain}} : (${matchExpression})`;
  const prefix = userKeywordPrefix({ tenantId: scope.tenantId, userId: scope.userId });
  return `{${columns.scoped}} : (${prefixMatchExpression({ prefix, expression: matchExpression })})`;
}

const memoryColumnsOfText = { scoped: "keywords", plain: "plain" };
const episodeColumnsOfText = { scoped: "keywords context", plain: "plain plain_context" };

function toEpisode(row: EpisodeRow): Episode {
  return {
    id: row.id,
    ...rowScope(row),
    sourceType: row.source_type as Episode["sourceType"],
    ...optional("role", row.role),
    ...optional("speaker", row.speaker),
    content: row.content,
    language: row.language,
    ...optional("externalId", row.external_id),
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    emotionScore: row.emotion_score,
    emotionIntensity: row.emotion_intensity,
    contentHash: row.content_hash,
  };
}

/** SQL conditions for a scope on the table aliased `alias`. */
function scopeClause(scope: Scope, alias: string, options: { session?: boolean } = {}): { sql: string; parameters: Parameter[] } {
  const parts = [`${alias}.tenant_id = ?`];
  const parameters: Parameter[] = [scope.tenantId];
  if (scope.userId !== undefined) {
    parts.push(`${alias}.user_id = ?`);
    parameters.push(scope.userId);
  }
  if (scope.visibleAgentIds !== undefined) {
    parts.push(`${alias}.agent_id IN (SELECT value FROM json_each(?))`);
    parameters.push(JSON.stringify(scope.visibleAgentIds));
  } else if (scope.agentId !== undefined) {
    parts.push(`${alias}.agent_id = ?`);
    parameters.push(scope.agentId);
  }
  if (scope.sessionId !== undefined && options.session !== false) {
    parts.push(`${alias}.session_id = ?`);
    parameters.push(scope.sessionId);
  }
  return { sql: parts.join(" AND "), parameters };
}

function effectiveStatuses(filters: MemoryFilters): MemoryStatus[] {
  if (filters.asOf !== undefined) return ["active", "superseded"];
  return filters.statuses ?? ["active"];
}

/** SQL conditions for memory filters on alias `m` (status, kind, dates, validity, metadata). */
function filterClause(filters: MemoryFilters): { sql: string; parameters: Parameter[] } {
  const parts: string[] = [];
  const parameters: Parameter[] = [];
  const statuses = effectiveStatuses(filters);
  parts.push(`m.status IN (${statuses.map(() => "?").join(", ")})`);
  parameters.push(...statuses);
  if (filters.kinds !== undefined && filters.kinds.length > 0) {
    parts.push(`m.kind IN (${filters.kinds.map(() => "?").join(", ")})`);
    parameters.push(...filters.kinds);
  }
  if (filters.createdAfter !== undefined) {
    parts.push("m.created_at >= ?");
    parameters.push(filters.createdAfter);
  }
  if (filters.createdBefore !== undefined) {
    parts.push("m.created_at < ?");
    parameters.push(filters.createdBefore);
  }
  if (filters.asOf !== undefined) {
    parts.push("(m.valid_from IS NULL OR m.valid_from <= ?) AND (m.valid_to IS NULL OR m.valid_to > ?)");
    parameters.push(filters.asOf, filters.asOf);
  }
  for (const [key, value] of Object.entries(filters.metadata ?? {})) {
    parts.push("json_extract(m.metadata, ?) = ?");
    parameters.push(`$."${key.replaceAll('"', "")}"`, typeof value === "boolean" ? (value ? 1 : 0) : value);
  }
  return { sql: parts.join(" AND "), parameters };
}

/**
 * The embedded SQLite store: better-sqlite3 in WAL mode with `synchronous=FULL`, FTS5 for keywords and
 * sqlite-vec for vectors. Scope and filters are applied inside SQL.
 *
 * @example
 * const store = createSqliteStore({ path: "./mnemo.db" });
 * const memory = await createMemory({ store, embedder, segmenter });
 */
export function createSqliteStore(options: SqliteStoreOptions): MemoryStore {
  const maxDatabaseBytes = options.maxDatabaseBytes;
  if (maxDatabaseBytes !== undefined && (!Number.isSafeInteger(maxDatabaseBytes) || maxDatabaseBytes < 1)) {
    throw new MnemoError({ code: "INPUT_INVALID", message: "maxDatabaseBytes must be a positive whole number of bytes." });
  }
  const database = openDatabase({ path: options.path });
  let maxPages: number | undefined;
  if (maxDatabaseBytes !== undefined) {
    const pageSize = database.pragma("page_size", { simple: true }) as number;
    maxPages = Math.max(1, Math.floor(maxDatabaseBytes / pageSize));
    database.pragma(`max_page_count = ${maxPages}`);
  }
  return new SqliteStore(database, {
    commonTerms: { ...defaultCommonTerms, ...(options.commonTerms ?? {}) },
    keywordCoordination: options.keywordCoordination ?? defaultKeywordCoordination,
    ...(maxPages === undefined ? {} : { maxPages }),
  });
}

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  path: string;
  /**
   * Largest size the database file may grow to, in bytes (SQLite's `max_page_count`; the WAL is not counted).
   * A write that would pass it fails with `STORE_FULL` and writes nothing, as on a full disk; space that
   * deletions free inside the file is used again. Default: no limit but the disk's.
   */
  maxDatabaseBytes?: number;
  /**
   * Speed against recall in very large scopes: BM25 gives a word found in many rows little weight, but FTS5
   * reads and scores its whole posting list on every query. Measured with `npm run bench:speed` at 100,000
   * memories in one scope; see {@link defaultCommonTerms}.
   */
  commonTerms?: Partial<CommonTermsSettings>;
  /**
   * Coordination in a user's scope under `commonTerms.minimumRows` rows: a row's keyword score is multiplied by
   * 1 + `keywordCoordination` × the share of the query's own words (not related words added by expansion) it
   * contains, so a row that says more of what was asked ranks above one that repeats a single word. Default
   * {@link defaultKeywordCoordination}; 0 turns it off.
   */
  keywordCoordination?: number;
}

/**
 * Default coordination (see SqliteStoreOptions.keywordCoordination). On LoCoMo 0.25 moved NDCG@10 0.618 → 0.622
 * and Recall@10 0.766 → 0.767 (each half: NDCG +0.004 / +0.004, R@10 0 / +0.003); 0.5 / 1 / 2 gave Recall@10
 * 0.768 / 0.766 / 0.765 with hit@512 and tok@512 below 0.25's.
 */
export const defaultKeywordCoordination = 0.25;

class SqliteStore implements MemoryStore, StoreWriter {
  readonly capabilities: StoreCapabilities = { vector: true, fullText: true, graph: true };
  #database: Database.Database;
  #queue: Promise<unknown> = Promise.resolve();
  #dimensions: number | undefined;
  #closed = false;
  #insideTransaction = false;
  /** Prepared statements, cached by SQL text. */
  readonly #prepare: (sql: string) => Database.Statement;
  readonly #commonTerms: CommonTermsSettings;
  readonly #keywordCoordination: number;

  /** The page limit set by `maxDatabaseBytes`, if any. */
  readonly #maxPages: number | undefined;

  constructor(database: Database.Database, settings: { commonTerms: CommonTermsSettings; keywordCoordination: number; maxPages?: number }) {
    this.#database = database;
    this.#maxPages = settings.maxPages;
    this.#prepare = createStatementCache(database);
    this.#commonTerms = settings.commonTerms;
    this.#keywordCoordination = settings.keywordCoordination;
    const stored = this.#meta("embedding_dimensions");
    this.#dimensions = stored === undefined ? undefined : Number(stored);
  }

  #meta(key: string): string | undefined {
    const row = this.#prepare("SELECT value FROM mnemo_meta WHERE key = ?").get(key) as { value: string } | undefined;
    return row?.value;
  }

  /**
   * Is the file at its size limit (`maxDatabaseBytes`): too close to it for one more vector chunk? sqlite-vec
   * reports a chunk it could not allocate as its own error, not as SQLITE_FULL.
   */
  #atSizeLimit(): boolean {
    if (this.#maxPages === undefined) return false;
    try {
      const pages = this.#database.pragma("page_count", { simple: true }) as number;
      const pageSize = this.#database.pragma("page_size", { simple: true }) as number;
      const chunkPages = Math.ceil(((this.#dimensions ?? 0) * 4 * vectorChunkSize) / pageSize) + 8;
      return pages + chunkPages >= this.#maxPages;
    } catch {
      // A connection too broken to say is reported by the failure itself (STORE_FAILED).
      return false;
    }
  }

  #run<T>(work: () => T): T {
    if (this.#closed) throw new MnemoError({ code: "STORE_FAILED", message: "The store is closed." });
    try {
      return work();
    } catch (error) {
      throw storeFailure({ error, what: "The store", full: this.#atSizeLimit() });
    }
  }

  #requireWriter(): void {
    if (!this.#insideTransaction) {
      throw new MnemoError({ code: "INTERNAL", message: "Store writes must run inside store.transaction()." });
    }
  }

  async externalVersion(): Promise<number> {
    return this.#run(() => this.#database.pragma("data_version", { simple: true }) as number);
  }

  async prepareEmbeddings(options: { modelId: string; dimensions: number }): Promise<void> {
    this.#run(() => {
      const modelId = this.#meta("embedding_model");
      const dimensions = this.#meta("embedding_dimensions");
      if (modelId !== undefined && (modelId !== options.modelId || Number(dimensions) !== options.dimensions)) {
        throw new MnemoError({
          code: "EMBEDDER_MISMATCH",
          message: `This database holds vectors of "${modelId}" (${dimensions} dimensions); the configured embedder is "${options.modelId}" (${options.dimensions}). Use the same embedder or a new database.`,
          details: {
            storedModel: modelId,
            storedDimensions: Number(dimensions),
            configuredModel: options.modelId,
            configuredDimensions: options.dimensions,
          },
        });
      }
      if (modelId !== undefined) return;
      if (!Number.isInteger(options.dimensions) || options.dimensions < 1 || options.dimensions > 8192) {
        throw new MnemoError({ code: "INPUT_INVALID", message: `Invalid embedding dimension ${options.dimensions}.` });
      }
      this.#database
        .transaction(() => {
          this.#database.exec(`CREATE VIRTUAL TABLE memory_vectors USING vec0(
            memory_seq INTEGER PRIMARY KEY,
            tenant_id TEXT PARTITION KEY,
            user_id TEXT PARTITION KEY,
            agent_id TEXT,
            session_id TEXT,
            status TEXT,
            kind TEXT,
            embedding FLOAT[${options.dimensions}] distance_metric=cosine,
            chunk_size=${vectorChunkSize}
          )`);
          const insert = this.#prepare("INSERT INTO mnemo_meta (key, value) VALUES (?, ?)");
          insert.run("embedding_model", options.modelId);
          insert.run("embedding_dimensions", String(options.dimensions));
        })
        .immediate();
      this.#dimensions = options.dimensions;
      this.#forgetMark();
    });
  }

  async transaction<T>(work: (writer: StoreWriter) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.#run(() => this.#database.exec("BEGIN IMMEDIATE"));
      this.#insideTransaction = true;
      this.#forgetMark();
      try {
        const result = await work(this);
        this.#run(() => this.#database.exec("COMMIT"));
        return result;
      } catch (error) {
        if (this.#database.inTransaction) this.#database.exec("ROLLBACK");
        throw error;
      } finally {
        this.#insideTransaction = false;
        this.#forgetMark();
      }
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Memories from their rows, with what their links add: source episodes (in order), their external ids,
   * their distinct speakers and, unless left out, the names of linked entities — two queries for all rows.
   */
  #withLinks(rows: readonly MemoryRow[], options: { entities?: boolean } = {}): MemoryRecord[] {
    if (rows.length === 0) return [];
    const seqs = JSON.stringify(rows.map((row) => row.seq));
    const emptyLinks = (): MemoryLinks => ({ sourceEpisodeIds: [], sources: [], speakers: [], entities: [] });
    const links = new Map<number, MemoryLinks>(rows.map((row) => [row.seq, emptyLinks()]));
    const sourceRows = this.#prepare(`SELECT s.memory_seq, e.id, e.external_id, e.speaker
        FROM json_each(?) AS wanted CROSS JOIN memory_sources s ON s.memory_seq = wanted.value JOIN episodes e ON e.seq = s.episode_seq
        ORDER BY s.memory_seq, e.seq`)
      .raw(true)
      .all(seqs) as Array<[memorySeq: number, id: string, externalId: string | null, speaker: string | null]>;
    for (const [memorySeq, id, externalId, speaker] of sourceRows) {
      const link = links.get(memorySeq);
      if (link === undefined) continue;
      link.sourceEpisodeIds.push(id);
      if (externalId !== null) link.sources.push(externalId);
      if (speaker !== null && !link.speakers.includes(speaker)) link.speakers.push(speaker);
    }
    if (options.entities !== false) {
      const entityRows = this.#prepare(`SELECT x.memory_seq AS memorySeq, n.name AS name
          FROM json_each(?) AS wanted CROSS JOIN memory_entities x ON x.memory_seq = wanted.value JOIN entities n ON n.seq = x.entity_seq
          ORDER BY x.memory_seq, n.seq`).all(seqs) as Array<{ memorySeq: number; name: string }>;
      for (const entity of entityRows) links.get(entity.memorySeq)?.entities.push(entity.name);
    }
    return rows.map((row) => toMemory(row, links.get(row.seq) ?? emptyLinks()));
  }

  async getMemory(options: { tenantId: string; id: string }): Promise<MemoryRecord | undefined> {
    return this.#run(() => {
      const row = this.#prepare("SELECT m.* FROM memories m WHERE m.tenant_id = ? AND m.id = ?").get(options.tenantId, options.id) as
        | MemoryRow
        | undefined;
      return row === undefined ? undefined : this.#withLinks([row])[0];
    });
  }

  async getMemories(options: { tenantId: string; ids: readonly string[]; withEntities?: boolean }): Promise<MemoryRecord[]> {
    if (options.ids.length === 0) return [];
    return this.#run(() => {
      const read = (ids: readonly string[]) => {
        const rows = (
          this.#prepare(
            `SELECT ${memoryColumns("m")} FROM json_each(?) AS wanted CROSS JOIN memories m ON m.id = wanted.value WHERE m.tenant_id = ?`,
          )
            .raw(true)
            .all(JSON.stringify(ids), options.tenantId) as unknown[][]
        ).map(memoryRowOf);
        return this.#withLinks(rows, { entities: options.withEntities !== false });
      };
      // Memories without entity names are remembered (the search path reads them so).
      const found =
        options.withEntities !== false
          ? new Map(read(options.ids).map((memory) => [memory.id, memory]))
          : this.#rememberedById({ remembered: this.#rememberedMemories, ids: options.ids, read });
      return options.ids.flatMap((id) => {
        const memory = found.get(id);
        return memory === undefined || memory.tenantId !== options.tenantId ? [] : [memory];
      });
    });
  }

  async listMemories(options: { scope: Scope; filters: MemoryFilters; limit: number; offset: number }) {
    return this.#run(() => {
      const scope = scopeClause(options.scope, "m");
      const filters = filterClause(options.filters);
      const where = `${scope.sql} AND ${filters.sql}`;
      const parameters = [...scope.parameters, ...filters.parameters];
      const total = (this.#prepare(`SELECT count(*) AS n FROM memories m WHERE ${where}`).get(...parameters) as { n: number }).n;
      const rows = this.#prepare(`SELECT m.* FROM memories m WHERE ${where} ORDER BY m.created_at DESC, m.seq DESC LIMIT ? OFFSET ?`).all(
        ...parameters,
        options.limit,
        options.offset,
      ) as MemoryRow[];
      return { items: this.#withLinks(rows), total };
    });
  }

  async findMemoryByHash(options: { scope: Scope; contentHash: string }): Promise<MemoryRecord | undefined> {
    return this.#run(() => {
      const scope = scopeClause(options.scope, "m");
      const row = this.#prepare(`SELECT m.* FROM memories m WHERE ${scope.sql} AND m.content_hash = ? AND m.status = 'active'
          AND m.user_id = ? AND m.agent_id = ? ORDER BY m.seq LIMIT 1`).get(
        ...scope.parameters,
        options.contentHash,
        options.scope.userId ?? "",
        options.scope.agentId ?? "",
      ) as MemoryRow | undefined;
      return row === undefined ? undefined : this.#withLinks([row])[0];
    });
  }

  /**
   * Row counts of scopes. A remembered count stays good while no other connection has committed and this
   * connection's own row changes since cannot have moved it across `minimumRows` (or, above it, by more than
   * 1%): the share of rows a word may reach needs no exact total.
   */
  readonly #scopeRowCounts = createRememberedCounts({ capacity: 20_000 });
  /** Rows of a word in a large scope, counted up to the common share (see #withoutCommonTerms). */
  readonly #termRowCounts = createRememberedCounts({ capacity: 20_000 });
  /** Rows of a user's phrase in a small scope (see #rankWithScopeStatistics). */
  readonly #phraseRowCounts = createRememberedCounts({ capacity: 20_000 });
  /** The rows each phrase matched in a user's scope, while no write happened (see createRememberedRows). */
  readonly #phraseRows = createRememberedRows({ capacityRows: 200_000 });
  /** The fts5vocab tables this connection has made (in its temp schema) for #userTermsNear. */
  readonly #vocabularies = new Set<string>();
  /** Stand-ins for a user's misspelt words (see #nearTermsOf), per table, prefix and word. */
  readonly #nearTerms = new Map<string, { mark: WriteMark; terms: string[] }>();
  /** Rows of each full-text table (see #tableRows). */
  readonly #tableRowCounts = createRememberedCounts({ capacity: 10 });
  /** Each anchor turn's neighbours, by window and scope, while no write happened (a map filled as anchors come). */
  readonly #rememberedNeighbours = createRememberedChecks<readonly Neighbour[], string>({
    capacity: 200_000,
    capacityPerCheck: 100_000,
  });
  /** Rows checked against a scope and filters, while no write happened (see createRememberedChecks). */
  readonly #rememberedChecks = createRememberedChecks<RowCheck>({ capacity: 500_000, capacityPerCheck: 100_000 });
  /** Results of the entity and time channels and of entity lookups, while no write happened (see createRememberedResults). */
  readonly #rememberedResults = createRememberedResults({ capacity: 5_000 });
  /** Memories (without entity names) and episodes read by id, while no write happened (see createRememberedRecords). */
  readonly #rememberedMemories = createRememberedRecords<MemoryRecord>({ capacity: 50_000, idOf: (memory) => memory.id });
  readonly #rememberedEpisodes = createRememberedRecords<{ seq: number; episode: Episode }>({
    capacity: 50_000,
    idOf: (read) => read.episode.id,
  });

  /**
   * Records of `ids` by id: remembered ones, and `read()` for the rest (then remembered); outside transactions
   * only, like every remembered read.
   */
  #rememberedById<T>(options: {
    remembered: ReturnType<typeof createRememberedRecords<T>>;
    ids: readonly string[];
    read: (ids: readonly string[]) => T[];
  }): Map<string, T> {
    const { remembered, ids, read } = options;
    const { idOf } = remembered;
    if (this.#insideTransaction) return new Map(read(ids).map((record) => [idOf(record), record]));
    const mark = this.#writeMark();
    const { found, missing } = remembered.take(ids, mark);
    if (missing.length > 0) {
      const loaded = read(missing);
      remembered.put(loaded, mark);
      for (const record of loaded) found.set(idOf(record), record);
    }
    return found;
  }

  /** What a remembered check (see createRememberedChecks) holds for `check`; a fresh map inside a transaction. */
  #rememberedChecksOf<T, Row>(remembered: ReturnType<typeof createRememberedChecks<T, Row>>, check: string): Map<Row, T | null> {
    return this.#insideTransaction ? new Map() : remembered.of(check, this.#writeMark());
  }

  /**
   * `read()`, or what it returned for the same `query` and parameters while no write happened; outside
   * transactions only (their reads may yet be rolled back). `parameters` must hold everything the result depends on.
   */
  #rememberedRead<T>(query: string, parameters: unknown, read: () => T): T {
    if (this.#insideTransaction) return read();
    const mark = this.#writeMark();
    const key = `${query}\u0000${JSON.stringify(parameters)}`;
    const known = this.#rememberedResults.get(key, mark);
    return known !== undefined ? (known as T) : this.#rememberedResults.set(key, read(), mark);
  }

  /**
   * The write mark, where writes stand: this connection's change count and the file's data version (moved by
   * other connections' commits). Read once per run of synchronous code outside transactions: the reads a search starts together
   * (keyword, episode keyword, entities…) share one, and it is forgotten before any awaited step goes on.
   */
  #writeMark(): WriteMark {
    if (this.#insideTransaction) return this.#readWriteMark();
    if (this.#sharedMark === undefined) {
      this.#sharedMark = this.#readWriteMark();
      queueMicrotask(this.#forgetMark);
    }
    return this.#sharedMark;
  }

  #sharedMark: WriteMark | undefined;
  readonly #forgetMark = () => {
    this.#sharedMark = undefined;
  };

  #readWriteMark(): WriteMark {
    return this.#prepare("SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version").get() as WriteMark;
  }

  /** Rows of `sql` (a `SELECT 1 …` of one scope), counted up to `minimumRows` unless remembered. */
  #scopeRows(options: { sql: string; parameters: Parameter[]; precise?: boolean; mark?: WriteMark }): number {
    const mark = options.mark ?? this.#writeMark();
    const key = `${options.sql}\u0000${options.parameters.join("\u0000")}`;
    const minimum = this.#commonTerms.minimumRows;
    // `precise`: the count itself is used (as BM25's N), so it is trusted only while writes could have moved it
    // by 1%; otherwise only which side of `minimumRows` it is on matters.
    const known = this.#scopeRowCounts.get(key, mark, (rows) =>
      rows < minimum && options.precise !== true ? minimum - rows - 1 : rows * 0.01,
    );
    if (known !== undefined) return known;
    const bounded = this.#prepare(`SELECT count(*) AS n FROM (${options.sql} LIMIT ?)`).get(...options.parameters, minimum) as {
      n: number;
    };
    const rows =
      bounded.n < minimum
        ? bounded.n
        : (this.#prepare(`SELECT count(*) AS n FROM (${options.sql})`).get(...options.parameters) as { n: number }).n;
    this.#scopeRowCounts.set(key, rows, mark);
    return rows;
  }

  /**
   * In a large scope, leaves out of a full-text match the words that occur in more than `fraction` of the
   * scope's rows (when every word is that common, the first stays). BM25 gives such words little weight, yet
   * reading and scoring their long posting lists was most of a search's time at 100,000 memories in one
   * scope. Scopes under `minimumRows` rows (nearly all users) are searched with every word.
   */
  #withoutCommonTerms(options: { table: "memory_fts" | "episode_fts"; scope: Scope; expression: string }): string {
    const { table, scope, expression } = options;
    // Only a plain OR of quoted words and phrases (a query) is pruned; an AND (the duplicate probe) is kept.
    if (scope.userId === undefined || !orOfPhrases.test(expression)) return expression;
    const phrases = phrasesOf(expression);
    const rows =
      table === "memory_fts"
        ? "SELECT 1 FROM memories WHERE tenant_id = ? AND user_id = ? AND status = 'active'"
        : "SELECT 1 FROM episodes WHERE tenant_id = ? AND user_id = ?";
    const total = this.#scopeRows({ sql: rows, parameters: [scope.tenantId, scope.userId] });
    if (total < this.#commonTerms.minimumRows || this.#commonTerms.fraction >= 1) return expression;
    // Counting stops once a word is known to be common.
    const common = Math.floor(total * this.#commonTerms.fraction);
    const columns = table === "memory_fts" ? memoryColumnsOfText.scoped : episodeColumnsOfText.scoped;
    const prefix = userKeywordPrefix({ tenantId: scope.tenantId, userId: scope.userId });
    const count = this.#prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${table} WHERE ${table} MATCH ? LIMIT ?)`);
    const mark = this.#writeMark();
    const countRows = (phrase: string) => {
      // Counting a common word reads up to `common` postings: remembered until writes could have moved it
      // by more than 1% of the scope.
      const key = `${table}\u0000${prefix}\u0000${phrase}`;
      const known = this.#termRowCounts.get(key, mark, () => total * 0.01);
      if (known !== undefined) return known;
      const rows = (count.get(`{${columns}} : ${prefixMatchExpression({ prefix, expression: phrase })}`, common + 1) as { n: number }).n;
      this.#termRowCounts.set(key, rows, mark);
      return rows;
    };
    const counted = phrases.map((phrase) => ({
      phrase,
      // Phrases of several words are rare by construction: kept without counting.
      rows: phrase.includes(" ") ? 0 : countRows(phrase),
    }));
    const kept = counted.filter((entry) => entry.rows <= common);
    const chosen = kept.length > 0 ? kept : counted.slice(0, 1);
    return chosen.map((entry) => entry.phrase).join(" OR ");
  }

  /** Rows of a full-text table, read from FTS5's own statistics record (the N of its BM25), remembered until a write. */
  #tableRows(table: "memory_fts" | "episode_fts", mark: WriteMark): number {
    const known = this.#tableRowCounts.get(table, mark, () => 0);
    if (known !== undefined) return known;
    const record = this.#prepare(`SELECT block FROM ${table}_data WHERE id = 1`).get() as { block: Buffer } | undefined;
    const rows = record === undefined ? 0 : readVarint(record.block);
    this.#tableRowCounts.set(table, rows, mark);
    return rows;
  }

  /**
   * BM25 as if the user's rows were an index of their own. FTS5's bm25() weighs a phrase by its rarity in the
   * whole table, so in a file shared by many users every word of one user looks rare, and the words common in
   * that user's own rows (their name, their usual topics) weigh nearly as much as the telling ones: recall got
   * worse as other users were added (LoCoMo with 100,000 other users' memories in the file: Recall@10 0.728 →
   * 0.710). Here each phrase is ranked alone (all its rows: the scope is under `minimumRows` rows), its FTS5
   * weight ln((N − n + 0.5)/(n + 0.5)) over the table's N rows is replaced by the same formula over the scope's
   * S rows (clamped at 1e-6, as FTS5 clamps it), and the phrases' scores, times their `phraseWeights`, are
   * summed per row. Document lengths are still measured against the table's average. Returns rows best first.
   */
  #rankWithScopeStatistics(options: {
    table: "memory_fts" | "episode_fts";
    tenantId: string;
    columns: string;
    score: string;
    prefix: string;
    phrases: readonly string[];
    phraseWeights: Readonly<Record<string, number>>;
    scopeRows: number;
    mark: WriteMark;
  }): RankedRows {
    const { table, scopeRows, mark } = options;
    const tableRows = this.#tableRows(table, mark);
    const statement = this.#prepare(`SELECT rowid, -${options.score} AS score FROM ${table} WHERE ${table} MATCH ?`).raw(true);
    const read = (key: string, phrase: string): PhraseRows => {
      const rowsKey = `${key}\u0000${options.columns}\u0000${options.score}`;
      const remembered = this.#phraseRows.get(rowsKey, mark);
      let rows = remembered;
      if (rows === undefined) {
        const pairs = statement.all(
          `{${options.columns}} : ${prefixMatchExpression({ prefix: options.prefix, expression: phrase })}`,
        ) as Array<[number, number]>;
        rows = { rowids: new Float64Array(pairs.length), scores: new Float64Array(pairs.length) };
        for (let index = 0; index < pairs.length; index += 1) {
          const pair = pairs[index] as [number, number];
          rows.rowids[index] = pair[0];
          rows.scores[index] = pair[1];
        }
        this.#phraseRows.set(rowsKey, rows, mark);
      }
      this.#phraseRowCounts.set(key, rows.rowids.length, mark);
      return rows;
    };
    // A phrase in more than half of the scope's rows weighs nothing in BM25 (its weight is clamped, as FTS5
    // does): it adds no rows of its own, and while its remembered count stays good its rows are not even read.
    // When every phrase is that common, they all count.
    const phrases = [...new Set(options.phrases)].map((phrase) => {
      const key = `${table}\u0000${options.prefix}\u0000${phrase}`;
      const known = this.#phraseRowCounts.get(key, mark, () => Math.max(1, scopeRows * 0.01));
      const rows = known !== undefined && known * 2 > scopeRows ? undefined : read(key, phrase);
      return { phrase, key, rows, common: rows === undefined || rows.rowids.length * 2 > scopeRows };
    });
    // A word of the query that is in none of the scope's rows may be misspelt ("persue", "tournamnet"): the
    // scope's nearest words stand in for it, at `correctionWeight` of its weight.
    // A Map, not an object: a query word such as "constructor" must not find Object.prototype's members.
    const weights = new Map(Object.entries(options.phraseWeights));
    for (const entry of [...phrases]) {
      const word = entry.phrase.slice(1, -1);
      if (entry.rows === undefined || entry.rows.rowids.length > 0 || !/^[a-z]{4,}$/u.test(word)) continue;
      if ((weights.get(word) ?? 1) < 1) continue;
      for (const term of this.#nearTermsOf({ table, tenantId: options.tenantId, prefix: options.prefix, word, mark })) {
        const phrase = `"${term}"`;
        if (phrases.some((known) => known.phrase === phrase)) continue;
        const key = `${table}\u0000${options.prefix}\u0000${phrase}`;
        const rows = read(key, phrase);
        weights.set(term, correctionWeight);
        phrases.push({ phrase, key, rows, common: rows.rowids.length * 2 > scopeRows });
      }
    }
    const telling = phrases.filter((entry) => !entry.common && (entry.rows?.rowids.length ?? 0) > 0);
    const counted = telling.length > 0 ? telling : phrases;
    // Sums per row in parallel number arrays (a slot per row), not in objects: a search allocates little.
    const slotOf = new Map<number, number>();
    const rowids: number[] = [];
    const totals: number[] = [];
    /** How many of the query's own words (weight 1 or more, not expansions) each row contains. */
    const ownWordsMatched: number[] = [];
    let ownWords = 0;
    for (const entry of counted) {
      const rows = entry.rows ?? read(entry.key, entry.phrase);
      const matched = rows.rowids.length;
      if (matched === 0) continue;
      const tableWeight = Math.max(1e-6, Math.log((tableRows - matched + 0.5) / (matched + 0.5)));
      const scopeWeight = Math.max(1e-6, Math.log((Math.max(scopeRows, matched) - matched + 0.5) / (matched + 0.5)));
      // The caller's weight of the phrase (its text between the quotes).
      const weight = weights.get(entry.phrase.slice(1, -1).replaceAll('""', '"')) ?? 1;
      const factor = (scopeWeight / tableWeight) * weight;
      const own = weight >= 1 ? 1 : 0;
      ownWords += own;
      for (let index = 0; index < matched; index += 1) {
        const rowid = rows.rowids[index] as number;
        let slot = slotOf.get(rowid);
        if (slot === undefined) {
          slot = rowids.length;
          slotOf.set(rowid, slot);
          rowids.push(rowid);
          totals.push(0);
          ownWordsMatched.push(0);
        }
        totals[slot] = (totals[slot] as number) + (rows.scores[index] as number) * factor;
        ownWordsMatched[slot] = (ownWordsMatched[slot] as number) + own;
      }
    }
    const coordination = this.#keywordCoordination / Math.max(1, ownWords);
    const scores = new Float64Array(rowids.length);
    for (let slot = 0; slot < rowids.length; slot += 1) {
      scores[slot] = (totals[slot] as number) * (1 + coordination * (ownWordsMatched[slot] as number));
    }
    const order = new Uint32Array(rowids.length);
    for (let slot = 0; slot < order.length; slot += 1) order[slot] = slot;
    order.sort(
      (left, right) => (scores[right] as number) - (scores[left] as number) || (rowids[right] as number) - (rowids[left] as number),
    );
    const ranked: RankedRows = { rowids: new Float64Array(order.length), scores: new Float64Array(order.length) };
    for (let index = 0; index < order.length; index += 1) {
      const slot = order[index] as number;
      ranked.rowids[index] = rowids[slot] as number;
      ranked.scores[index] = scores[slot] as number;
    }
    return ranked;
  }

  /**
   * The index terms of a user's rows that a word in none of them may have meant (see nearTerms): read from the
   * table's vocabulary among the user's terms with the word's first letter, remembered until a write.
   */
  #nearTermsOf(options: {
    table: "memory_fts" | "episode_fts";
    tenantId: string;
    prefix: string;
    word: string;
    mark: WriteMark;
  }): string[] {
    const { table, tenantId, prefix, word, mark } = options;
    const key = `${table}\u0000${prefix}\u0000${word}`;
    const known = this.#nearTerms.get(key);
    if (known !== undefined && sameMark(known.mark, mark)) return known.terms;
    const terms = this.#writtenInTenant({ table, tenantId, word }) ? [] : this.#userTermsNear({ table, prefix, word });
    if (this.#nearTerms.size >= 10_000) this.#nearTerms.clear();
    this.#nearTerms.set(key, { mark, terms });
    return terms;
  }

  /**
   * Has anyone of the searching tenant written the word? Then it is a word, not a slip. Only the tenant's own
   * rows count, among the first `writtenCheckRows` rows of the word in the file: another tenant's use of a word
   * never makes it a word here (one exception: when more rows of others than that come first in the index, a
   * word the tenant did write is taken for unwritten).
   */
  #writtenInTenant(options: { table: "memory_fts" | "episode_fts"; tenantId: string; word: string }): boolean {
    const { table, tenantId, word } = options;
    const plain = table === "memory_fts" ? memoryColumnsOfText.plain : episodeColumnsOfText.plain;
    const rows = table === "memory_fts" ? "memories" : "episodes";
    const found = this.#prepare(
      // CROSS JOIN keeps the word's rows outside: joined the other way, SQLite walked every row of the tenant
      // (15 ms for a word no one wrote, at 300,000 memories).
      `SELECT 1 FROM (SELECT rowid FROM ${table} WHERE ${table} MATCH ? LIMIT ?) AS f CROSS JOIN ${rows} r ON r.seq = f.rowid
        WHERE r.tenant_id = ? LIMIT 1`,
    ).get(`{${plain}} : "${word}"`, writtenCheckRows, tenantId);
    return found !== undefined;
  }

  /** The user's index terms with the word's first letter that it may have meant (see nearTerms). */
  #userTermsNear(options: { table: "memory_fts" | "episode_fts"; prefix: string; word: string }): string[] {
    const { table, prefix, word } = options;
    const vocabulary = `${table}_terms`;
    if (!this.#vocabularies.has(vocabulary)) {
      this.#database.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.${vocabulary} USING fts5vocab(main, ${table}, row)`);
      this.#vocabularies.add(vocabulary);
    }
    const first = `${prefix}${word[0]}`;
    const next = `${prefix}${String.fromCharCode((word.codePointAt(0) ?? 0) + 1)}`;
    const rows = this.#prepare(`SELECT term, doc AS rows FROM temp.${vocabulary} WHERE term >= ? AND term < ?`).all(first, next) as Array<{
      term: string;
      rows: number;
    }>;
    return nearTerms({ word, terms: rows.map((row) => ({ term: row.term.slice(prefix.length), rows: row.rows })), count: 2 });
  }

  /**
   * A user's search in a scope under `minimumRows` rows, ranked with the scope's own statistics (see
   * #rankWithScopeStatistics); undefined for other searches (no user, a large scope, an expression that is not
   * an OR of phrases), which rank with FTS5's bm25() alone.
   */
  #scopeRanking(options: {
    table: "memory_fts" | "episode_fts";
    scope: Scope;
    expression: string;
    columns: string;
    score: string;
    phraseWeights: Readonly<Record<string, number>>;
  }): RankedRows | undefined {
    const { table, scope } = options;
    if (scope.userId === undefined || !phrasesOnly.test(options.expression)) return undefined;
    const rows =
      table === "memory_fts"
        ? "SELECT 1 FROM memories WHERE tenant_id = ? AND user_id = ?"
        : "SELECT 1 FROM episodes WHERE tenant_id = ? AND user_id = ?";
    // One write mark for the scope count, the table count and the phrase counts of this search.
    const mark = this.#writeMark();
    const scopeRows = this.#scopeRows({ sql: rows, parameters: [scope.tenantId, scope.userId], precise: true, mark });
    if (scopeRows >= this.#commonTerms.minimumRows) return undefined;
    return this.#rankWithScopeStatistics({
      mark,
      table,
      tenantId: scope.tenantId,
      columns: options.columns,
      score: options.score,
      prefix: userKeywordPrefix({ tenantId: scope.tenantId, userId: scope.userId }),
      phrases: phrasesOf(options.expression),
      phraseWeights: options.phraseWeights,
      scopeRows,
    });
  }

  /**
   * The best `limit` of `ranked` rows that pass `sql`'s checks (it selects `seq`, then `id`, of the rows whose
   * sequence numbers are in the JSON array bound first, then `parameters`; with `validAt`, then the episode's
   * validity, see episodeValidityColumns, which must hold at that time), in rank order: the first
   * `firstChecked × limit` are checked, and the rest only when too few of them passed. Outside transactions
   * what a row's check found is remembered until the next write (see createRememberedChecks).
   */
  #checkedInOrder(options: {
    ranked: RankedRows;
    limit: number;
    sql: string;
    parameters: Parameter[];
    validAt?: string;
  }): Array<{ id: string; score: number }> {
    const { ranked, limit, validAt: time } = options;
    const statement = this.#prepare(options.sql).raw(true);
    const known = this.#rememberedChecksOf(this.#rememberedChecks, `${options.sql}\u0000${JSON.stringify(options.parameters)}`);
    const passed: Array<{ id: string; score: number }> = [];
    const count = ranked.rowids.length;
    for (let start = 0; start < count && passed.length < limit; ) {
      const end = start === 0 ? Math.min(count, Math.ceil(limit * firstChecked)) : count;
      const unknown: number[] = [];
      for (let index = start; index < end; index += 1) {
        const rowid = ranked.rowids[index] as number;
        if (!known.has(rowid)) unknown.push(rowid);
      }
      if (unknown.length > 0) {
        for (const rowid of unknown) known.set(rowid, null);
        for (const [seq, id, sourced, live] of statement.all(JSON.stringify(unknown), ...options.parameters) as Array<
          [number, string, unknown, unknown]
        >) {
          known.set(seq, { id, ...(time === undefined ? {} : { validity: validityOf(sourced, live) }) });
        }
      }
      for (let index = start; index < end && passed.length < limit; index += 1) {
        const check = known.get(ranked.rowids[index] as number);
        if (check === undefined || check === null) continue;
        if (time !== undefined && (check.validity === undefined || !validAt(check.validity, time))) continue;
        passed.push({ id: check.id, score: ranked.scores[index] as number });
      }
      start = end;
    }
    return passed;
  }

  /**
   * The fast path of a scoped full-text search: `sql` ranks `overFetch × limit` rows in the index alone and
   * LEFT JOINs the checks (a null id failed them). Returns the best `limit` that passed when that is exact —
   * enough passed, or the index had no more matches — and undefined when the caller must rank with the checks.
   */
  #rankedThenChecked<Hit>(options: {
    sql: string;
    parameters: Parameter[];
    match: string;
    limit: number;
    toHit: (id: string, score: number) => Hit;
  }): Hit[] | undefined {
    const ranked = this.#prepare(options.sql).all(options.match, options.limit * overFetch, ...options.parameters) as Array<{
      id: string | null;
      score: number;
    }>;
    const passed = ranked.flatMap((row) => (row.id === null ? [] : [options.toHit(row.id, row.score)])).slice(0, options.limit);
    return passed.length >= options.limit || ranked.length < options.limit * overFetch ? passed : undefined;
  }

  async searchKeyword(options: {
    scope: Scope;
    filters: MemoryFilters;
    matchExpression: string;
    limit: number;
    phraseWeights?: Readonly<Record<string, number>>;
  }): Promise<ChannelHit[]> {
    if (options.matchExpression.trim() === "") return [];
    return this.#run(() => {
      const scope = scopeClause(options.scope, "m");
      const filters = filterClause(options.filters);
      const parameters = [...scope.parameters, ...filters.parameters];
      // A small user scope ranks phrase by phrase; the common-word pruning and the one-pass match are for the rest.
      const ranked = this.#scopeRanking({
        table: "memory_fts",
        scope: options.scope,
        expression: options.matchExpression,
        columns: memoryColumnsOfText.scoped,
        score: "bm25(memory_fts)",
        phraseWeights: options.phraseWeights ?? {},
      });
      if (ranked !== undefined) {
        return this.#checkedInOrder({
          ranked,
          limit: options.limit,
          sql: `SELECT m.seq AS seq, m.id AS id FROM json_each(?) AS w CROSS JOIN memories m ON m.seq = w.value WHERE ${scope.sql} AND ${filters.sql}`,
          parameters,
        }).map(({ id, score }) => ({ memoryId: id, score }));
      }
      const expression = this.#withoutCommonTerms({ table: "memory_fts", scope: options.scope, expression: options.matchExpression });
      const match = scopedMatch(options.scope, expression, memoryColumnsOfText);
      if (options.scope.userId !== undefined) {
        // The user's prefixed words already keep other users out: rank in the index alone and check scope and
        // filters on the best few only (the LEFT JOIN keeps that order and marks what failed the checks).
        const passed = this.#rankedThenChecked<ChannelHit>({
          sql: `SELECT m.id AS id, ranked.score FROM (
              SELECT rowid, -bm25(memory_fts) AS score FROM memory_fts WHERE memory_fts MATCH ? ORDER BY bm25(memory_fts) LIMIT ?) AS ranked
            LEFT JOIN memories m ON m.seq = ranked.rowid AND ${scope.sql} AND ${filters.sql} ORDER BY ranked.score DESC`,
          parameters,
          match,
          limit: options.limit,
          toHit: (id, score) => ({ memoryId: id, score }),
        });
        if (passed !== undefined) return passed;
      }
      return this.#prepare(`SELECT m.id AS memoryId, -bm25(memory_fts) AS score FROM memory_fts JOIN memories m ON m.seq = memory_fts.rowid
          WHERE memory_fts MATCH ? AND ${scope.sql} AND ${filters.sql} ORDER BY bm25(memory_fts) LIMIT ?`).all(
        match,
        ...parameters,
        options.limit,
      ) as ChannelHit[];
    });
  }

  async searchVector(options: { scope: Scope; filters: MemoryFilters; embedding: Float32Array; limit: number }): Promise<ChannelHit[]> {
    if (this.#dimensions === undefined) return [];
    return this.#run(() => {
      const knn: string[] = ["v.embedding MATCH ?", "v.k = ?", "v.tenant_id = ?"];
      const knnParameters: Parameter[] = [options.embedding, options.limit, options.scope.tenantId];
      for (const [column, value] of [
        ["user_id", options.scope.userId],
        ["agent_id", options.scope.visibleAgentIds === undefined ? options.scope.agentId : undefined],
        ["session_id", options.scope.sessionId],
      ] as const) {
        if (value !== undefined) {
          knn.push(`v.${column} = ?`);
          knnParameters.push(value);
        }
      }
      if (options.scope.visibleAgentIds !== undefined) {
        knn.push(`v.agent_id IN (${options.scope.visibleAgentIds.map(() => "?").join(", ") || "NULL"})`);
        knnParameters.push(...options.scope.visibleAgentIds);
      }
      const statuses = effectiveStatuses(options.filters);
      knn.push(`v.status IN (${statuses.map(() => "?").join(", ")})`);
      knnParameters.push(...statuses);
      if (options.filters.kinds !== undefined && options.filters.kinds.length > 0) {
        knn.push(`v.kind IN (${options.filters.kinds.map(() => "?").join(", ")})`);
        knnParameters.push(...options.filters.kinds);
      }
      const filters = filterClause(options.filters);
      const rows =
        this.#prepare(`SELECT m.id AS memoryId, 1 - v.distance AS score FROM memory_vectors v JOIN memories m ON m.seq = v.memory_seq
          WHERE ${knn.join(" AND ")} AND ${filters.sql} ORDER BY v.distance`).all(...knnParameters, ...filters.parameters) as ChannelHit[];
      return rows;
    });
  }

  async searchEpisodeKeyword(options: {
    scope: Scope;
    matchExpression: string;
    limit: number;
    validAt?: string;
    phraseWeights?: Readonly<Record<string, number>>;
  }): Promise<EpisodeHit[]> {
    if (options.matchExpression.trim() === "") return [];
    return this.#run(() => {
      const scope = scopeClause(options.scope, "e");
      const validity = options.validAt === undefined ? [] : [options.validAt, options.validAt];
      const score = `bm25(episode_fts, 1.0, ${contextWeight}, 1.0, ${contextWeight})`;
      // As in searchKeyword: a small user scope ranks phrase by phrase.
      const ranked = this.#scopeRanking({
        table: "episode_fts",
        scope: options.scope,
        expression: options.matchExpression,
        columns: episodeColumnsOfText.scoped,
        score,
        phraseWeights: options.phraseWeights ?? {},
      });
      if (ranked !== undefined) {
        // Validity is read with the row and judged here, so what was read holds for any time until a write.
        return this.#checkedInOrder({
          ranked,
          limit: options.limit,
          sql: `SELECT e.seq AS seq, e.id AS id${options.validAt === undefined ? "" : `, ${episodeValidityColumns}`}
            FROM json_each(?) AS w CROSS JOIN episodes e ON e.seq = w.value WHERE ${scope.sql}`,
          parameters: scope.parameters,
          ...(options.validAt === undefined ? {} : { validAt: options.validAt }),
        }).map(({ id, score }) => ({ episodeId: id, score }));
      }
      const expression = this.#withoutCommonTerms({ table: "episode_fts", scope: options.scope, expression: options.matchExpression });
      const match = scopedMatch(options.scope, expression, episodeColumnsOfText);
      if (options.scope.userId !== undefined) {
        // As in searchKeyword: rank in the index alone, then check scope and validity on the best few.
        const passed = this.#rankedThenChecked<EpisodeHit>({
          sql: `SELECT e.id AS id, ranked.score FROM (
              SELECT rowid, -${score} AS score FROM episode_fts WHERE episode_fts MATCH ? ORDER BY ${score} LIMIT ?) AS ranked
            LEFT JOIN episodes e ON e.seq = ranked.rowid AND ${scope.sql}${options.validAt === undefined ? "" : ` AND ${episodeValidAt}`}
            ORDER BY ranked.score DESC`,
          parameters: [...scope.parameters, ...validity],
          match,
          limit: options.limit,
          toHit: (id, score) => ({ episodeId: id, score }),
        });
        if (passed !== undefined) return passed;
      }
      // Rank first, then check validity on the best few only (the check is a correlated subquery).
      return this.#prepare(`SELECT ranked.episodeId, ranked.score FROM (
            SELECT e.seq AS seq, e.id AS episodeId, -${score} AS score FROM episode_fts
            JOIN episodes e ON e.seq = episode_fts.rowid
            WHERE episode_fts MATCH ? AND ${scope.sql} ORDER BY ${score} LIMIT ?) AS ranked
          JOIN episodes e ON e.seq = ranked.seq
          ${options.validAt === undefined ? "" : `WHERE ${episodeValidAt}`} ORDER BY ranked.score DESC LIMIT ?`).all(
        match,
        ...scope.parameters,
        options.validAt === undefined ? options.limit : options.limit * 2,
        ...validity,
        options.limit,
      ) as EpisodeHit[];
    });
  }

  async getVerbatimMemories(options: {
    tenantId: string;
    episodeIds: readonly string[];
    filters: MemoryFilters;
  }): Promise<Array<{ episodeId: string; memoryId: string }>> {
    const statuses = effectiveStatuses(options.filters);
    if (options.episodeIds.length === 0 || statuses.length === 0) return [];
    return this.#run(() => {
      // Most tenants infer every memory: one probe of the partial index spares them the join.
      if (this.#prepare("SELECT 1 FROM memories WHERE tenant_id = ? AND verbatim = 1 LIMIT 1").get(options.tenantId) === undefined)
        return [];
      // Still word for word: an update of the memory's text changes its hash.
      const rows = this.#prepare(`SELECT e.id AS episodeId, m.id AS memoryId, min(m.seq) AS seq
          FROM json_each(?) AS wanted CROSS JOIN episodes e ON e.id = wanted.value
          CROSS JOIN memory_sources s ON s.episode_seq = e.seq CROSS JOIN memories m ON m.seq = s.memory_seq
          WHERE e.tenant_id = ? AND m.tenant_id = e.tenant_id AND m.verbatim = 1 AND m.content_hash = e.content_hash
            AND m.status IN (SELECT value FROM json_each(?))
          GROUP BY e.seq`).all(JSON.stringify(options.episodeIds), options.tenantId, JSON.stringify(statuses)) as Array<{
        episodeId: string;
        memoryId: string;
      }>;
      return rows.map(({ episodeId, memoryId }) => ({ episodeId, memoryId }));
    });
  }

  async getNeighbourEpisodes(options: { scope: Scope; episodeIds: readonly string[]; window: number; validAt?: string }) {
    if (options.episodeIds.length === 0 || options.window < 1) return [];
    return this.#run(() => {
      // Turns of one session are written by one add, so their sequence numbers are consecutive: a range scan
      // on the primary key finds the neighbours (turns of other sessions in between are filtered out). A
      // neighbour shares its anchor's user, agent and session, so the scope is checked on the anchor. Only
      // what ranking needs is read (a whole turn costs 2.5 times as much): the caller loads the turns it keeps.
      // Each anchor's neighbours, with their validity, are remembered until the next write (outside
      // transactions); validity is judged here at `validAt`.
      const scope = scopeClause(options.scope, "a");
      const known = this.#rememberedChecksOf(
        this.#rememberedNeighbours,
        `${options.window}\u0000${scope.sql}\u0000${JSON.stringify(scope.parameters)}`,
      );
      const unknown = options.episodeIds.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        const found = new Map<string, Neighbour[]>(unknown.map((id) => [id, []]));
        const rows =
          this.#prepare(`SELECT a.id AS anchor_id, e.id, coalesce(nullif(e.speaker, ''), nullif(e.role, '')), e.seq - a.seq AS offset,
            ${episodeValidityColumns}
            FROM json_each(?) AS w CROSS JOIN episodes a ON a.id = w.value
            CROSS JOIN episodes e ON e.seq BETWEEN a.seq - ? AND a.seq + ? AND e.seq <> a.seq
            WHERE ${scope.sql} AND +e.tenant_id = a.tenant_id AND +e.user_id = a.user_id AND +e.agent_id = a.agent_id
              AND +e.session_id = a.session_id
            ORDER BY abs(e.seq - a.seq), e.seq DESC`)
            .raw(true)
            .all(JSON.stringify(unknown), options.window, options.window, ...scope.parameters) as Array<
            [string, string, string | null, number, unknown, unknown]
          >;
        for (const [anchorId, episodeId, speaker, offset, sourced, live] of rows) {
          found.get(anchorId)?.push({ episodeId, speaker, offset, validity: validityOf(sourced, live) });
        }
        for (const [anchorId, neighbours] of found) known.set(anchorId, neighbours);
      }
      const time = options.validAt;
      return options.episodeIds.flatMap((neighbourOf) =>
        (known.get(neighbourOf) ?? [])
          .filter((neighbour) => time === undefined || validAt(neighbour.validity, time))
          .map(({ episodeId, speaker, offset }) => ({
            episodeId,
            ...optional("speaker", speaker),
            neighbourOf,
            distance: Math.abs(offset),
            offset,
          })),
      );
    });
  }

  async searchByEntities(options: {
    scope: Scope;
    filters: MemoryFilters;
    entityIds: readonly string[];
    limit: number;
  }): Promise<ChannelHit[]> {
    if (options.entityIds.length === 0) return [];
    return this.#run(() =>
      this.#rememberedRead("searchByEntities", options, () => {
        const scope = scopeClause(options.scope, "m");
        const filters = filterClause(options.filters);
        return this.#prepare(`SELECT m.id AS memoryId, count(*) + m.importance AS score
          FROM json_each(?) AS wanted CROSS JOIN entities n ON n.id = wanted.value
          CROSS JOIN memory_entities x ON x.entity_seq = n.seq CROSS JOIN memories m ON m.seq = x.memory_seq
          WHERE n.tenant_id = ? AND ${scope.sql} AND ${filters.sql}
            AND NOT EXISTS (SELECT 1 FROM memory_entities c WHERE c.entity_seq = n.seq LIMIT 1 OFFSET ?)
          GROUP BY m.seq ORDER BY score DESC, m.seq DESC LIMIT ?`).all(
          JSON.stringify(options.entityIds),
          options.scope.tenantId,
          ...scope.parameters,
          ...filters.parameters,
          maximumEntityMentions,
          options.limit,
        ) as ChannelHit[];
      }),
    );
  }

  async searchByEntityType(options: {
    scope: Scope;
    filters: MemoryFilters;
    types: readonly EntityType[];
    speakers?: readonly string[];
    limit: number;
  }): Promise<ChannelHit[]> {
    if (options.types.length === 0) return [];
    return this.#run(() =>
      this.#rememberedRead("searchByEntityType", options, () => {
        const scope = scopeClause(options.scope, "m");
        const filters = filterClause(options.filters);
        const speakers = options.speakers ?? [];
        const entityScope = scopeClause(options.scope, "n", { session: false });
        return this.#prepare(`WITH typed AS MATERIALIZED (
            SELECT n.seq FROM entities n WHERE ${entityScope.sql} AND n.type IN (SELECT value FROM json_each(?))
              AND NOT EXISTS (SELECT 1 FROM memory_entities c WHERE c.entity_seq = n.seq LIMIT 1 OFFSET ?))
          SELECT m.id AS memoryId, count(*) + m.importance AS score
          FROM typed CROSS JOIN memory_entities x ON x.entity_seq = typed.seq CROSS JOIN memories m ON m.seq = x.memory_seq
          WHERE ${scope.sql} AND ${filters.sql}
            AND (? = 0 OR EXISTS (SELECT 1 FROM memory_sources s JOIN episodes e ON e.seq = s.episode_seq
              WHERE s.memory_seq = m.seq AND e.speaker IN (SELECT value FROM json_each(?))))
          GROUP BY m.seq ORDER BY score DESC, m.seq DESC LIMIT ?`).all(
          ...entityScope.parameters,
          JSON.stringify(options.types),
          maximumEntityMentions,
          ...scope.parameters,
          ...filters.parameters,
          speakers.length,
          JSON.stringify(speakers),
          options.limit,
        ) as ChannelHit[];
      }),
    );
  }

  async getRelatedEntityIds(options: { scope: Scope; entityIds: readonly string[]; limit: number }): Promise<string[]> {
    if (options.entityIds.length === 0) return [];
    return this.#run(() =>
      this.#rememberedRead("getRelatedEntityIds", options, () => {
        const scope = scopeClause(options.scope, "r", { session: false });
        const rows = this.#prepare(`SELECT DISTINCT other.id AS id FROM json_each(?) AS wanted CROSS JOIN entities n ON n.id = wanted.value
          JOIN relations r ON (r.subject_seq = n.seq OR r.object_seq = n.seq)
          JOIN entities other ON other.seq = CASE WHEN r.subject_seq = n.seq THEN r.object_seq ELSE r.subject_seq END
          WHERE n.tenant_id = ? AND ${scope.sql} AND other.id NOT IN (SELECT value FROM json_each(?)) LIMIT ?`).all(
          JSON.stringify(options.entityIds),
          options.scope.tenantId,
          ...scope.parameters,
          JSON.stringify(options.entityIds),
          options.limit,
        ) as Array<{ id: string }>;
        return rows.map((row) => row.id);
      }),
    );
  }

  async searchByTime(options: Parameters<MemoryStore["searchByTime"]>[0]): Promise<ChannelHit[]> {
    return this.#run(() =>
      this.#rememberedRead("searchByTime", options, () => {
        const scope = scopeClause(options.scope, "m");
        const filters = filterClause(options.filters);
        const middle = options.near ?? new Date((Date.parse(options.start) + Date.parse(options.end)) / 2).toISOString();
        return this.#prepare(`SELECT m.id AS memoryId, 1.0 / (1 + abs(julianday(coalesce(m.event_start, m.valid_from)) - julianday(?))) AS score
          FROM memories m WHERE ${scope.sql} AND ${filters.sql}
          AND ((m.event_start IS NOT NULL AND m.event_start < ? AND coalesce(m.event_end, m.event_start) > ?)
            OR (m.event_start IS NULL AND m.valid_from >= ? AND m.valid_from < ?))
          ORDER BY score DESC LIMIT ?`).all(
          middle,
          ...scope.parameters,
          ...filters.parameters,
          options.end,
          options.start,
          options.start,
          options.end,
          options.limit,
        ) as ChannelHit[];
      }),
    );
  }

  async getHistory(options: { tenantId: string; memoryId: string }): Promise<HistoryEntry[]> {
    return this.#run(() => {
      const rows = this.#prepare("SELECT * FROM memory_history WHERE tenant_id = ? AND memory_id = ? ORDER BY seq").all(
        options.tenantId,
        options.memoryId,
      ) as Array<Record<string, string | null>>;
      return rows.map((row) => ({
        id: row.id as string,
        memoryId: row.memory_id as string,
        event: row.event as HistoryEvent,
        ...optional("beforeText", row.before_text ?? null),
        ...optional("afterText", row.after_text ?? null),
        ...optional("beforeHash", row.before_hash ?? null),
        ...optional("afterHash", row.after_hash ?? null),
        actor: row.actor as string,
        ...optional("reason", row.reason ?? null),
        createdAt: row.created_at as string,
      }));
    });
  }

  async getEpisodes(options: { tenantId: string; ids: readonly string[] }): Promise<Episode[]> {
    if (options.ids.length === 0) return [];
    return this.#run(() => {
      const read = (ids: readonly string[]) =>
        (
          this.#prepare(
            `SELECT ${episodeColumns("e")} FROM json_each(?) AS wanted CROSS JOIN episodes e ON e.id = wanted.value WHERE e.tenant_id = ?`,
          )
            .raw(true)
            .all(JSON.stringify(ids), options.tenantId) as unknown[][]
        ).map((values) => {
          const row = episodeRowOf(values);
          return { seq: row.seq, episode: toEpisode(row) };
        });
      const all = this.#rememberedById({ remembered: this.#rememberedEpisodes, ids: options.ids, read });
      // In the order they were said.
      return [...all.values()]
        .filter((entry) => entry.episode.tenantId === options.tenantId)
        .sort((left, right) => left.seq - right.seq)
        .map((entry) => entry.episode);
    });
  }

  async listEpisodes(options: { scope: Scope; limit: number; offset: number }): Promise<Episode[]> {
    return this.#run(() => {
      const scope = scopeClause(options.scope, "e");
      const rows = this.#prepare(`SELECT * FROM episodes e WHERE ${scope.sql} ORDER BY e.occurred_at, e.seq LIMIT ? OFFSET ?`).all(
        ...scope.parameters,
        options.limit,
        options.offset,
      ) as EpisodeRow[];
      return rows.map(toEpisode);
    });
  }

  async latestEpisode(options: { scope: Scope }): Promise<Episode | undefined> {
    return this.#run(() => {
      const scope = scopeClause(options.scope, "e");
      const row = this.#prepare(`SELECT * FROM episodes e WHERE ${scope.sql} ORDER BY e.seq DESC LIMIT 1`).get(...scope.parameters) as
        | EpisodeRow
        | undefined;
      return row === undefined ? undefined : toEpisode(row);
    });
  }

  async findEntities(options: { scope: Scope; names: readonly string[] }): Promise<Entity[]> {
    if (options.names.length === 0) return [];
    return this.#run(() =>
      this.#rememberedRead("findEntities", options, () => {
        const scope = scopeClause(options.scope, "n", { session: false });
        const rows = this.#prepare(`SELECT * FROM entities n WHERE ${scope.sql} AND (n.normalized_name IN (SELECT value FROM json_each(?))
          OR EXISTS (SELECT 1 FROM json_each(n.aliases) a WHERE lower(a.value) IN (SELECT value FROM json_each(?))))`).all(
          ...scope.parameters,
          JSON.stringify(options.names.map(normalizeName)),
          JSON.stringify(options.names.map(normalizeName)),
        ) as Array<Record<string, string>>;
        return rows.map(toEntity);
      }),
    );
  }

  async listRelations(options: { scope: Scope; entityId?: string; limit: number }): Promise<Relation[]> {
    return this.#run(() => {
      const scope = scopeClause(options.scope, "r", { session: false });
      const entityCondition = options.entityId === undefined ? "" : " AND (s.id = ? OR o.id = ?)";
      const entityParameters = options.entityId === undefined ? [] : [options.entityId, options.entityId];
      const rows = this.#prepare(`${relationRows}
          WHERE ${scope.sql}${entityCondition} ORDER BY r.seq LIMIT ?`).all(
        ...scope.parameters,
        ...entityParameters,
        options.limit,
      ) as Array<Record<string, string | null>>;
      return rows.map(toRelation);
    });
  }

  async findCurrentRelations(options: { scope: Scope; subjectId: string; predicate: string; qualifier?: string }): Promise<Relation[]> {
    return this.#run(() => {
      const rows = this.#prepare(`${relationRows}
          WHERE r.tenant_id = ? AND r.user_id = ? AND r.agent_id = ? AND s.id = ? AND r.predicate = ? AND r.valid_to IS NULL
          AND (? IS NULL OR r.qualifier = ?) ORDER BY r.seq`).all(
        options.scope.tenantId,
        options.scope.userId ?? "",
        options.scope.agentId ?? "",
        options.subjectId,
        options.predicate,
        options.qualifier ?? null,
        options.qualifier ?? null,
      ) as Array<Record<string, string | null>>;
      return rows.map(toRelation);
    });
  }

  async findCurrentRelationsOfMemory(options: { tenantId: string; memoryId: string }): Promise<Relation[]> {
    return this.#run(() => {
      const rows = this.#prepare(`${relationRows}
          WHERE mm.tenant_id = ? AND mm.id = ? AND r.valid_to IS NULL ORDER BY r.seq`).all(options.tenantId, options.memoryId) as Array<
        Record<string, string | null>
      >;
      return rows.map(toRelation);
    });
  }

  async countRows(options: { tenantId?: string; userId?: string }): Promise<StoreCounts> {
    return this.#run(() => {
      const conditions: string[] = [];
      const parameters: string[] = [];
      if (options.tenantId !== undefined) {
        conditions.push("tenant_id = ?");
        parameters.push(options.tenantId);
      }
      if (options.userId !== undefined) {
        conditions.push("user_id = ?");
        parameters.push(options.userId);
      }
      const count = (table: string, extra?: string, own: readonly string[] = conditions) => {
        const all = extra === undefined ? own : [...own, extra];
        const where = all.length === 0 ? "" : ` WHERE ${all.join(" AND ")}`;
        return (this.#prepare(`SELECT count(*) AS n FROM ${table}${where}`).get(...parameters) as { n: number }).n;
      };
      // History rows carry no user: a user's are those of the user's memories (same parameters, same order).
      const history = count(
        "memory_history",
        undefined,
        conditions.map((condition) =>
          condition === "user_id = ?" ? "memory_id IN (SELECT id FROM memories WHERE user_id = ?)" : condition,
        ),
      );
      return {
        episodes: count("episodes"),
        memories: count("memories", "status <> 'deleted'"),
        activeMemories: count("memories", "status = 'active'"),
        supersededMemories: count("memories", "status = 'superseded'"),
        deletedMemories: count("memories", "status = 'deleted'"),
        entities: count("entities"),
        relations: count("relations"),
        historyEntries: history,
      };
    });
  }

  // ---- writes ----

  async insertEpisode(episode: Episode, options: { keywordText: string; contextText?: string }): Promise<void> {
    this.#requireWriter();
    this.#run(() => {
      const result =
        this.#prepare(`INSERT INTO episodes (id, tenant_id, user_id, agent_id, session_id, source_type, role, speaker, content, language,
          external_id, occurred_at, recorded_at, metadata, emotion_score, emotion_intensity, content_hash)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          episode.id,
          episode.tenantId,
          episode.userId ?? "",
          episode.agentId ?? "",
          episode.sessionId ?? "",
          episode.sourceType,
          episode.role ?? null,
          episode.speaker ?? null,
          episode.content,
          episode.language,
          episode.externalId ?? null,
          episode.occurredAt,
          episode.recordedAt,
          JSON.stringify(episode.metadata),
          episode.emotionScore,
          episode.emotionIntensity,
          episode.contentHash,
        );
      const prefix = userKeywordPrefix({ tenantId: episode.tenantId, userId: episode.userId });
      const context = options.contextText ?? "";
      this.#prepare("INSERT INTO episode_fts (rowid, keywords, context, plain, plain_context) VALUES (?, ?, ?, ?, ?)").run(
        result.lastInsertRowid,
        prefixKeywords({ prefix, text: options.keywordText }),
        prefixKeywords({ prefix, text: context }),
        options.keywordText,
        context,
      );
    });
  }

  async insertMemory(input: NewMemory): Promise<void> {
    this.#requireWriter();
    this.#run(() => {
      const memory = input.memory;
      const result =
        this.#prepare(`INSERT INTO memories (id, tenant_id, user_id, agent_id, session_id, kind, text, language, valid_from, valid_to,
          event_start, event_end, importance, emotion_score, emotion_intensity, strength, access_count, last_accessed_at, status,
          source_type, trust, version, metadata, content_hash, verbatim, superseded_by, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          memory.id,
          memory.tenantId,
          memory.userId ?? "",
          memory.agentId ?? "",
          memory.sessionId ?? "",
          memory.kind,
          memory.text,
          memory.language,
          memory.validFrom ?? null,
          memory.validTo ?? null,
          memory.eventStart ?? null,
          memory.eventEnd ?? null,
          memory.importance,
          memory.emotionScore,
          memory.emotionIntensity,
          memory.strength,
          memory.accessCount,
          memory.lastAccessedAt ?? null,
          memory.status,
          memory.sourceType,
          memory.trust,
          memory.version,
          JSON.stringify(memory.metadata),
          memory.contentHash,
          memory.verbatim === true ? 1 : 0,
          memory.supersededBy ?? null,
          memory.createdAt,
          memory.updatedAt,
        );
      const seq = BigInt(result.lastInsertRowid);
      this.#linkSources(seq, memory.tenantId, memory.sourceEpisodeIds);
      this.#linkEntities(seq, memory.tenantId, input.entityIds);
      this.#prepare("INSERT INTO memory_fts (rowid, keywords, plain) VALUES (?, ?, ?)").run(
        seq,
        prefixKeywords({ prefix: userKeywordPrefix(memory), text: input.keywordText }),
        input.keywordText,
      );
      this.#insertVector(seq, memory, input.embedding);
    });
  }

  #linkSources(seq: bigint, tenantId: string, episodeIds: readonly string[]): void {
    const link = this.#prepare(
      "INSERT OR IGNORE INTO memory_sources (memory_seq, episode_seq) SELECT ?, seq FROM episodes WHERE tenant_id = ? AND id = ?",
    );
    for (const episodeId of episodeIds) link.run(seq, tenantId, episodeId);
  }

  #insertVector(
    seq: bigint,
    memory: Pick<MemoryRecord, "tenantId" | "userId" | "agentId" | "sessionId" | "status" | "kind">,
    embedding: Float32Array,
  ): void {
    if (this.#dimensions === undefined) {
      throw new MnemoError({ code: "INTERNAL", message: "prepareEmbeddings() must run before vectors are written." });
    }
    if (embedding.length !== this.#dimensions) {
      throw new MnemoError({
        code: "EMBEDDER_MISMATCH",
        message: `Vector of ${embedding.length} dimensions given; the store holds ${this.#dimensions}.`,
      });
    }
    this.#prepare(`INSERT INTO memory_vectors (memory_seq, tenant_id, user_id, agent_id, session_id, status, kind, embedding)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
      seq,
      memory.tenantId,
      memory.userId ?? "",
      memory.agentId ?? "",
      memory.sessionId ?? "",
      memory.status,
      memory.kind,
      embedding,
    );
  }

  #memorySeq(tenantId: string, id: string): bigint {
    const row = this.#prepare("SELECT seq FROM memories WHERE tenant_id = ? AND id = ?").safeIntegers(true).get(tenantId, id) as
      | { seq: bigint }
      | undefined;
    if (row === undefined) throw new MnemoError({ code: "MEMORY_NOT_FOUND", message: `Memory ${id} not found.`, details: { id } });
    return row.seq;
  }

  async updateMemory(options: Parameters<StoreWriter["updateMemory"]>[0]): Promise<void> {
    this.#requireWriter();
    this.#run(() => {
      const seq = this.#memorySeq(options.tenantId, options.id);
      const columns: Record<string, string> = {
        text: "text",
        metadata: "metadata",
        status: "status",
        validTo: "valid_to",
        supersededBy: "superseded_by",
        strength: "strength",
        importance: "importance",
        version: "version",
        contentHash: "content_hash",
        updatedAt: "updated_at",
      };
      const assignments: string[] = [];
      const parameters: Parameter[] = [];
      for (const [key, value] of Object.entries(options.changes)) {
        const column = columns[key];
        if (column === undefined || value === undefined) continue;
        assignments.push(`${column} = ?`);
        parameters.push(key === "metadata" ? JSON.stringify(value) : (value as Parameter));
      }
      if (assignments.length > 0) {
        this.#prepare(`UPDATE memories SET ${assignments.join(", ")} WHERE seq = ?`).run(...parameters, seq);
      }
      if (options.addSourceEpisodeIds !== undefined) this.#linkSources(seq, options.tenantId, options.addSourceEpisodeIds);
      if (options.entityIds !== undefined) {
        const before = (
          this.#prepare("SELECT entity_seq AS seq FROM memory_entities WHERE memory_seq = ?").safeIntegers(true).all(seq) as Array<{
            seq: bigint;
          }>
        ).map((row) => row.seq);
        this.#prepare("DELETE FROM memory_entities WHERE memory_seq = ?").run(seq);
        this.#linkEntities(seq, options.tenantId, options.entityIds);
        this.#deleteOrphanEntities(before);
      }
      const row = this.#prepare(
        "SELECT tenant_id AS tenantId, user_id AS userId, agent_id AS agentId, session_id AS sessionId, status, kind FROM memories WHERE seq = ?",
      ).get(seq) as Pick<MemoryRecord, "tenantId" | "userId" | "agentId" | "sessionId" | "status" | "kind">;
      if (options.keywordText !== undefined) {
        this.#prepare("DELETE FROM memory_fts WHERE rowid = ?").run(seq);
        this.#prepare("INSERT INTO memory_fts (rowid, keywords, plain) VALUES (?, ?, ?)").run(
          seq,
          prefixKeywords({ prefix: userKeywordPrefix({ tenantId: row.tenantId, userId: row.userId }), text: options.keywordText }),
          options.keywordText,
        );
      }
      if (options.embedding !== undefined) {
        this.#prepare("DELETE FROM memory_vectors WHERE memory_seq = ?").run(seq);
        this.#insertVector(seq, row, options.embedding);
      } else if (options.changes.status !== undefined) {
        this.#prepare("UPDATE memory_vectors SET status = ? WHERE memory_seq = ?").run(options.changes.status, seq);
      }
    });
  }

  async appendHistory(entry: HistoryEntry & { tenantId: string }): Promise<void> {
    this.#requireWriter();
    this.#run(() => {
      this.#prepare(`INSERT INTO memory_history (id, tenant_id, memory_id, event, before_text, after_text, before_hash, after_hash, actor, reason, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        entry.id,
        entry.tenantId,
        entry.memoryId,
        entry.event,
        entry.beforeText ?? null,
        entry.afterText ?? null,
        entry.beforeHash ?? null,
        entry.afterHash ?? null,
        entry.actor,
        entry.reason ?? null,
        entry.createdAt,
      );
    });
  }

  #purgeSeqs(tenantId: string, seqs: readonly bigint[], deletedAt: string): void {
    const deleteVector = this.#prepare("DELETE FROM memory_vectors WHERE memory_seq = ?");
    const deleteKeywords = this.#prepare("DELETE FROM memory_fts WHERE rowid = ?");
    const wipe = this.#prepare(
      "UPDATE memories SET text = '', metadata = '{}', status = 'deleted', valid_to = coalesce(valid_to, ?), updated_at = ? WHERE seq = ?",
    );
    const wipeHistory = this.#prepare(
      "UPDATE memory_history SET before_text = NULL, after_text = NULL, reason = NULL WHERE tenant_id = ? AND memory_id = (SELECT id FROM memories WHERE seq = ?)",
    );
    const unlink = [
      this.#prepare("DELETE FROM memory_sources WHERE memory_seq = ?"),
      this.#prepare("DELETE FROM memory_entities WHERE memory_seq = ?"),
      this.#prepare("DELETE FROM relations WHERE memory_seq = ?"),
    ];
    const sourceEpisodes = this.#prepare("SELECT episode_seq AS seq FROM memory_sources WHERE memory_seq = ?").safeIntegers(true);
    const linkedEntities = this.#prepare(`SELECT entity_seq AS seq FROM memory_entities WHERE memory_seq = ?
        UNION SELECT subject_seq FROM relations WHERE memory_seq = ?
        UNION SELECT object_seq FROM relations WHERE memory_seq = ? AND object_seq IS NOT NULL`).safeIntegers(true);
    const orphanEpisodes: bigint[] = [];
    const orphanEntities = new Set<bigint>();
    for (const seq of seqs) {
      for (const row of sourceEpisodes.all(seq) as Array<{ seq: bigint }>) orphanEpisodes.push(row.seq);
      for (const row of linkedEntities.all(seq, seq, seq) as Array<{ seq: bigint }>) orphanEntities.add(row.seq);
      deleteVector.run(seq);
      deleteKeywords.run(seq);
      wipeHistory.run(tenantId, seq);
      wipe.run(deletedAt, deletedAt, seq);
      for (const statement of unlink) statement.run(seq);
    }
    // Episodes that no remaining memory derives from go too: deleting a memory deletes the words it came from,
    // also where the next turn holds them as its context (its full-text row indexes the turn it answers).
    const stillUsed = this.#prepare("SELECT 1 FROM memory_sources WHERE episode_seq = ? LIMIT 1");
    // The turn that took this one as context: in a session, its next turn (by time, then order); without one,
    // the next turn of the same add only.
    const turnOf = this.#prepare(
      "SELECT tenant_id AS tenantId, user_id AS userId, agent_id AS agentId, session_id AS sessionId, occurred_at AS occurredAt FROM episodes WHERE seq = ?",
    );
    const nextInSession = this.#prepare(`SELECT seq FROM episodes WHERE tenant_id = ? AND user_id = ? AND agent_id = ? AND session_id = ?
        AND occurred_at >= ? AND seq > ? ORDER BY occurred_at, seq LIMIT 1`);
    const nextInAdd = this.#prepare(
      "SELECT seq FROM episodes WHERE seq = ? AND tenant_id = ? AND user_id = ? AND agent_id = ? AND session_id = ''",
    );
    const nextTurn = (seq: bigint): { seq: number } | undefined => {
      const turn = turnOf.get(seq) as
        | { tenantId: string; userId: string; agentId: string; sessionId: string; occurredAt: string }
        | undefined;
      if (turn === undefined) return undefined;
      return (
        turn.sessionId === ""
          ? nextInAdd.get(seq + 1n, turn.tenantId, turn.userId, turn.agentId)
          : nextInSession.get(turn.tenantId, turn.userId, turn.agentId, turn.sessionId, turn.occurredAt, seq)
      ) as { seq: number } | undefined;
    };
    const forgetContext = this.#prepare("UPDATE episode_fts SET context = '', plain_context = '' WHERE rowid = ?");
    const deleteEpisodeKeywords = this.#prepare("DELETE FROM episode_fts WHERE rowid = ?");
    const deleteEpisode = this.#prepare("DELETE FROM episodes WHERE seq = ?");
    for (const seq of new Set(orphanEpisodes)) {
      if (stillUsed.get(seq) !== undefined) continue;
      const next = nextTurn(seq);
      if (next !== undefined) forgetContext.run(next.seq);
      deleteEpisodeKeywords.run(seq);
      deleteEpisode.run(seq);
    }
    // So do the people, places and things that no remaining memory mentions or relates: their names and aliases
    // came from the deleted words.
    this.#deleteOrphanEntities(orphanEntities);
  }

  /** Links a memory to the entities it mentions (ids of the tenant's entities; unknown ids are skipped). */
  #linkEntities(seq: bigint, tenantId: string, entityIds: readonly string[]): void {
    const linkEntity = this.#prepare(
      "INSERT OR IGNORE INTO memory_entities (memory_seq, entity_seq) SELECT ?, seq FROM entities WHERE tenant_id = ? AND id = ?",
    );
    for (const entityId of entityIds) linkEntity.run(seq, tenantId, entityId);
  }

  /** Deletes those of the given entities that no memory mentions and no relation holds. */
  #deleteOrphanEntities(seqs: Iterable<bigint>): void {
    const entityStillUsed = this.#prepare(`SELECT 1 WHERE EXISTS (SELECT 1 FROM memory_entities WHERE entity_seq = ?)
        OR EXISTS (SELECT 1 FROM relations WHERE subject_seq = ?) OR EXISTS (SELECT 1 FROM relations WHERE object_seq = ?)`);
    const deleteEntity = this.#prepare("DELETE FROM entities WHERE seq = ?");
    for (const seq of seqs) {
      if (entityStillUsed.get(seq, seq, seq) === undefined) deleteEntity.run(seq);
    }
  }

  async purgeMemory(options: { tenantId: string; id: string; deletedAt: string }): Promise<void> {
    this.#requireWriter();
    this.#run(() => {
      this.#purgeSeqs(options.tenantId, [this.#memorySeq(options.tenantId, options.id)], options.deletedAt);
    });
  }

  async purgeScope(options: {
    scope: Scope;
    deletedAt: string;
  }): Promise<{ memories: Array<{ id: string; contentHash: string }>; episodes: number }> {
    this.#requireWriter();
    return this.#run(() => {
      const episodeScope = scopeClause(options.scope, "e");
      const episodeCount = (
        this.#prepare(`SELECT count(*) AS n FROM episodes e WHERE ${episodeScope.sql}`).get(...episodeScope.parameters) as {
          n: number;
        }
      ).n;
      const memoryScope = scopeClause(options.scope, "m");
      const rows = this.#prepare(
        `SELECT seq, id, content_hash AS contentHash FROM memories m WHERE ${memoryScope.sql} AND m.status <> 'deleted'`,
      )
        .safeIntegers(true)
        .all(...memoryScope.parameters) as Array<{ seq: bigint; id: string; contentHash: string }>;
      this.#purgeSeqs(
        options.scope.tenantId,
        rows.map((row) => row.seq),
        options.deletedAt,
      );
      const episodeSeqs = (
        this.#prepare(`SELECT seq FROM episodes e WHERE ${episodeScope.sql}`)
          .safeIntegers(true)
          .all(...episodeScope.parameters) as Array<{ seq: bigint }>
      ).map((row) => row.seq);
      const deleteEpisodeKeywords = this.#prepare("DELETE FROM episode_fts WHERE rowid = ?");
      const deleteEpisode = this.#prepare("DELETE FROM episodes WHERE seq = ?");
      for (const seq of episodeSeqs) {
        deleteEpisodeKeywords.run(seq);
        deleteEpisode.run(seq);
      }
      if (options.scope.sessionId === undefined) {
        const entityScope = scopeClause(options.scope, "n", { session: false });
        this.#prepare(`DELETE FROM entities AS n WHERE ${entityScope.sql}`).run(...entityScope.parameters);
      }
      return { memories: rows.map((row) => ({ id: row.id, contentHash: row.contentHash })), episodes: episodeCount };
    });
  }

  async upsertEntity(entity: Entity): Promise<Entity> {
    this.#requireWriter();
    return this.#run(() => {
      const normalized = normalizeName(entity.name);
      const existing = this.#prepare(
        "SELECT * FROM entities WHERE tenant_id = ? AND user_id = ? AND agent_id = ? AND normalized_name = ? AND type = ?",
      ).get(entity.tenantId, entity.userId ?? "", entity.agentId ?? "", normalized, entity.type) as Record<string, string> | undefined;
      if (existing === undefined) {
        this.#prepare(
          "INSERT INTO entities (id, tenant_id, user_id, agent_id, name, normalized_name, type, aliases) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ).run(
          entity.id,
          entity.tenantId,
          entity.userId ?? "",
          entity.agentId ?? "",
          entity.name,
          normalized,
          entity.type,
          JSON.stringify(entity.aliases),
        );
        return entity;
      }
      const current = toEntity(existing);
      const aliases = [...new Set([...current.aliases, ...entity.aliases])];
      if (aliases.length !== current.aliases.length) {
        this.#prepare("UPDATE entities SET aliases = ? WHERE id = ?").run(JSON.stringify(aliases), current.id);
      }
      return { ...current, aliases };
    });
  }

  async insertRelation(relation: Relation): Promise<void> {
    this.#requireWriter();
    this.#run(() => {
      this.#prepare(`INSERT INTO relations (id, tenant_id, user_id, agent_id, subject_seq, predicate, qualifier, object_seq, object_value, valid_from,
          valid_to, memory_seq, source_episode_ids)
          VALUES (?, ?, ?, ?, (SELECT seq FROM entities WHERE tenant_id = ? AND id = ?), ?, ?, (SELECT seq FROM entities WHERE tenant_id = ? AND id = ?),
          ?, ?, ?, (SELECT seq FROM memories WHERE tenant_id = ? AND id = ?), ?)`).run(
        relation.id,
        relation.tenantId,
        relation.userId ?? "",
        relation.agentId ?? "",
        relation.tenantId,
        relation.subjectId,
        relation.predicate,
        relation.qualifier ?? null,
        relation.tenantId,
        relation.objectId ?? null,
        relation.objectValue ?? null,
        relation.validFrom ?? null,
        relation.validTo ?? null,
        relation.tenantId,
        relation.memoryId ?? null,
        JSON.stringify(relation.sourceEpisodeIds),
      );
    });
  }

  async closeRelation(options: { tenantId: string; id: string; validTo: string }): Promise<void> {
    this.#requireWriter();
    this.#run(() => {
      this.#prepare("UPDATE relations SET valid_to = ? WHERE tenant_id = ? AND id = ?").run(options.validTo, options.tenantId, options.id);
    });
  }

  async reset(options: { tenantId: string }): Promise<void> {
    await this.transaction(async () => {
      this.#run(() => {
        const seqs = (
          this.#prepare("SELECT seq FROM memories WHERE tenant_id = ?").safeIntegers(true).all(options.tenantId) as Array<{
            seq: bigint;
          }>
        ).map((row) => row.seq);
        this.#purgeSeqs(options.tenantId, seqs, new Date(0).toISOString());
        this.#prepare("DELETE FROM episode_fts WHERE rowid IN (SELECT seq FROM episodes WHERE tenant_id = ?)").run(options.tenantId);
        for (const table of ["relations", "memories", "entities", "episodes", "memory_history"]) {
          this.#prepare(`DELETE FROM ${table} WHERE tenant_id = ?`).run(options.tenantId);
        }
      });
    });
  }

  async optimize(): Promise<void> {
    // FTS5 keeps each index as segments that writes add and merge a few at a time; a search reads every segment.
    // Merging them into one (1,000,000 memories of 1,000 users: 10 and 14 segments, 6.7 s) cut search p95 at
    // that scale by 14-24% when the file is not in the OS cache. In the write queue, like every transaction, so
    // it never runs inside another one's open transaction.
    await this.transaction(async () => {
      this.#run(() => {
        this.#database.exec("INSERT INTO memory_fts(memory_fts) VALUES('optimize')");
        this.#database.exec("INSERT INTO episode_fts(episode_fts) VALUES('optimize')");
        this.#database.pragma("optimize");
      });
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#queue;
    this.#closed = true;
    this.#database.pragma("wal_checkpoint(TRUNCATE)");
    this.#database.close();
  }
}

function normalizeName(name: string): string {
  return name.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
}

function toEntity(row: Record<string, string>): Entity {
  return {
    id: row.id as string,
    tenantId: row.tenant_id as string,
    ...optional("userId", row.user_id ?? null),
    ...optional("agentId", row.agent_id ?? null),
    name: row.name as string,
    type: row.type as EntityType,
    aliases: JSON.parse(row.aliases ?? "[]") as string[],
  };
}

function toRelation(row: Record<string, string | null>): Relation {
  return {
    id: row.id as string,
    tenantId: row.tenant_id as string,
    ...optional("userId", row.user_id ?? null),
    ...optional("agentId", row.agent_id ?? null),
    subjectId: row.subject_id as string,
    predicate: row.predicate as string,
    ...optional("qualifier", row.qualifier ?? null),
    ...optional("objectId", row.object_id ?? null),
    ...optional("objectValue", row.object_value ?? null),
    ...optional("validFrom", row.valid_from ?? null),
    ...optional("validTo", row.valid_to ?? null),
    ...optional("memoryId", row.memory_id ?? null),
    sourceEpisodeIds: JSON.parse(row.source_episode_ids ?? "[]") as string[],
  };
}
