import { sameMark, type WriteMark } from "./remembered-counts.js";

/**
 * What a check of one row against a scope and filters found (or what a query found for one row, such as a turn's
 * neighbours), by row, per check (a query and its parameters),
 * remembered while no write happens: valid for the one write mark it was read at, all forgotten when it moves
 * (any write of this connection, any commit of another). `null` remembers that the row failed. A check's rows
 * are forgotten once `capacityPerCheck` of them are held. The best rows of one user's searches are checked
 * again and again (their scope checks were a fifth of a search's time).
 *
 * @example
 * const checks = createRememberedChecks<{ id: string }>({ capacityPerCheck: 100_000 });
 * const known = checks.of("memories|u1|active", mark); // a Map to read and fill
 * known.set(42, { id: "m1" });
 */
export function createRememberedChecks<T, Row = number>(options: { capacityPerCheck: number }) {
  const byCheck = new Map<string, Map<Row, T | null>>();
  let at: WriteMark | undefined;
  return {
    /** The rows remembered for `check` at `mark`: a map to read and to fill with what is read. */
    of(check: string, mark: WriteMark): Map<Row, T | null> {
      if (at === undefined || !sameMark(at, mark)) {
        byCheck.clear();
        at = { changes: mark.changes, version: mark.version };
      }
      let rows = byCheck.get(check);
      if (rows === undefined || rows.size >= options.capacityPerCheck) {
        if (byCheck.size >= 1_000) byCheck.clear();
        rows = new Map();
        byCheck.set(check, rows);
      }
      return rows;
    },
  };
}
