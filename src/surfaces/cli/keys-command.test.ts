import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteAccessStore } from "../../adapters/stores/sqlite/sqlite-access-store.js";
import { createApiKeys, parseApiKey } from "../../core/hub/api-keys.js";
import type { CliContext, GlobalOptions } from "./cli-context.js";
import { registerKeysCommand } from "./keys-command.js";

/** The secret part of a key (it may itself contain "_"). */
const secretOf = (key: string): string => parseApiKey(key)?.secret ?? "unparsable key";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const binary = join(root, "bin", "mnemo.js");
const directory = mkdtempSync(join(tmpdir(), "mnemo-keys-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Runs `mnemo keys …` in process, on a fresh program with the global options of the real one. */
async function keys(database: string, ...args: string[]) {
  const results: unknown[] = [];
  const humans: string[] = [];
  const messages: string[] = [];
  const program = new Command("mnemo").option("--db <path>").option("--json").option("--tenant <id>").exitOverride();
  const globals = () => ({ db: database, ...program.opts<GlobalOptions>() });
  const context: CliContext = {
    globals,
    output: () => ({
      json: globals().json === true,
      result: (value, human) => {
        results.push(value);
        humans.push(human());
      },
      message: (text) => messages.push(text),
      failure: () => {},
    }),
    openMemory: async () => {
      throw new Error("keys commands do not open the memory");
    },
  };
  registerKeysCommand(program, context);
  await program.parseAsync(["node", "mnemo", ...args]);
  return { results, humans, messages };
}

describe("mnemo keys (registered on a fresh program)", () => {
  it("creates a key shown once, lists keys without secrets, revokes by id within a tenant", async () => {
    const database = join(directory, "keys.db");
    const created = await keys(
      database,
      "keys",
      "create",
      "--tenant",
      "acme",
      "--scopes",
      "write,read",
      "--agent",
      "planner",
      "--name",
      "bot",
    );
    const record = created.results[0] as { key: string; id: string; tenantId: string; agentId: string; scopes: string[] };
    expect(record).toMatchObject({ tenantId: "acme", agentId: "planner", name: "bot", scopes: ["read", "write"] });
    expect(record.key).toMatch(/^mnemo_[0-9a-f]{16}_/);
    expect(created.humans[0]).toBe(record.key);
    expect(created.messages.join("\n")).toMatch(/shown once/);

    const access = createSqliteAccessStore({ path: database });
    try {
      expect(await createApiKeys({ access }).authenticate(record.key)).toMatchObject({ tenantId: "acme", agentId: "planner" });
    } finally {
      await access.close();
    }
    const secret = secretOf(record.key);
    for (const file of [database, `${database}-wal`])
      if (existsSync(file)) expect(readFileSync(file).includes(Buffer.from(secret))).toBe(false);

    await keys(database, "keys", "create", "--tenant", "other", "--scopes", "admin");
    const listed = await keys(database, "--json", "keys", "list");
    const all = (listed.results[0] as { results: Array<{ id: string; tenantId: string }> }).results;
    expect(all.map((key) => key.tenantId)).toEqual(["acme", "other"]);
    expect(JSON.stringify(listed.results)).not.toContain(secret);
    const mine = await keys(database, "keys", "list", "--tenant", "acme");
    expect(mine.humans[0]).toContain(record.id);
    expect(mine.humans[0]).not.toContain("other");

    await expect(keys(database, "keys", "revoke", record.id, "--tenant", "other")).rejects.toMatchObject({ code: "INPUT_INVALID" });
    const revoked = await keys(database, "keys", "revoke", record.id);
    expect(revoked.results[0]).toMatchObject({ id: record.id, revokedAt: expect.any(String) });
    await expect(keys(database, "keys", "create", "--scopes", "root")).rejects.toMatchObject({ code: "INPUT_INVALID" });
  });
});

// These run the built CLI and need `registerKeysCommand` in program.ts's command modules; until then they are skipped.
const registered = existsSync(join(root, "dist", "surfaces", "cli", "program.js"))
  ? readFileSync(join(root, "dist", "surfaces", "cli", "program.js"), "utf8").includes("registerKeysCommand")
  : false;

describe.skipIf(!registered)("mnemo keys (built CLI, as a subprocess)", () => {
  const database = join(directory, "cli-keys.db");
  const mnemo = (...args: string[]) => {
    const result = spawnSync(process.execPath, [binary, "--db", database, ...args], {
      encoding: "utf8",
      env: { ...process.env, MNEMO_DB: "" },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it("creates, lists and revokes keys with --json and exit codes", () => {
    const created = mnemo("--json", "keys", "create", "--tenant", "acme", "--scopes", "read,write", "--agent", "planner", "--name", "bot");
    expect(created.code).toBe(0);
    const record = JSON.parse(created.stdout) as { key: string; id: string };
    expect(record.key).toMatch(/^mnemo_[0-9a-f]{16}_/);
    const human = mnemo("keys", "create", "--tenant", "acme", "--scopes", "admin");
    expect(human.code).toBe(0);
    expect(human.stdout.trim()).toMatch(/^mnemo_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(human.stderr).toMatch(/shown once/);

    const listed = mnemo("--json", "keys", "list", "--tenant", "acme");
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).results).toHaveLength(2);
    expect(listed.stdout).not.toContain(secretOf(record.key));

    const revoked = mnemo("--json", "keys", "revoke", record.id);
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout).revokedAt).toEqual(expect.any(String));
    const unknown = mnemo("--json", "keys", "revoke", "0000000000000000");
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout).error.code).toBe("INPUT_INVALID");
    const badScopes = mnemo("keys", "create", "--scopes", "root");
    expect(badScopes.code).toBe(2);
  });
});
