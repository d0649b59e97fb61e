#!/usr/bin/env node
// sqlite-vec storage chunk size: database size and KNN time for many small user partitions (200 users × 10
// vectors) next to one large one (20,000 vectors), 356 dimensions (the offline embedder's), random vectors.
// The store creates its vector table with chunk_size 64 (see vectorChunkSize in sqlite-store.ts).
//
//   npm run bench:vector-chunks
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import * as sqliteVec from "sqlite-vec";

const directory = mkdtempSync(join(tmpdir(), "mnemo-vector-chunks-"));
const dimensions = 356;
const random = (() => {
  let state = 42;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
})();
const vector = () => Float32Array.from({ length: dimensions }, () => random() - 0.5);
const rows = [];
try {
  for (const chunkSize of [1024, 256, 128, 64, 32]) {
    const path = join(directory, `chunks-${chunkSize}.db`);
    const database = new Database(path);
    sqliteVec.load(database);
    database.exec(`CREATE VIRTUAL TABLE v USING vec0(memory_seq INTEGER PRIMARY KEY, tenant_id TEXT PARTITION KEY,
      user_id TEXT PARTITION KEY, status TEXT, embedding FLOAT[${dimensions}] distance_metric=cosine, chunk_size=${chunkSize})`);
    const insert = database.prepare("INSERT INTO v VALUES (?, 't', ?, 'active', ?)");
    let sequence = 1;
    database.transaction(() => {
      for (let user = 0; user < 200; user += 1)
        for (let index = 0; index < 10; index += 1) insert.run(BigInt(sequence++), `small-${user}`, vector());
      for (let index = 0; index < 20_000; index += 1) insert.run(BigInt(sequence++), "large", vector());
    })();
    const knn = database.prepare(
      "SELECT memory_seq, distance FROM v WHERE embedding MATCH ? AND k = 10 AND tenant_id = 't' AND user_id = ? AND status = 'active'",
    );
    const query = vector();
    const time = (userOf, count) => {
      knn.all(query, userOf(0));
      const started = performance.now();
      for (let index = 0; index < count; index += 1) knn.all(query, userOf(index));
      return (performance.now() - started) / count;
    };
    const small = time((index) => `small-${index % 200}`, 400);
    const large = time(() => "large", 20);
    database.close();
    rows.push({
      chunkSize,
      databaseMb: Number((statSync(path).size / 1_048_576).toFixed(1)),
      smallUserKnnMs: Number(small.toFixed(3)),
      largeUserKnnMs: Number(large.toFixed(2)),
    });
  }
  console.table(rows);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
