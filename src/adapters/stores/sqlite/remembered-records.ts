import type { WriteMark } from "./remembered-counts.js";
import { createRememberedResults } from "./remembered-results.js";

/**
 * Records read by id (memories, episodes), remembered while no write happens: valid for the one write mark they
 * were read at, and all forgotten at once when the mark moves (any write of this connection, any commit of
 * another) or when `capacity` would be passed. A search loads the thirty-odd memories and turns it ranks
 * highest, and the same ones come back in the next questions about the same user; reading them again cost
 * about a sixth of a search. Records are frozen, deeply: what one caller changed, the next would see.
 *
 * @example
 * const remembered = createRememberedRecords<Episode>({ capacity: 50_000, idOf: (episode) => episode.id });
 * const { found, missing } = remembered.take(["e1", "e2"], mark);
 * remembered.put(loadedEpisodes, mark);
 */
export function createRememberedRecords<T>(options: { capacity: number; idOf: (record: T) => string }) {
  const remembered = createRememberedResults({ capacity: options.capacity });
  return {
    /** The remembered records of `ids` (by id), and the ids to read. */
    take(ids: readonly string[], mark: WriteMark): { found: Map<string, T>; missing: string[] } {
      const found = new Map<string, T>();
      const missing: string[] = [];
      for (const id of ids) {
        const record = remembered.get(id, mark) as T | undefined;
        if (record === undefined) missing.push(id);
        else found.set(id, record);
      }
      return { found, missing };
    },
    /** A record's id, as the records are kept by. */
    idOf: options.idOf,
    /** Remembers records read at `mark` (frozen in place). */
    put(read: readonly T[], mark: WriteMark): void {
      if (remembered.size + read.length > options.capacity) remembered.clear();
      for (const record of read) remembered.set(options.idOf(record), record, mark);
    },
  };
}
