#!/usr/bin/env node
// Disk-full check on a real small filesystem (RELIABILITY "Disk full"): needs root, to mount a tmpfs.
// Usage: npm run bench:disk-full -- [--size-mb 6] [--filler-mb 1.5]
//
// Mounts a tmpfs of --size-mb at a temporary directory, fills most of it with a filler file, and writes
// memories through the library into a database there until the disk is full. Then it checks that:
//   - the failing writes are refused with STORE_FULL and acknowledged nothing (counts = acknowledged adds);
//   - reads (search, stats) keep working on the full disk;
//   - once the filler is deleted, writes resume;
//   - after close and reopen, PRAGMA integrity_check is "ok" and every acknowledged add is there.
// Prints the findings and exits 1 when one fails; unmounts in any case.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { createMemory } from "../dist/index.js";
import { option } from "./serve-process.mjs";

const sizeMb = Number(option("size-mb", "6"));
const fillerMb = Number(option("filler-mb", "1.5"));
const mountPoint = mkdtempSync(join(tmpdir(), "mnemo-disk-full-"));
try {
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m`, "tmpfs", mountPoint], { stdio: "pipe" });
} catch (error) {
  process.stderr.write(`bench:disk-full needs to mount a tmpfs (root): ${error.stderr?.toString().trim() || error.message}\n`);
  rmSync(mountPoint, { recursive: true, force: true });
  process.exit(2);
}
const failures = [];
const check = (ok, what) => {
  process.stdout.write(`${ok ? "ok  " : "FAIL"} ${what}\n`);
  if (!ok) failures.push(what);
};
try {
  const filler = join(mountPoint, "filler");
  writeFileSync(filler, Buffer.alloc(Math.round(fillerMb * 2 ** 20)));
  const path = join(mountPoint, "mnemo.db");
  const memory = await createMemory({ path });
  const acknowledged = [];
  const refusals = new Map();
  for (let index = 0; index < 5000 && refusals.size < 1; index += 1) {
    const text = `Note ${index}: I visited museum ${index} in city ${index * 7} and loved painting ${index * 13}.`;
    try {
      await memory.add(text, { userId: `user-${index % 5}` });
      acknowledged.push(text);
    } catch (error) {
      refusals.set(error.code, (refusals.get(error.code) ?? 0) + 1);
    }
  }
  // A few more attempts on the full disk.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await memory.add(`One more note ${attempt} on a full disk.`, { userId: "user-0" }).then(
      (result) => acknowledged.push(result.results[0]?.memory ?? ""),
      (error) => refusals.set(error.code, (refusals.get(error.code) ?? 0) + 1),
    );
  }
  process.stdout.write(`${acknowledged.length} adds acknowledged, refused: ${JSON.stringify(Object.fromEntries(refusals))}\n`);
  check(refusals.size === 1 && refusals.has("STORE_FULL"), "every refused write is STORE_FULL");
  const stats = await memory.stats();
  check(stats.episodes === acknowledged.length, `episodes (${stats.episodes}) = acknowledged adds (${acknowledged.length})`);
  const found = await memory.search("Which museum did I visit?", { userId: "user-1", topK: 3 });
  check(found.results.length > 0, `search on the full disk answers (${found.results.length} results)`);
  rmSync(filler);
  const resumed = await memory.add("After space returned I adopted a cat named Miso.", { userId: "user-0" }).then(
    () => true,
    () => false,
  );
  check(resumed, "a write succeeds once space returns");
  if (resumed) acknowledged.push("After space returned I adopted a cat named Miso.");
  await memory.close();
  const database = new Database(path, { readonly: true });
  check(database.pragma("integrity_check", { simple: true }) === "ok", "PRAGMA integrity_check = ok after reopening");
  const episodes = database.prepare("SELECT count(*) AS n FROM episodes").get().n;
  database.close();
  check(episodes === acknowledged.length, `every acknowledged add is in the reopened file (${episodes}/${acknowledged.length})`);
} finally {
  execFileSync("umount", [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
}
process.stdout.write(failures.length === 0 ? "disk full: all checks passed\n" : `disk full: ${failures.length} check(s) failed\n`);
process.exit(failures.length === 0 ? 0 : 1);
