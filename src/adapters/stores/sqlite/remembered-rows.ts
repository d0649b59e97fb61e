import { sameMark, type WriteMark } from "./remembered-counts.js";

/**
 * Rows of a full-text phrase: row ids and their scores, position by position. Two typed arrays instead of an
 * array of pairs: a remembered list is two objects for the garbage collector to move, not one per row.
 */
export interface PhraseRows {
  rowids: Float64Array;
  scores: Float64Array;
}

/**
 * Rows a full-text phrase matched (rowid and BM25 score), remembered against the exact write mark they were
 * read at: any write of this connection or commit of another changes the mark, and with it the table
 * statistics every score depends on, so a remembered list is only returned for the very same mark. An agent
 * asks about one user again and again, and the user's name and usual words come back in most questions (over
 * LoCoMo's questions, asked conversation by conversation, the mean search took ~10% less). Bounded by the rows
 * held: cleared when a list would not fit.
 *
 * @example
 * const remembered = createRememberedRows({ capacityRows: 100_000 });
 * const rows = { rowids: Float64Array.of(7), scores: Float64Array.of(1.5) };
 * remembered.set("memory_fts|lisbon", rows, mark);
 * remembered.get("memory_fts|lisbon", mark); // rows; undefined once the mark moved
 */
export function createRememberedRows(options: { capacityRows: number }) {
  const entries = new Map<string, WriteMark & { rows: PhraseRows }>();
  let held = 0;
  return {
    get(key: string, mark: WriteMark): PhraseRows | undefined {
      const known = entries.get(key);
      return known !== undefined && sameMark(known, mark) ? known.rows : undefined;
    },
    set(key: string, rows: PhraseRows, mark: WriteMark): void {
      const count = rows.rowids.length;
      if (count > options.capacityRows) return;
      const previous = entries.get(key);
      if (previous !== undefined) held -= previous.rows.rowids.length;
      if (held + count > options.capacityRows) {
        entries.clear();
        held = 0;
      }
      entries.set(key, { rows, changes: mark.changes, version: mark.version });
      held += count;
    },
  };
}
