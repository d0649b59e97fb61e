import { deepFreeze } from "./deep-freeze.js";
import { sameMark, type WriteMark } from "./remembered-counts.js";

/**
 * Results of read queries that depend only on their parameters and the stored data (a user's memories naming
 * some entities, of an entity type, dated in a range; the entities of some names), remembered while no write
 * happens: valid for the one write mark they were read at, all forgotten when it moves (any write of this
 * connection, any commit of another) or when `capacity` entries would be passed. An agent's questions about one
 * user name the same people and kinds of answer again and again. Results are frozen, deeply.
 *
 * @example
 * const remembered = createRememberedResults({ capacity: 5_000 });
 * const hits = remembered.get("entities|…", mark) ?? remembered.set("entities|…", readHits(), mark);
 */
export function createRememberedResults(options: { capacity: number }) {
  const results = new Map<string, unknown>();
  let at: WriteMark | undefined;
  const align = (mark: WriteMark) => {
    if (at === undefined || !sameMark(at, mark)) {
      results.clear();
      at = { changes: mark.changes, version: mark.version };
    }
  };
  return {
    get(key: string, mark: WriteMark): unknown {
      align(mark);
      return results.get(key);
    },
    /** Remembers a result read at `mark` (frozen in place) and returns it. */
    set<T>(key: string, value: T, mark: WriteMark): T {
      align(mark);
      if (results.size >= options.capacity) results.clear();
      results.set(key, deepFreeze(value));
      return value;
    },
    /** How many results are remembered. */
    get size(): number {
      return results.size;
    },
    clear(): void {
      results.clear();
    },
  };
}
