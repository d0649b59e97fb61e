import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MnemoError } from "../../../core/errors.js";
import { createMemory } from "../../../create-memory.js";
import { createHttpApp } from "../../../surfaces/http/create-http-app.js";
import { createSqliteStore } from "./sqlite-store.js";
import { storeFailure } from "./store-failure.js";

const directory = mkdtempSync(join(tmpdir(), "mnemo-full-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A memory over a file that may grow only `headroomBytes` past its size once created. */
async function fullSoon(name: string, headroomBytes: number) {
  const path = join(directory, name);
  await (await createMemory({ path })).close();
  const store = createSqliteStore({ path, maxDatabaseBytes: statSync(path).size + headroomBytes });
  return createMemory({ store });
}

describe("a full database (disk full or its size limit)", () => {
  it("refuses writes with STORE_FULL, keeps what it had, still answers reads, and writes again once space is freed", async () => {
    const memory = await fullSoon("full.db", 400 * 1024);
    try {
      let added = 0;
      let refused: unknown;
      let refusedAdd: { text: string; userId: string } | undefined;
      for (let index = 0; index < 2000 && refused === undefined; index += 1) {
        const attempt = {
          text: `Note ${index}: I visited museum ${index} in city ${index * 7} and loved painting ${index * 13}.`,
          userId: index % 2 === 0 ? "keeper" : "visitor",
        };
        try {
          await memory.add(attempt.text, { userId: attempt.userId });
          added += 1;
        } catch (error) {
          refused = error;
          refusedAdd = attempt;
        }
      }
      expect(added).toBeGreaterThan(6);
      expect(MnemoError.isInstance(refused) && refused.code).toBe("STORE_FULL");
      expect((refused as Error).message).toContain("Nothing was written");
      // The refused add left nothing behind: one episode and one memory per acknowledged add.
      const before = await memory.stats();
      expect(before.episodes).toBe(added);
      expect(before.activeMemories).toBe(added);
      // The same add again is refused again (smaller writes may still fit in the last free pages).
      await expect(memory.add(refusedAdd?.text ?? "", { userId: refusedAdd?.userId ?? "" })).rejects.toMatchObject({ code: "STORE_FULL" });
      expect(await memory.stats()).toMatchObject({ episodes: added, activeMemories: added });
      // Reads keep working.
      const found = await memory.search("Which museum did I visit?", { userId: "keeper", topK: 3 });
      expect(found.results).toHaveLength(3);
      for (const result of found.results) expect(result.memory).toMatch(/^Note \d*[02468]: I visited museum/);
      // Deleting a user's memories frees pages inside the file; writes use them again.
      await memory.deleteAll({ userId: "visitor" });
      await memory.add("After the cleanup I adopted a cat named Miso.", { userId: "keeper" });
      expect((await memory.search("cat named Miso", { userId: "keeper", topK: 1 })).results[0]?.memory).toContain("Miso");
    } finally {
      await memory.close();
    }
  });

  it("answers 507 STORE_FULL over HTTP", async () => {
    const memory = await fullSoon("http.db", 8 * 1024);
    try {
      const app = createHttpApp({ memory });
      let status = 200;
      let body: { error?: { code: string } } = {};
      for (let index = 0; index < 500 && status === 200; index += 1) {
        const response = await app.request("/v1/memories", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text: `I bought ${index} lemons at market ${index * 3}.`, userId: "u1" }),
        });
        status = response.status;
        body = (await response.json()) as typeof body;
      }
      expect(status).toBe(507);
      expect(body.error?.code).toBe("STORE_FULL");
    } finally {
      await memory.close();
    }
  });

  it("maps SQLite's SQLITE_FULL to STORE_FULL and every other failure to STORE_FAILED", () => {
    const full = Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    expect(storeFailure({ error: full, what: "The store" }).code).toBe("STORE_FULL");
    const other = Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR" });
    expect(storeFailure({ error: other, what: "The store" })).toMatchObject({
      code: "STORE_FAILED",
      message: "The store failed: disk I/O error",
    });
    expect(() => createSqliteStore({ path: join(directory, "bad.db"), maxDatabaseBytes: 0 })).toThrow(
      expect.objectContaining({ code: "INPUT_INVALID" }),
    );
  });
});
