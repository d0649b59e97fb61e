import { existsSync, statSync } from "node:fs";
import { MnemoError } from "../../../core/errors.js";
import { openDatabase } from "./open-database.js";
import { storeFailure } from "./store-failure.js";

/** What {@link backupDatabase} wrote. */
export interface BackupResult {
  destination: string;
  bytes: number;
  seconds: number;
  memories: number;
  episodes: number;
}

/**
 * Copies a live Mnemo database to `destination` with `VACUUM INTO`: one read transaction, so the copy is the
 * file as of one instant (every write committed before it, none after) while other connections and processes
 * go on reading and writing; the copy is compacted and has no WAL to carry. The copy is checked before it is
 * reported (`PRAGMA integrity_check`, and both full-text indexes' `integrity-check`). An existing destination is
 * refused (`INPUT_INVALID`): nothing is overwritten.
 *
 * @example
 * const result = backupDatabase({ path: "./mnemo.db", destination: "./backups/mnemo-2026-11-24.db" });
 * console.log(`${result.memories} memories, ${result.bytes} bytes`);
 */
export function backupDatabase(options: { path: string; destination: string }): BackupResult {
  const { path, destination } = options;
  if (!existsSync(path)) throw new MnemoError({ code: "INPUT_INVALID", message: `No database at ${path}.`, details: { path } });
  if (existsSync(destination)) {
    throw new MnemoError({
      code: "INPUT_INVALID",
      message: `${destination} already exists; a backup never overwrites a file.`,
      details: { destination },
    });
  }
  const started = performance.now();
  const source = openDatabase({ path });
  try {
    source.prepare("VACUUM INTO ?").run(destination);
  } catch (error) {
    throw storeFailure({ error, what: "The backup" });
  } finally {
    source.close();
  }
  const copy = openDatabase({ path: destination });
  try {
    const integrity = copy.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new MnemoError({ code: "STORE_FAILED", message: `The backup failed its integrity check: ${integrity}` });
    for (const table of ["memory_fts", "episode_fts"]) copy.prepare(`INSERT INTO ${table}(${table}) VALUES ('integrity-check')`).run();
    const count = (sql: string) => (copy.prepare(sql).get() as { n: number }).n;
    return {
      destination,
      bytes: statSync(destination).size,
      seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
      memories: count("SELECT count(*) AS n FROM memories WHERE status = 'active'"),
      episodes: count("SELECT count(*) AS n FROM episodes"),
    };
  } catch (error) {
    throw storeFailure({ error, what: "The backup" });
  } finally {
    copy.close();
  }
}
