/**
 * Rows of the `memories` and `episodes` tables, read as arrays.
 *
 * better-sqlite3 builds a row object property by property; on the read path that cost more than the queries
 * themselves (42 episode rows: 0.16 ms as objects, 0.08 ms as arrays mapped here, on the 2-core machine). Hot
 * reads therefore select the columns listed below, in this order, with `statement.raw(true)`, and map each
 * array with `memoryRowOf` / `episodeRowOf`. Extra columns a query selects after the list start at
 * `memoryColumnNames.length` / `episodeColumnNames.length`.
 *
 * @example
 * const rows = database
 *   .prepare(`SELECT ${episodeColumns("e")} FROM episodes e WHERE e.seq = ?`)
 *   .raw(true)
 *   .all(7) as unknown[][];
 * const episodes = rows.map((values) => toEpisode(episodeRowOf(values)));
 */

export interface MemoryRow {
  seq: number;
  id: string;
  tenant_id: string;
  user_id: string;
  agent_id: string;
  session_id: string;
  kind: string;
  text: string;
  language: string;
  valid_from: string | null;
  valid_to: string | null;
  event_start: string | null;
  event_end: string | null;
  importance: number;
  emotion_score: number;
  emotion_intensity: number;
  strength: number;
  access_count: number;
  last_accessed_at: string | null;
  status: string;
  source_type: string;
  trust: string;
  version: number;
  metadata: string;
  content_hash: string;
  verbatim: number;
  superseded_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface EpisodeRow {
  seq: number;
  id: string;
  tenant_id: string;
  user_id: string;
  agent_id: string;
  session_id: string;
  source_type: string;
  role: string | null;
  speaker: string | null;
  content: string;
  language: string;
  external_id: string | null;
  occurred_at: string;
  recorded_at: string;
  metadata: string;
  emotion_score: number;
  emotion_intensity: number;
  content_hash: string;
}

/** The columns `memoryRowOf` reads, in its order. */
export const memoryColumnNames = [
  "seq",
  "id",
  "tenant_id",
  "user_id",
  "agent_id",
  "session_id",
  "kind",
  "text",
  "language",
  "valid_from",
  "valid_to",
  "event_start",
  "event_end",
  "importance",
  "emotion_score",
  "emotion_intensity",
  "strength",
  "access_count",
  "last_accessed_at",
  "status",
  "source_type",
  "trust",
  "version",
  "metadata",
  "content_hash",
  "verbatim",
  "superseded_by",
  "created_at",
  "updated_at",
] as const satisfies ReadonlyArray<keyof MemoryRow>;

/** The columns `episodeRowOf` reads, in its order. */
export const episodeColumnNames = [
  "seq",
  "id",
  "tenant_id",
  "user_id",
  "agent_id",
  "session_id",
  "source_type",
  "role",
  "speaker",
  "content",
  "language",
  "external_id",
  "occurred_at",
  "recorded_at",
  "metadata",
  "emotion_score",
  "emotion_intensity",
  "content_hash",
] as const satisfies ReadonlyArray<keyof EpisodeRow>;

/** The memory columns of the table aliased `alias`, as a select list. */
export function memoryColumns(alias: string): string {
  return memoryColumnNames.map((name) => `${alias}.${name}`).join(", ");
}

/** The episode columns of the table aliased `alias`, as a select list. */
export function episodeColumns(alias: string): string {
  return episodeColumnNames.map((name) => `${alias}.${name}`).join(", ");
}

/** A raw row selected with `memoryColumns` as a MemoryRow. */
export function memoryRowOf(values: readonly unknown[]): MemoryRow {
  return {
    seq: values[0] as number,
    id: values[1] as string,
    tenant_id: values[2] as string,
    user_id: values[3] as string,
    agent_id: values[4] as string,
    session_id: values[5] as string,
    kind: values[6] as string,
    text: values[7] as string,
    language: values[8] as string,
    valid_from: values[9] as string | null,
    valid_to: values[10] as string | null,
    event_start: values[11] as string | null,
    event_end: values[12] as string | null,
    importance: values[13] as number,
    emotion_score: values[14] as number,
    emotion_intensity: values[15] as number,
    strength: values[16] as number,
    access_count: values[17] as number,
    last_accessed_at: values[18] as string | null,
    status: values[19] as string,
    source_type: values[20] as string,
    trust: values[21] as string,
    version: values[22] as number,
    metadata: values[23] as string,
    content_hash: values[24] as string,
    verbatim: values[25] as number,
    superseded_by: values[26] as string | null,
    created_at: values[27] as string,
    updated_at: values[28] as string,
  };
}

/** A raw row selected with `episodeColumns` as an EpisodeRow. */
export function episodeRowOf(values: readonly unknown[]): EpisodeRow {
  return {
    seq: values[0] as number,
    id: values[1] as string,
    tenant_id: values[2] as string,
    user_id: values[3] as string,
    agent_id: values[4] as string,
    session_id: values[5] as string,
    source_type: values[6] as string,
    role: values[7] as string | null,
    speaker: values[8] as string | null,
    content: values[9] as string,
    language: values[10] as string,
    external_id: values[11] as string | null,
    occurred_at: values[12] as string,
    recorded_at: values[13] as string,
    metadata: values[14] as string,
    emotion_score: values[15] as number,
    emotion_intensity: values[16] as number,
    content_hash: values[17] as string,
  };
}
