import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const binary = join(root, "bin", "mnemo.js");
const directory = mkdtempSync(join(tmpdir(), "mnemo-cli-"));
const database = join(directory, "cli.db");

function mnemo(...args: string[]) {
  const result = spawnSync(process.execPath, [binary, "--db", database, ...args], {
    encoding: "utf8",
    env: { ...process.env, MNEMO_DB: "" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(...args: string[]) {
  const result = mnemo("--json", ...args);
  if (result.code !== 0) throw new Error(`mnemo ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

beforeAll(() => {
  if (!existsSync(join(root, "dist", "surfaces", "cli", "main.js"))) {
    throw new Error("dist/ is missing: run `npm test` (it builds first) or `npm run build`.");
  }
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("mnemo CLI (built, as a subprocess)", () => {
  let lisbonId = "";

  it("adds, searches, gets, updates, shows history, deletes", () => {
    const added = json("add", "I moved to Lisbon last month", "--user", "u1", "--timestamp", "2024-05-08T13:56:00Z");
    expect(added.results[0]).toMatchObject({ event: "ADD", memory: "I moved to Lisbon last month" });
    lisbonId = added.results[0].id;
    json("add", "I am allergic to peanuts", "--user", "u1");
    const found = json("search", "Where", "does", "the", "user", "live?", "--user", "u1", "-k", "2");
    expect(found.results[0].memory).toBe("I moved to Lisbon last month");
    expect(found.results[0].eventStart.slice(0, 7)).toBe("2024-04");
    expect(json("get", lisbonId).memory).toBe("I moved to Lisbon last month");
    expect(json("update", lisbonId, "--text", "I moved to Porto last month").version).toBe(2);
    expect(json("history", lisbonId).map((entry: { event: string }) => entry.event)).toEqual(["ADD", "UPDATE"]);
    expect(json("list", "--user", "u1").total).toBe(2);
    const human = mnemo("search", "peanuts", "--user", "u1");
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("allergic to peanuts");
    expect(json("delete", lisbonId)).toEqual({ id: lisbonId, deleted: true });
    expect(json("stats").activeMemories).toBe(1);
    // Optimizing the indexes changes no memory and no search result.
    const before = json("search", "peanuts", "--user", "u1");
    expect(json("optimize")).toMatchObject({ optimized: true });
    expect(json("search", "peanuts", "--user", "u1").results).toEqual(before.results);
    expect(json("stats").activeMemories).toBe(1);
  });

  it("exits 2 with a coded error on bad input and 0 on help", () => {
    const missing = mnemo("--json", "get", "no-such-id");
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error.code).toBe("MEMORY_NOT_FOUND");
    const noScope = mnemo("add", "orphan text");
    expect(noScope.code).toBe(2);
    expect(noScope.stderr).toContain("SCOPE_REQUIRED");
    expect(mnemo("search").code).toBe(2);
    expect(mnemo("frobnicate").code).toBe(2);
    expect(mnemo("--help").code).toBe(0);
  });

  it("exits 1 on an internal failure", () => {
    const result = spawnSync(process.execPath, [binary, "--db", join(directory, "no", "such", "dir", "x.db"), "stats"], {
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("STORE_FAILED");
  });

  it("imports JSONL, refuses a file with a bad line without importing anything, and exports", () => {
    const good = join(directory, "good.jsonl");
    writeFileSync(
      good,
      [
        JSON.stringify({ text: "Kayaking on Sunday mornings is my ritual", userId: "u2" }),
        "",
        JSON.stringify({ messages: [{ role: "user", content: "我喜欢喝乌龙茶", id: "t1" }], userId: "u2" }),
      ].join("\n"),
    );
    const bad = join(directory, "bad.jsonl");
    writeFileSync(
      bad,
      [JSON.stringify({ text: "Valid line about sailing", userId: "u3" }), "{not json", JSON.stringify({ text: "no scope" })].join("\n"),
    );
    const refused = mnemo("--json", "import", bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("line 2");
    expect(refused.stderr).toContain("line 3");
    expect(json("list", "--user", "u3").total).toBe(0);
    const skipped = mnemo("--json", "import", bad, "--skip-invalid");
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout)).toMatchObject({ records: 1, messages: 1 });
    const imported = json("import", good);
    expect(imported).toMatchObject({ format: "jsonl", records: 2, messages: 2, memoriesAdded: 2 });
    expect(json("search", "乌龙茶", "--user", "u2").results[0].sources).toEqual(["t1"]);
    const out = join(directory, "export.jsonl");
    json("export", "--user", "u2", "--out", out);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => JSON.parse(line).userId)).toEqual(["u2", "u2"]);
    // An export imports again (into another file, another tenant): the same texts, scopes and dates.
    const restored = join(directory, "restored.db");
    expect(json("--db", restored, "--tenant", "t2", "import", out)).toMatchObject({ records: 2, memoriesAdded: 2 });
    const again = join(directory, "again.jsonl");
    json("--db", restored, "--tenant", "t2", "export", "--user", "u2", "--out", again);
    const pick = (line: string) => {
      const { memory, userId, validFrom } = JSON.parse(line) as { memory: string; userId: string; validFrom: string };
      return { memory, userId, validFrom };
    };
    expect(
      readFileSync(again, "utf8")
        .trim()
        .split("\n")
        .map(pick)
        .sort((left, right) => left.memory.localeCompare(right.memory)),
    ).toEqual(lines.map(pick).sort((left, right) => left.memory.localeCompare(right.memory)));
  });

  it("merges the search indexes after an import unless told not to", () => {
    const file = join(directory, "many.jsonl");
    const lines = Array.from({ length: 30 }, (_, index) =>
      JSON.stringify({ text: `Note ${index}: kayaking and tea ${index * 7}`, userId: "u9" }),
    );
    writeFileSync(file, lines.join("\n"));
    /** Segments of a full-text index: every search reads each of them. */
    const segments = (path: string) => {
      const connection = new Database(path, { readonly: true });
      try {
        return ["memory_fts_idx", "episode_fts_idx"].map(
          (table) => (connection.prepare(`SELECT count(DISTINCT segid) AS n FROM ${table}`).get() as { n: number }).n,
        );
      } finally {
        connection.close();
      }
    };
    const run = (path: string, ...flags: string[]) => {
      const result = spawnSync(process.execPath, [binary, "--db", path, "--json", "import", file, ...flags], {
        encoding: "utf8",
        env: { ...process.env, MNEMO_DB: "" },
      });
      expect(result.status, result.stderr).toBe(0);
      return JSON.parse(result.stdout);
    };
    const left = join(directory, "left.db");
    expect(run(left, "--no-optimize")).not.toHaveProperty("optimizeSeconds");
    expect(Math.min(...segments(left))).toBeGreaterThan(1);
    const merged = join(directory, "merged.db");
    expect(run(merged).optimizeSeconds).toBeGreaterThanOrEqual(0);
    expect(segments(merged)).toEqual([1, 1]);
  });

  it("imports a LoCoMo-format conversation using only turns and session dates", () => {
    const file = join(directory, "7.json");
    writeFileSync(
      file,
      JSON.stringify({
        conversation: {
          speaker_a: "Ana",
          speaker_b: "Ben",
          session_1_date_time: "1:56 pm on 8 May, 2023",
          session_1: [
            { speaker: "Ana", dia_id: "D1:1", text: "I adopted a greyhound called Pixel yesterday!" },
            { speaker: "Ben", dia_id: "D1:2", text: "", blip_caption: "a photo of a grey dog on a sofa" },
          ],
        },
        qa: [{ question: "SHOULD NEVER BE READ", answer: "x", evidence: ["D1:1"], category: 1 }],
        observation: { session_1_observation: { Ana: [["SHOULD NEVER BE READ", "D1:1"]] } },
        session_summary: { session_1_summary: "SHOULD NEVER BE READ" },
      }),
    );
    const imported = json("import", file);
    expect(imported).toMatchObject({ format: "locomo", records: 1, messages: 2 });
    const found = json("search", "greyhound", "--user", "conv-7");
    expect(found.results[0].sources).toEqual(["D1:1"]);
    expect(found.results[0].validFrom).toBe("2023-05-08T13:56:00.000Z");
    expect(found.results[0].eventStart.slice(0, 10)).toBe("2023-05-07");
    const everything = JSON.stringify(json("list", "--user", "conv-7", "--limit", "100"));
    expect(everything).not.toContain("SHOULD NEVER BE READ");
  });

  it("runs the bilingual demo", () => {
    const result = mnemo("--json", "demo");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.questions.length).toBeGreaterThanOrEqual(4);
    const answers = Object.fromEntries(
      report.questions.map((entry: { question: string; results: Array<{ memory: string }> }) => [
        entry.question,
        entry.results[0]?.memory ?? "",
      ]),
    );
    expect(answers["Where does Lena live?"]).toContain("Lisbon");
    expect(answers["Lena在学什么语言？"]).toContain("葡萄牙语");
  });
});
