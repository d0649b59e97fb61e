import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemory } from "../../../create-memory.js";
import { backupDatabase } from "./backup-database.js";

const root = fileURLToPath(new URL("../../../..", import.meta.url));
const directory = mkdtempSync(join(tmpdir(), "mnemo-backup-"));
/** Writer processes started here, killed at the end whatever happened. */
const writers: ChildProcess[] = [];
afterAll(() => {
  for (const writer of writers) writer.kill("SIGKILL");
  rmSync(directory, { recursive: true, force: true });
});
beforeAll(() => {
  if (!existsSync(join(root, "dist", "index.js")))
    throw new Error("dist/index.js is missing: build first (`npm run build`); this test runs a writer on the built library.");
});

/** A child process adding memories to the file without pause; resolves once it has written `ready` of them. */
function startWriter(path: string, ready: number): Promise<{ child: ChildProcess; acknowledged: () => number }> {
  const script = `
    const { createMemory } = await import(${JSON.stringify(join(root, "dist", "index.js"))});
    const memory = await createMemory({ path: ${JSON.stringify(path)} });
    for (let index = 0; ; index += 1) {
      await memory.add("Writer note " + index + ": the tram to district " + index + " leaves at " + (index % 24) + " o'clock.", { userId: "writer" });
      process.stdout.write("ack " + index + "\\n");
    }`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
  writers.push(child);
  let acknowledged = 0;
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      // One chunk may carry several acknowledgements: resolve once the count reaches `ready`, not at equality.
      const before = acknowledged;
      acknowledged += (chunk.toString("utf8").match(/^ack /gm) ?? []).length;
      if (before < ready && acknowledged >= ready) resolve({ child, acknowledged: () => acknowledged });
    });
    child.once("exit", (code) => reject(new Error(`writer exited ${code}`)));
  });
}

describe("backupDatabase (VACUUM INTO)", () => {
  it("copies a file another process keeps writing to: each copy is consistent, checked, and opens as a memory", async () => {
    const path = join(directory, "live.db");
    const seed = await createMemory({ path });
    await seed.add("I keep my passport in the blue drawer.", { userId: "owner" });
    await seed.close();
    const { child, acknowledged } = await startWriter(path, 20);
    try {
      const counts: number[] = [];
      for (let round = 0; round < 3; round += 1) {
        const before = acknowledged();
        const destination = join(directory, `copy-${round}.db`);
        const result = backupDatabase({ path, destination });
        // Acknowledgements reach this process through a pipe, read while it waits here.
        await new Promise((resolve) => setTimeout(resolve, 500));
        const after = acknowledged();
        // The copy holds the seed and the writer's notes of one instant: at least those acknowledged before it
        // began, at most those acknowledged by now (plus one committed and not yet acknowledged).
        const notes = result.memories - 1;
        expect(notes).toBeGreaterThanOrEqual(before);
        expect(notes).toBeLessThanOrEqual(after + 1);
        expect(result.episodes).toBe(result.memories);
        counts.push(notes);
        const raw = new Database(destination, { readonly: true });
        expect(raw.pragma("foreign_key_check")).toEqual([]);
        raw.close();
        const copy = await createMemory({ path: destination });
        const found = await copy.search("Where is my passport?", { userId: "owner", topK: 1 });
        expect(found.results[0]?.memory).toBe("I keep my passport in the blue drawer.");
        await copy.close();
      }
      expect(counts[2]).toBeGreaterThan(counts[0] ?? 0); // the writer went on between the copies
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("never overwrites: an existing destination or a missing source is INPUT_INVALID", async () => {
    const path = join(directory, "small.db");
    await (await createMemory({ path })).close();
    const destination = join(directory, "taken.db");
    backupDatabase({ path, destination });
    expect(() => backupDatabase({ path, destination })).toThrow(expect.objectContaining({ code: "INPUT_INVALID" }));
    expect(() => backupDatabase({ path: join(directory, "none.db"), destination: join(directory, "x.db") })).toThrow(
      expect.objectContaining({ code: "INPUT_INVALID" }),
    );
  });

  it("mnemo backup (built CLI) reports the copy as JSON", () => {
    const path = join(directory, "cli.db");
    const destination = join(directory, "cli-copy.db");
    const added = spawnSync(process.execPath, [join(root, "bin", "mnemo.js"), "--db", path, "add", "--user", "u1", "I moved to Lisbon"], {
      encoding: "utf8",
    });
    expect(added.status).toBe(0);
    const backedUp = spawnSync(process.execPath, [join(root, "bin", "mnemo.js"), "--db", path, "--json", "backup", destination], {
      encoding: "utf8",
    });
    expect(backedUp.status).toBe(0);
    expect(JSON.parse(backedUp.stdout)).toMatchObject({ destination, memories: 1, episodes: 1 });
    const again = spawnSync(process.execPath, [join(root, "bin", "mnemo.js"), "--db", path, "backup", destination], { encoding: "utf8" });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("INPUT_INVALID");
  });
});
