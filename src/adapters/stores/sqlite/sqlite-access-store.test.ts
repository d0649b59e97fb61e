import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createApiKeys, parseApiKey } from "../../../core/hub/api-keys.js";
import type { AccessStore } from "../../../ports/access-store.js";
import { migrations } from "./migrations.js";
import { createSqliteAccessStore } from "./sqlite-access-store.js";

// Wrap timingSafeEqual so the test can see that key checks use it (the real function still runs).
vi.mock("node:crypto", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:crypto")>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});
const crypto = await import("node:crypto");

const directory = mkdtempSync(join(tmpdir(), "mnemo-access-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let counter = 0;
function freshPath(): string {
  counter += 1;
  return join(directory, `access-${counter}.db`);
}

describe("SQLite access store: migration 3", () => {
  it("creates versioned STRICT tables with indexes, on the durable connection profile", async () => {
    const path = freshPath();
    const access = createSqliteAccessStore({ path });
    await access.close();
    const database = new Database(path, { readonly: true });
    try {
      expect(database.pragma("user_version", { simple: true })).toBe(migrations.at(-1)?.version);
      expect(migrations.find((migration) => migration.version === 3)?.name).toMatch(/api keys/);
      const tables = database.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as Array<{
        name: string;
        sql: string;
      }>;
      for (const name of ["api_keys", "hub_agents", "hub_grants", "hub_topic_pools", "hub_pool_members", "hub_read_audit"]) {
        const table = tables.find((candidate) => candidate.name === name);
        expect(table?.sql, name).toMatch(/\)\s*STRICT/);
      }
      const indexes = (database.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").all() as Array<{ name: string }>).map(
        (row) => row.name,
      );
      expect(indexes).toEqual(
        expect.arrayContaining([
          "api_keys_tenant",
          "hub_grants_grantee",
          "hub_pool_members_agent",
          "hub_read_audit_reader",
          "hub_read_audit_owner",
        ]),
      );
      expect(database.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      database.close();
    }
  });
});

describe("API keys on the SQLite access store", () => {
  let access: AccessStore;
  let path: string;
  beforeEach(() => {
    path = freshPath();
    access = createSqliteAccessStore({ path });
    return () => access.close();
  });

  it("stores a SHA-256 hash, never the secret; authenticates with a constant-time compare; revokes", async () => {
    const keys = createApiKeys({ access });
    expect(await keys.configured()).toBe(false);
    const { key, record } = await keys.create({ tenantId: "acme", scopes: ["write", "read"], agentId: "planner", name: "planner key" });
    expect(key).toMatch(/^mnemo_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ tenantId: "acme", agentId: "planner", name: "planner key", scopes: ["read", "write"] });
    expect(await keys.configured()).toBe(true);
    const parsed = parseApiKey(key);
    expect(parsed?.id).toBe(record.id);
    const secret = parsed?.secret ?? "";

    // The stored row holds the hash of the secret; neither the secret nor the key appears anywhere in the files.
    const stored = await access.findKey({ id: record.id });
    expect(stored?.secretHash.equals(createHash("sha256").update(secret).digest())).toBe(true);
    await access.close();
    for (const file of [path, `${path}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    access = createSqliteAccessStore({ path });
    const reopened = createApiKeys({ access });
    expect(JSON.stringify(await reopened.list())).not.toContain(secret);
    expect(JSON.stringify(await reopened.list())).not.toContain("secretHash");

    const compare = vi.mocked(crypto.timingSafeEqual);
    compare.mockClear();
    expect(await reopened.authenticate(key)).toEqual({ tenantId: "acme", agentId: "planner", scopes: ["read", "write"], keyId: record.id });
    expect(compare).toHaveBeenCalledTimes(1);
    // A wrong secret for a real id, and an unknown id, both run the constant-time compare and fail.
    const wrongSecret = `mnemo_${record.id}_${"A".repeat(43)}`;
    expect(await reopened.authenticate(wrongSecret)).toBeUndefined();
    expect(await reopened.authenticate(`mnemo_${"0".repeat(16)}_${secret}`)).toBeUndefined();
    expect(compare).toHaveBeenCalledTimes(3);
    for (const malformed of ["", "Bearer x", key.slice(0, -1), `${key}x`, key.replace("mnemo_", "mnemo-")]) {
      expect(await reopened.authenticate(malformed)).toBeUndefined();
    }

    // Another tenant cannot revoke it; its own tenant can; a revoked key no longer authenticates; revoking twice keeps the first time.
    expect(await reopened.revoke({ id: record.id, tenantId: "other" })).toBeUndefined();
    expect(await reopened.authenticate(key)).toBeDefined();
    const revoked = await reopened.revoke({ id: record.id, tenantId: "acme" });
    expect(revoked?.revokedAt).toEqual(expect.any(String));
    expect(await reopened.authenticate(key)).toBeUndefined();
    expect((await reopened.revoke({ id: record.id }))?.revokedAt).toBe(revoked?.revokedAt);
    expect(await reopened.revoke({ id: "not-a-key-id" })).toBeUndefined();
    // Revoked keys still count as configured: the server stays closed to anonymous callers.
    expect(await reopened.configured()).toBe(true);
  });

  it("lists keys per tenant and refuses invalid scopes", async () => {
    const keys = createApiKeys({ access });
    await keys.create({ tenantId: "t1", scopes: ["read"] });
    await keys.create({ tenantId: "t2", scopes: ["admin"] });
    expect((await keys.list({ tenantId: "t1" })).map((key) => key.tenantId)).toEqual(["t1"]);
    expect(await keys.list()).toHaveLength(2);
    await expect(keys.create({ tenantId: "t1", scopes: ["root" as never] })).rejects.toMatchObject({ code: "INPUT_INVALID" });
    await expect(keys.create({ tenantId: "t1", scopes: [] })).rejects.toMatchObject({ code: "INPUT_INVALID" });
  });
});

describe("hub records on the SQLite access store", () => {
  it("keeps agents, grants, pools and the audit per tenant", async () => {
    const access = createSqliteAccessStore({ path: ":memory:" });
    try {
      const at = "2024-05-08T00:00:00.000Z";
      await access.upsertAgent({ tenantId: "t1", agentId: "lead", role: "supervisor", createdAt: at, updatedAt: at });
      await access.upsertAgent({ tenantId: "t1", agentId: "w1", role: "worker", supervisorId: "lead", createdAt: at, updatedAt: at });
      await access.upsertAgent({ tenantId: "t2", agentId: "w1", role: "peer", createdAt: at, updatedAt: at });
      expect((await access.listAgents({ tenantId: "t1", supervisorId: "lead" })).map((agent) => agent.agentId)).toEqual(["w1"]);
      expect(await access.getAgent({ tenantId: "t2", agentId: "w1" })).toMatchObject({ role: "peer" });

      await access.insertGrant({
        id: "g1",
        tenantId: "t1",
        ownerAgentId: "a",
        granteeAgentId: "b",
        access: "read",
        tags: ["diet"],
        createdAt: at,
      });
      expect(await access.getGrant({ tenantId: "t2", id: "g1" })).toBeUndefined();
      expect(await access.revokeGrant({ tenantId: "t2", id: "g1", revokedAt: at })).toBeUndefined();
      expect(await access.listGrants({ tenantId: "t1", granteeAgentId: "b" })).toHaveLength(1);
      await access.revokeGrant({ tenantId: "t1", id: "g1", revokedAt: at });
      expect(await access.listGrants({ tenantId: "t1", granteeAgentId: "b" })).toHaveLength(0);
      expect(await access.listGrants({ tenantId: "t1", agentId: "a", includeRevoked: true })).toHaveLength(1);

      await access.joinPool({ tenantId: "t1", topic: "travel", agentId: "a", joinedAt: at });
      await access.joinPool({ tenantId: "t1", topic: "travel", agentId: "a", joinedAt: "2025-01-01T00:00:00.000Z" });
      await access.joinPool({ tenantId: "t1", topic: "travel", agentId: "b", joinedAt: at });
      expect(await access.listPoolMemberships({ tenantId: "t1", topic: "travel" })).toHaveLength(2);
      expect((await access.listPoolMemberships({ tenantId: "t1", agentId: "a" }))[0]?.joinedAt).toBe(at);
      expect(await access.leavePool({ tenantId: "t1", topic: "travel", agentId: "b" })).toBe(true);
      expect(await access.leavePool({ tenantId: "t1", topic: "travel", agentId: "b" })).toBe(false);

      const entry = {
        tenantId: "t1",
        readerAgentId: "b",
        ownerAgentId: "a",
        memoryId: "m1",
        action: "search" as const,
        via: "grant" as const,
      };
      await access.appendAudit([
        { ...entry, id: "e1", createdAt: "2024-01-01T00:00:00.000Z" },
        { ...entry, id: "e2", createdAt: "2024-06-01T00:00:00.000Z", readerAgentId: "c" },
      ]);
      expect((await access.listAudit({ tenantId: "t1", agentId: "a", limit: 10 })).map((row) => row.id)).toEqual(["e1", "e2"]);
      expect((await access.listAudit({ tenantId: "t1", agentId: "c", limit: 10 })).map((row) => row.id)).toEqual(["e2"]);
      expect((await access.listAudit({ tenantId: "t1", since: "2024-03-01T00:00:00.000Z", limit: 10 })).map((row) => row.id)).toEqual([
        "e2",
      ]);
      expect(await access.listAudit({ tenantId: "t2", limit: 10 })).toEqual([]);
    } finally {
      await access.close();
    }
  });

  it("waits for another connection's write transaction without blocking the event loop", async () => {
    const path = freshPath();
    const access = createSqliteAccessStore({ path });
    const other = new Database(path);
    try {
      other.exec("BEGIN IMMEDIATE");
      let ticks = 0;
      const ticker = setInterval(() => {
        ticks += 1;
      }, 5);
      const release = setTimeout(() => other.exec("COMMIT"), 150);
      await access.upsertAgent({ tenantId: "t", agentId: "a", role: "peer", createdAt: "x", updatedAt: "x" });
      clearInterval(ticker);
      clearTimeout(release);
      expect(ticks).toBeGreaterThan(5);
      expect(await access.getAgent({ tenantId: "t", agentId: "a" })).toMatchObject({ role: "peer" });
    } finally {
      if (other.inTransaction) other.exec("ROLLBACK");
      other.close();
      await access.close();
    }
  });
});
