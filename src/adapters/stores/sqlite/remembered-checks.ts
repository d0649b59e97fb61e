import { sameMark, type WriteMark } from "./remembered-counts.js";

/**
 * What a check of one row against a scope and filters found (or what a query found for one row, such as a turn's
 * neighbours), by row, per check (a query and its parameters), remembered while no write happens: valid for the
 * one write mark it was read at, all forgotten when it moves (any write of this connection, any commit of
 * another). `null` remembers that the row failed. A check's rows are forgotten once it holds `capacityPerCheck`
 * of them, and every check's once about `capacity` rows are held in all (counted as checks are asked for). The
 * best rows of one user's searches are checked again and again (their scope checks were a fifth of a search's
 * time).
 *
 * @example
 * const checks = createRememberedChecks<{ id: string }>({ capacity: 500_000, capacityPerCheck: 100_000 });
 * const known = checks.of("memories|u1|active", mark); // a Map to read and fill
 * known.set(42, { id: "m1" });
 */
export function createRememberedChecks<T, Row = number>(options: { capacity: number; capacityPerCheck: number }) {
  const byCheck = new Map<string, { rows: Map<Row, T | null>; counted: number }>();
  let held = 0;
  let at: WriteMark | undefined;
  const forgetAll = () => {
    byCheck.clear();
    held = 0;
  };
  return {
    /** The rows remembered for `check` at `mark`: a map to read and to fill with what is read. */
    of(check: string, mark: WriteMark): Map<Row, T | null> {
      if (at === undefined || !sameMark(at, mark)) {
        forgetAll();
        at = { changes: mark.changes, version: mark.version };
      }
      let entry = byCheck.get(check);
      if (entry !== undefined) {
        held += entry.rows.size - entry.counted;
        entry.counted = entry.rows.size;
        if (held >= options.capacity) forgetAll();
        else if (entry.rows.size >= options.capacityPerCheck) {
          held -= entry.counted;
          byCheck.delete(check);
        }
        entry = byCheck.get(check);
      }
      if (entry === undefined) {
        if (byCheck.size >= 1_000) forgetAll();
        entry = { rows: new Map(), counted: 0 };
        byCheck.set(check, entry);
      }
      return entry.rows;
    },
  };
}
