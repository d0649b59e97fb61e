/**
 * Versioned schema migrations of the SQLite store. Append only: never edit a migration that has shipped.
 * The vector table depends on the embedder's dimension and is created by `prepareEmbeddings`.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const scopeColumns = `
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL DEFAULT '',
  agent_id TEXT NOT NULL DEFAULT '',
  session_id TEXT NOT NULL DEFAULT ''`;

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
];
