/** Where writes stand: a connection's row changes (`total_changes()`) and the file's `data_version`. */
export interface WriteMark {
  changes: number;
  version: number;
}

/**
 * Are two write marks the same: no write of this connection and no commit of another between them?
 *
 * @example
 * sameMark({ changes: 3, version: 1 }, { changes: 3, version: 1 }); // true
 */
export function sameMark(left: WriteMark, right: WriteMark): boolean {
  return left.changes === right.changes && left.version === right.version;
}

/**
 * Counts (rows of a scope, of a word, of a table) remembered against the write mark they were taken at. A
 * count stays good while no other connection has committed (the version is the same) and this connection's
 * own changes since are within the caller's tolerance for that count. Bounded: cleared when full.
 *
 * @example
 * const counts = createRememberedCounts({ capacity: 1_000 });
 * counts.set("u1", 42, mark);
 * counts.get("u1", laterMark, (rows) => rows * 0.01); // 42 while at most 0.42 rows changed, else undefined
 */
export function createRememberedCounts(options: { capacity: number }) {
  const entries = new Map<string, WriteMark & { rows: number }>();
  return {
    get(key: string, mark: WriteMark, tolerance: (rows: number) => number): number | undefined {
      const known = entries.get(key);
      if (known === undefined || known.version !== mark.version) return undefined;
      return mark.changes - known.changes <= tolerance(known.rows) ? known.rows : undefined;
    },
    set(key: string, rows: number, mark: WriteMark): void {
      if (entries.size >= options.capacity) entries.clear();
      entries.set(key, { rows, changes: mark.changes, version: mark.version });
    },
  };
}
