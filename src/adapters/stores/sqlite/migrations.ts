import type Database from "better-sqlite3";
import { prefixKeywords, userKeywordPrefix } from "./scoped-keywords.js";

/**
 * Versioned schema migrations of the SQLite store. Append only: never edit a migration that has shipped.
 * The vector table depends on the embedder's dimension and is created by `prepareEmbeddings`.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** A data step run after `sql`, in the same transaction, for what SQL alone cannot compute. */
  run?: (database: Database.Database) => void;
}

const scopeColumns = `
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL DEFAULT '',
  agent_id TEXT NOT NULL DEFAULT '',
  session_id TEXT NOT NULL DEFAULT ''`;

/** The full-text tables with user-prefixed words beside plain ones, created as `*_next` to be filled and renamed. */
const nextFullTextTables = `
CREATE VIRTUAL TABLE memory_fts_next USING fts5(keywords, plain, tokenize = 'porter unicode61 remove_diacritics 2');
INSERT INTO memory_fts_next (memory_fts_next, rank) VALUES ('secure-delete', 1);
CREATE VIRTUAL TABLE episode_fts_next USING fts5(keywords, context, plain, plain_context, tokenize = 'porter unicode61 remove_diacritics 2');
INSERT INTO episode_fts_next (episode_fts_next, rank) VALUES ('secure-delete', 1);
`;

/**
 * Calls `each` on every row of `select` (bound to the last `seq` seen and a batch size, selecting `seq` in
 * order), reading 10,000 rows at a time so a large table is never held in memory at once.
 */
