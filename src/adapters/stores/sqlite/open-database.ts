import Database from "better-sqlite3";
import * as sqliteVec from "sqlite-vec";
import { MnemoError } from "../../../core/errors.js";
import { type Migration, migrations } from "./migrations.js";

/** The connection settings every Mnemo SQLite connection uses (see docs/ARCHITECTURE.md, durability). */
export const durablePragmas = {
  journal_mode: "wal",
  synchronous: 2, // FULL
  foreign_keys: 1,
  busy_timeout: 5000,
} as const;

/** Read-performance settings (they change no stored byte). */
export const readPragmas = {
  cache_size: -131_072, // KiB: 128 MiB per connection, allocated as pages are read
} as const;

/**
 * Opens (or creates) a SQLite database with the durable profile, loads sqlite-vec and applies pending
 * migrations, each in its own transaction. A database written by a newer Mnemo is refused.
 *
 * @example
 * const database = openDatabase({ path: "./mnemo.db" });
 */
export function openDatabase(options: { path: string; readonly?: boolean }): Database.Database {
  let database: Database.Database;
  try {
    database = new Database(options.path, { readonly: options.readonly ?? false });
  } catch (error) {
    throw new MnemoError({
      code: "STORE_FAILED",
      message: `Cannot open the database at ${options.path}: ${(error as Error).message}`,
      cause: error,
    });
  }
  try {
    database.pragma(`journal_mode = ${durablePragmas.journal_mode}`);
    database.pragma(`synchronous = ${durablePragmas.synchronous}`);
    database.pragma(`foreign_keys = ${durablePragmas.foreign_keys}`);
    database.pragma(`busy_timeout = ${durablePragmas.busy_timeout}`);
    database.pragma("secure_delete = ON");
    // Reads: a page cache that holds a working set (full-text posting lists, vector chunks of ~1.5 MB each).
    // Memory-mapped reads measured no faster here (and slower from a cold disk cache), so they stay off.
    database.pragma(`cache_size = ${readPragmas.cache_size}`);
    sqliteVec.load(database);
    applyMigrations({ database, migrations });
    return database;
  } catch (error) {
    database.close();
    if (MnemoError.isInstance(error)) throw error;
    throw new MnemoError({
      code: "STORE_FAILED",
      message: `Cannot prepare the database at ${options.path}: ${(error as Error).message}`,
      cause: error,
    });
  }
}

/** Applies every migration newer than the database's `user_version`, each in one transaction. */
export function applyMigrations(options: { database: Database.Database; migrations: readonly Migration[] }): void {
  const { database } = options;
  const current = database.pragma("user_version", { simple: true }) as number;
  const latest = options.migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new MnemoError({
      code: "STORE_SCHEMA_NEWER",
      message: `The database schema is version ${current}, newer than this Mnemo understands (${latest}). Upgrade Mnemo.`,
      details: { databaseVersion: current, supportedVersion: latest },
    });
  }
  for (const migration of options.migrations) {
    if (migration.version <= current) continue;
    database
      .transaction(() => {
        database.exec(migration.sql);
        migration.run?.(database);
        database.pragma(`user_version = ${migration.version}`);
      })
      .immediate();
  }
}
