/**
 * When an episode counts as true, as read from its source memories: an episode no memory was made from always
 * does; otherwise while one of its memories that is not deleted is valid (`validFrom` ≤ t < `validTo`, either
 * open). Raw turns behind superseded memories say what is no longer true.
 */
export interface EpisodeValidity {
  sourced: boolean;
  /** [validFrom, validTo] of the episode's memories that are not deleted (ISO strings or null). */
  live: ReadonlyArray<readonly [string | null, string | null]>;
}

/**
 * SQL condition on an episode (alias `e`): true at the instant bound twice after it. The same rule as
 * {@link validAt}, for the queries that filter in SQL (a ranking that checks validity on the index's best rows).
 */
export const episodeValidAt = `(NOT EXISTS (SELECT 1 FROM memory_sources cs WHERE cs.episode_seq = e.seq)
  OR EXISTS (SELECT 1 FROM memory_sources cs JOIN memories cm ON cm.seq = cs.memory_seq WHERE cs.episode_seq = e.seq
    AND cm.status <> 'deleted' AND (cm.valid_from IS NULL OR cm.valid_from <= ?) AND (cm.valid_to IS NULL OR cm.valid_to > ?)))`;

/**
 * SQL selecting an episode's validity (columns `sourced`, then `live` as JSON) for alias `e`, to be read with
 * {@link validityOf}.
 */
export const episodeValidityColumns = `EXISTS (SELECT 1 FROM memory_sources cs WHERE cs.episode_seq = e.seq) AS sourced,
  (SELECT json_group_array(json_array(cm.valid_from, cm.valid_to)) FROM memory_sources cs JOIN memories cm ON cm.seq = cs.memory_seq
    WHERE cs.episode_seq = e.seq AND cm.status <> 'deleted') AS live`;

/**
 * The validity read by {@link episodeValidityColumns}.
 *
 * @example
 * validityOf(1, '[["2024-01-01T00:00:00.000Z",null]]'); // { sourced: true, live: [["2024-01-01T00:00:00.000Z", null]] }
 */
export function validityOf(sourced: unknown, live: unknown): EpisodeValidity {
  return {
    sourced: sourced === 1 || sourced === 1n,
    live: typeof live === "string" ? (JSON.parse(live) as Array<[string | null, string | null]>) : [],
  };
}

/**
 * Is the episode true at `time` (an ISO string, compared as SQLite compares the stored ones: as text)?
 *
 * @example
 * validAt({ sourced: true, live: [["2024-01-01T00:00:00.000Z", "2024-06-01T00:00:00.000Z"]] }, "2024-07-01T00:00:00.000Z"); // false
 */
export function validAt(validity: EpisodeValidity, time: string): boolean {
  if (!validity.sourced) return true;
  return validity.live.some(([from, to]) => (from === null || from <= time) && (to === null || to > time));
}
