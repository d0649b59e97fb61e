import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./open-database.js";
import { episodeColumnNames, episodeColumns, episodeRowOf, memoryColumnNames, memoryColumns, memoryRowOf } from "./table-rows.js";

const directory = mkdtempSync(join(tmpdir(), "mnemo-rows-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("table rows read as arrays", () => {
  const database = openDatabase({ path: join(directory, "rows.db") });
  // Every column holds a value of its own, so a mapper that reads the wrong position cannot pass.
  database
    .prepare(`INSERT INTO episodes (seq, id, tenant_id, user_id, agent_id, session_id, source_type, role, speaker, content, language,
      external_id, occurred_at, recorded_at, metadata, emotion_score, emotion_intensity, content_hash)
      VALUES (7, 'episode-1', 'tenant', 'user', 'agent', 'session', 'message', 'user', 'Lena', 'I moved to Lisbon', 'en',
      'D1:3', '2024-05-01T10:00:00.000Z', '2024-05-02T10:00:00.000Z', '{"a":1}', 0.25, 0.5, 'hash-e')`)
    .run();
  database
    .prepare(`INSERT INTO memories (seq, id, tenant_id, user_id, agent_id, session_id, kind, text, language, valid_from, valid_to,
      event_start, event_end, importance, emotion_score, emotion_intensity, strength, access_count, last_accessed_at, status,
      source_type, trust, version, metadata, content_hash, verbatim, superseded_by, created_at, updated_at)
      VALUES (9, 'memory-1', 'tenant', 'user', 'agent', 'session', 'profile', 'Lena lives in Lisbon', 'en', '2024-05-01T00:00:00.000Z',
      '2025-01-01T00:00:00.000Z', '2024-04-01T00:00:00.000Z', '2024-04-30T00:00:00.000Z', 0.75, 62.5, 0.125, 3, 4,
      '2024-06-01T00:00:00.000Z', 'superseded', 'user', 'low', 5, '{"b":2}', 'hash-m', 1, 'memory-2',
      '2024-05-02T00:00:00.000Z', '2024-06-02T00:00:00.000Z')`)
    .run();

  it("lists every column of the tables", () => {
    const names = (table: string) =>
      (database.pragma(`table_info(${table})`) as Array<{ name: string }>).map((column) => column.name).sort();
    expect([...memoryColumnNames].sort()).toEqual(names("memories"));
    expect([...episodeColumnNames].sort()).toEqual(names("episodes"));
  });

  it("maps each position to the column of its name", () => {
    const memoryObject = database.prepare("SELECT * FROM memories WHERE seq = 9").get();
    const memoryValues = database
      .prepare(`SELECT ${memoryColumns("m")} FROM memories m WHERE m.seq = 9`)
      .raw(true)
      .get() as unknown[];
    expect(memoryRowOf(memoryValues)).toEqual(memoryObject);
    const episodeObject = database.prepare("SELECT * FROM episodes WHERE seq = 7").get();
    const episodeValues = database
      .prepare(`SELECT ${episodeColumns("e")} FROM episodes e WHERE e.seq = 7`)
      .raw(true)
      .get() as unknown[];
    expect(episodeRowOf(episodeValues)).toEqual(episodeObject);
  });
});