function inBatches<Row extends { seq: number }>(select: Database.Statement, each: (row: Row) => void): void {
  const batch = 10_000;
  for (let last = 0; ; ) {
    const rows = select.all(last, batch) as Row[];
    for (const row of rows) each(row);
    if (rows.length < batch) return;
    last = rows[rows.length - 1]?.seq ?? last;
  }
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: `
CREATE TABLE mnemo_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE episodes (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,${scopeColumns},
  source_type TEXT NOT NULL CHECK (source_type IN ('message', 'document')),
  role TEXT,
  speaker TEXT,
  content TEXT NOT NULL,
  language TEXT NOT NULL,
  external_id TEXT,
  occurred_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
  emotion_score REAL NOT NULL,
  emotion_intensity REAL NOT NULL,
  content_hash TEXT NOT NULL
) STRICT;
CREATE INDEX episodes_scope ON episodes (tenant_id, user_id, agent_id, session_id, occurred_at);
CREATE INDEX episodes_external ON episodes (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE TRIGGER episodes_immutable BEFORE UPDATE ON episodes
BEGIN
  SELECT RAISE(ABORT, 'episodes are immutable');
END;

CREATE TABLE memories (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,${scopeColumns},
  kind TEXT NOT NULL CHECK (kind IN ('fact', 'preference', 'event', 'plan', 'profile', 'procedure', 'summary')),
  text TEXT NOT NULL,
  language TEXT NOT NULL,
  valid_from TEXT,
  valid_to TEXT,
  event_start TEXT,
  event_end TEXT,
  importance REAL NOT NULL CHECK (importance BETWEEN 0 AND 1),
  emotion_score REAL NOT NULL CHECK (emotion_score BETWEEN 0 AND 100),
  emotion_intensity REAL NOT NULL CHECK (emotion_intensity BETWEEN 0 AND 1),
  strength REAL NOT NULL,
  access_count INTEGER NOT NULL DEFAULT 0,
  last_accessed_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('active', 'superseded', 'dormant', 'deleted')),
  source_type TEXT NOT NULL CHECK (source_type IN ('user', 'agent', 'tool', 'document', 'system')),
  trust TEXT NOT NULL CHECK (trust IN ('high', 'medium', 'low')),
  version INTEGER NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
  content_hash TEXT NOT NULL,
  superseded_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX memories_scope ON memories (tenant_id, user_id, agent_id, session_id, status, created_at);
CREATE INDEX memories_hash ON memories (tenant_id, content_hash);

CREATE TABLE memory_sources (
  memory_seq INTEGER NOT NULL REFERENCES memories (seq) ON DELETE CASCADE,
  episode_seq INTEGER NOT NULL REFERENCES episodes (seq) ON DELETE CASCADE,
  PRIMARY KEY (memory_seq, episode_seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX memory_sources_episode ON memory_sources (episode_seq);

CREATE TABLE entities (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL DEFAULT '',
  agent_id TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  normalized_name TEXT NOT NULL,
  type TEXT NOT NULL,
  aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
  UNIQUE (tenant_id, user_id, agent_id, normalized_name, type)
) STRICT;

CREATE TABLE memory_entities (
  memory_seq INTEGER NOT NULL REFERENCES memories (seq) ON DELETE CASCADE,
  entity_seq INTEGER NOT NULL REFERENCES entities (seq) ON DELETE CASCADE,
  PRIMARY KEY (memory_seq, entity_seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX memory_entities_entity ON memory_entities (entity_seq);

CREATE TABLE relations (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL DEFAULT '',
  agent_id TEXT NOT NULL DEFAULT '',
  subject_seq INTEGER NOT NULL REFERENCES entities (seq) ON DELETE CASCADE,
  predicate TEXT NOT NULL,
  object_seq INTEGER REFERENCES entities (seq) ON DELETE CASCADE,
  object_value TEXT,
  valid_from TEXT,
  valid_to TEXT,
  memory_seq INTEGER REFERENCES memories (seq) ON DELETE CASCADE,
  source_episode_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(source_episode_ids))
) STRICT;
CREATE INDEX relations_subject ON relations (subject_seq);
CREATE INDEX relations_object ON relations (object_seq);

CREATE TABLE memory_history (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  tenant_id TEXT NOT NULL,
  memory_id TEXT NOT NULL,
  event TEXT NOT NULL CHECK (event IN ('ADD', 'UPDATE', 'SUPERSEDE', 'DELETE', 'NONE')),
  before_text TEXT,
  after_text TEXT,
  before_hash TEXT,
  after_hash TEXT,
  actor TEXT NOT NULL,
  reason TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX memory_history_memory ON memory_history (tenant_id, memory_id, seq);

CREATE VIRTUAL TABLE memory_fts USING fts5(keywords, tokenize = 'porter unicode61 remove_diacritics 2');
INSERT INTO memory_fts (memory_fts, rank) VALUES ('secure-delete', 1);
CREATE VIRTUAL TABLE episode_fts USING fts5(keywords, tokenize = 'porter unicode61 remove_diacritics 2');
INSERT INTO episode_fts (episode_fts, rank) VALUES ('secure-delete', 1);
`,
  },
  {
    version: 2,
    name: "relation qualifiers and current-relation lookups",
    sql: `
ALTER TABLE relations ADD COLUMN qualifier TEXT;
CREATE INDEX relations_current ON relations (tenant_id, user_id, agent_id, subject_seq, predicate) WHERE valid_to IS NULL;
`,
  },
  {
    version: 3,
    name: "api keys, hub agents, grants, topic pools and the read audit",
    sql: `
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 8 AND 64),
  tenant_id TEXT NOT NULL,
  agent_id TEXT,
  name TEXT,
  scopes TEXT NOT NULL CHECK (json_valid(scopes) AND json_type(scopes) = 'array'),
  secret_hash BLOB NOT NULL CHECK (length(secret_hash) = 32),
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at);

CREATE TABLE hub_agents (
  tenant_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('worker', 'supervisor', 'peer')),
  supervisor_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, agent_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX hub_agents_supervisor ON hub_agents (tenant_id, supervisor_id) WHERE supervisor_id IS NOT NULL;

CREATE TABLE hub_grants (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  tenant_id TEXT NOT NULL,
  owner_agent_id TEXT NOT NULL,
  grantee_agent_id TEXT NOT NULL,
  access TEXT NOT NULL CHECK (access IN ('read', 'write')),
  user_id TEXT,
  kinds TEXT CHECK (kinds IS NULL OR json_valid(kinds)),
  tags TEXT CHECK (tags IS NULL OR json_valid(tags)),
  topic TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
CREATE INDEX hub_grants_grantee ON hub_grants (tenant_id, grantee_agent_id) WHERE revoked_at IS NULL;
CREATE INDEX hub_grants_owner ON hub_grants (tenant_id, owner_agent_id);

CREATE TABLE hub_topic_pools (
  tenant_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, topic)
) STRICT, WITHOUT ROWID;

CREATE TABLE hub_pool_members (
  tenant_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  joined_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, topic, agent_id),
  FOREIGN KEY (tenant_id, topic) REFERENCES hub_topic_pools (tenant_id, topic) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX hub_pool_members_agent ON hub_pool_members (tenant_id, agent_id);

CREATE TABLE hub_read_audit (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  tenant_id TEXT NOT NULL,
  reader_agent_id TEXT NOT NULL,
  owner_agent_id TEXT NOT NULL,
  memory_id TEXT NOT NULL,
  user_id TEXT,
  action TEXT NOT NULL CHECK (action IN ('search', 'share', 'get', 'list', 'conflict-check')),
  via TEXT NOT NULL CHECK (via IN ('grant', 'supervisor', 'pool')),
  grant_id TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX hub_read_audit_reader ON hub_read_audit (tenant_id, reader_agent_id, created_at);
CREATE INDEX hub_read_audit_owner ON hub_read_audit (tenant_id, owner_agent_id, created_at);
CREATE INDEX hub_read_audit_time ON hub_read_audit (tenant_id, created_at);
`,
  },
  {
    version: 4,
    name: "episode full-text gets a separate, lower-weighted context column",
    sql: `
CREATE VIRTUAL TABLE episode_fts_next USING fts5(keywords, context, tokenize = 'porter unicode61 remove_diacritics 2');
INSERT INTO episode_fts_next (episode_fts_next, rank) VALUES ('secure-delete', 1);
INSERT INTO episode_fts_next (rowid, keywords, context) SELECT rowid, keywords, '' FROM episode_fts;
DROP TABLE episode_fts;
ALTER TABLE episode_fts_next RENAME TO episode_fts;
`,
  },
  {
    version: 5,
    name: "per-user full-text terms beside plain ones",
    sql: nextFullTextTables,
    run(database) {
      const strip = (text: string) => text.replace(/^zzscope[0-9a-f]+\s*/, "");
      const insertMemory = database.prepare("INSERT INTO memory_fts_next (rowid, keywords, plain) VALUES (?, ?, ?)");
      const memories = database
        .prepare(
          "SELECT f.rowid AS seq, f.keywords AS keywords, m.tenant_id AS tenantId, m.user_id AS userId FROM memory_fts f JOIN memories m ON m.seq = f.rowid",
        )
        .all() as Array<{ seq: number; keywords: string; tenantId: string; userId: string }>;
      for (const row of memories) {
        const plain = strip(row.keywords);
        const prefix = userKeywordPrefix({ tenantId: row.tenantId, userId: row.userId });
        insertMemory.run(row.seq, prefixKeywords({ prefix, text: plain }), plain);
      }
      const insertEpisode = database.prepare(
        "INSERT INTO episode_fts_next (rowid, keywords, context, plain, plain_context) VALUES (?, ?, ?, ?, ?)",
      );
      const episodes = database
        .prepare(
          "SELECT f.rowid AS seq, f.keywords AS keywords, f.context AS context, e.tenant_id AS tenantId, e.user_id AS userId FROM episode_fts f JOIN episodes e ON e.seq = f.rowid",
        )
        .all() as Array<{ seq: number; keywords: string; context: string; tenantId: string; userId: string }>;
      for (const row of episodes) {
        const plain = strip(row.keywords);
        const prefix = userKeywordPrefix({ tenantId: row.tenantId, userId: row.userId });
        insertEpisode.run(
          row.seq,
          prefixKeywords({ prefix, text: plain }),
          prefixKeywords({ prefix, text: row.context }),
          plain,
          row.context,
        );
      }
      database.exec(`DROP TABLE memory_fts; ALTER TABLE memory_fts_next RENAME TO memory_fts;
        DROP TABLE episode_fts; ALTER TABLE episode_fts_next RENAME TO episode_fts;`);
    },
  },
  {
    version: 6,
    name: "a user's latest episode by index (the time channel and session writes ask for it)",
    sql: `
CREATE INDEX episodes_latest ON episodes (tenant_id, user_id, seq);
`,
  },
  {
    version: 7,
    name: "memories stored word for word (without inference) are marked",
    sql: `
ALTER TABLE memories ADD COLUMN verbatim INTEGER NOT NULL DEFAULT 0;
CREATE INDEX memories_verbatim ON memories (tenant_id, user_id) WHERE verbatim = 1;
`,
  },
  {
    version: 8,
    name: "per-user word prefixes made of consonants, so the Porter stemmer stems a prefixed word as the word",
    // The old prefix ("u" + hex + "x") held vowels, which the stemmer counts: prefixed, "ines" lost its "-es" and
    // its "e" and became the prefixed "in". The user-prefixed columns are rewritten from the plain ones.
    sql: nextFullTextTables,
    run(database) {
      const prefixed = (row: { tenantId: string; userId: string }, text: string) =>
        prefixKeywords({ prefix: userKeywordPrefix({ tenantId: row.tenantId, userId: row.userId }), text });
      const insertMemory = database.prepare("INSERT INTO memory_fts_next (rowid, keywords, plain) VALUES (?, ?, ?)");
      inBatches<{ seq: number; plain: string; tenantId: string; userId: string }>(
        database.prepare(`SELECT f.rowid AS seq, f.plain AS plain, m.tenant_id AS tenantId, m.user_id AS userId
          FROM memory_fts f JOIN memories m ON m.seq = f.rowid WHERE f.rowid > ? ORDER BY f.rowid LIMIT ?`),
        (row) => insertMemory.run(row.seq, prefixed(row, row.plain), row.plain),
      );
      const insertEpisode = database.prepare(
        "INSERT INTO episode_fts_next (rowid, keywords, context, plain, plain_context) VALUES (?, ?, ?, ?, ?)",
      );
      inBatches<{ seq: number; plain: string; plainContext: string; tenantId: string; userId: string }>(
        database.prepare(`SELECT f.rowid AS seq, f.plain AS plain, f.plain_context AS plainContext,
            e.tenant_id AS tenantId, e.user_id AS userId
          FROM episode_fts f JOIN episodes e ON e.seq = f.rowid WHERE f.rowid > ? ORDER BY f.rowid LIMIT ?`),
        (row) => insertEpisode.run(row.seq, prefixed(row, row.plain), prefixed(row, row.plainContext), row.plain, row.plainContext),
      );
      database.exec(`DROP TABLE memory_fts; ALTER TABLE memory_fts_next RENAME TO memory_fts;
        DROP TABLE episode_fts; ALTER TABLE episode_fts_next RENAME TO episode_fts;`);
    },
  },
  {
    version: 9,
    name: "relations by the memory that states them (deleting a memory, ending a relation)",
    sql: `
CREATE INDEX IF NOT EXISTS relations_memory ON relations (memory_seq);
`,
  },
];
