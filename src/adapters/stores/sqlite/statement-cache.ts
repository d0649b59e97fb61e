import type Database from "better-sqlite3";

/**
 * Prepared statements of one connection, cached by SQL text (preparing costs more than running most of them).
 *
 * @example
 * const prepare = createStatementCache(database);
 * prepare("SELECT value FROM mnemo_meta WHERE key = ?").get("embedding_model");
 */
export function createStatementCache(database: Database.Database): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = database.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
