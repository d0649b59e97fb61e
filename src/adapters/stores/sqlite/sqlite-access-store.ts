import { setTimeout as sleep } from "node:timers/promises";
import type Database from "better-sqlite3";
import type { MemoryKind } from "../../../core/domain/memory-record.js";
import { MnemoError } from "../../../core/errors.js";
import type {
  AccessPath,
  AgentRecord,
  AgentRole,
  ApiKeyRecord,
  AuditAction,
  GrantAccess,
  GrantRecord,
  KeyScope,
  PoolMembership,
  ReadAuditEntry,
} from "../../../core/hub/access-records.js";
import type { AccessStore, StoredApiKey } from "../../../ports/access-store.js";
import { openDatabase } from "./open-database.js";
import { createStatementCache } from "./statement-cache.js";
import { storeFailure } from "./store-failure.js";

type Parameter = string | number | null | Buffer;

interface KeyRow {
  id: string;
  tenant_id: string;
  agent_id: string | null;
  name: string | null;
  scopes: string;
  secret_hash: Buffer;
  created_at: string;
  revoked_at: string | null;
}

interface AgentRow {
  tenant_id: string;
  agent_id: string;
  role: string;
  supervisor_id: string | null;
  created_at: string;
  updated_at: string;
}

interface GrantRow {
  id: string;
  tenant_id: string;
  owner_agent_id: string;
  grantee_agent_id: string;
  access: string;
  user_id: string | null;
  kinds: string | null;
  tags: string | null;
  topic: string | null;
  created_at: string;
  revoked_at: string | null;
}

interface MembershipRow {
  tenant_id: string;
  topic: string;
  agent_id: string;
  joined_at: string;
}

interface AuditRow {
  id: string;
  tenant_id: string;
  reader_agent_id: string;
  owner_agent_id: string;
  memory_id: string;
  user_id: string | null;
  action: string;
  via: string;
  grant_id: string | null;
  created_at: string;
}

function optional<K extends string, V>(key: K, value: V | null): { [P in K]?: V } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: V };
}

function toKeyRecord(row: KeyRow): ApiKeyRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    ...optional("agentId", row.agent_id),
    ...optional("name", row.name),
    scopes: JSON.parse(row.scopes) as KeyScope[],
    createdAt: row.created_at,
    ...optional("revokedAt", row.revoked_at),
  };
}

function toAgent(row: AgentRow): AgentRecord {
  return {
    tenantId: row.tenant_id,
    agentId: row.agent_id,
    role: row.role as AgentRole,
    ...optional("supervisorId", row.supervisor_id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toGrant(row: GrantRow): GrantRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    ownerAgentId: row.owner_agent_id,
    granteeAgentId: row.grantee_agent_id,
    access: row.access as GrantAccess,
    ...optional("userId", row.user_id),
    ...optional("kinds", row.kinds === null ? null : (JSON.parse(row.kinds) as MemoryKind[])),
    ...optional("tags", row.tags === null ? null : (JSON.parse(row.tags) as string[])),
    ...optional("topic", row.topic),
    createdAt: row.created_at,
    ...optional("revokedAt", row.revoked_at),
  };
}

function toMembership(row: MembershipRow): PoolMembership {
  return { tenantId: row.tenant_id, topic: row.topic, agentId: row.agent_id, joinedAt: row.joined_at };
}

function toAudit(row: AuditRow): ReadAuditEntry {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    readerAgentId: row.reader_agent_id,
    ownerAgentId: row.owner_agent_id,
    memoryId: row.memory_id,
    ...optional("userId", row.user_id),
    action: row.action as AuditAction,
    via: row.via as AccessPath,
    ...optional("grantId", row.grant_id),
    createdAt: row.created_at,
  };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED" || code === "SQLITE_BUSY_SNAPSHOT";
}

/** How long a write waits for another connection's transaction before failing (the durable profile's 5 s). */
const writeWaitMs = 5_000;

/**
 * The access store on SQLite (tables of migration 3). It opens its own connection with the durable profile;
 * give it the memory store's file so keys, grants and the audit live next to the memories (WAL lets both
 * connections work). A `:memory:` path makes a separate, private in-memory database.
 *
 * The memory store keeps its write transaction open across `await`s; a synchronous busy wait on this
 * connection would block the event loop that has to finish that transaction. So this connection does not
 * wait inside SQLite (`busy_timeout = 0`): a busy write is retried asynchronously for up to 5 s.
 *
 * @example
 * const access = createSqliteAccessStore({ path: "./mnemo.db" });
 * const keys = createApiKeys({ access });
 */
export function createSqliteAccessStore(options: { path: string }): AccessStore {
  const database = openDatabase({ path: options.path });
  database.pragma("busy_timeout = 0");
  return new SqliteAccessStore(database);
}

class SqliteAccessStore implements AccessStore {
  #database: Database.Database;
  /** Prepared statements, cached by SQL text. */
  readonly #prepare: (sql: string) => Database.Statement;
  #closed = false;

  constructor(database: Database.Database) {
    this.#database = database;
    this.#prepare = createStatementCache(database);
  }

  #failure(error: unknown): never {
    throw storeFailure({ error, what: "The access store" });
  }

  #read<T>(work: () => T): T {
    if (this.#closed) throw new MnemoError({ code: "STORE_FAILED", message: "The access store is closed." });
    try {
      return work();
    } catch (error) {
      this.#failure(error);
    }
  }

  /** Runs `work` in one immediate transaction, retrying asynchronously while another connection writes. */
  async #write<T>(work: () => T): Promise<T> {
    const started = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      if (this.#closed) throw new MnemoError({ code: "STORE_FAILED", message: "The access store is closed." });
      try {
        return this.#database.transaction(work).immediate();
      } catch (error) {
        if (!isBusy(error) || Date.now() - started > writeWaitMs) this.#failure(error);
        await sleep(Math.min(50, 2 + attempt * 3));
      }
    }
  }

  async insertKey(key: StoredApiKey): Promise<void> {
    await this.#write(() =>
      this.#prepare(
        "INSERT INTO api_keys (id, tenant_id, agent_id, name, scopes, secret_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      ).run(
        key.id,
        key.tenantId,
        key.agentId ?? null,
        key.name ?? null,
        JSON.stringify(key.scopes),
        key.secretHash,
        key.createdAt,
        key.revokedAt ?? null,
      ),
    );
  }

  async findKey(options: { id: string }): Promise<StoredApiKey | undefined> {
    return this.#read(() => {
      const row = this.#prepare("SELECT * FROM api_keys WHERE id = ?").get(options.id) as KeyRow | undefined;
      return row === undefined ? undefined : { ...toKeyRecord(row), secretHash: row.secret_hash };
    });
  }

  async listKeys(options: { tenantId?: string }): Promise<ApiKeyRecord[]> {
    return this.#read(() => {
      const rows = (
        options.tenantId === undefined
          ? this.#prepare("SELECT * FROM api_keys ORDER BY created_at, id").all()
          : this.#prepare("SELECT * FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id").all(options.tenantId)
      ) as KeyRow[];
      return rows.map(toKeyRecord);
    });
  }

  async revokeKey(options: { tenantId?: string; id: string; revokedAt: string }): Promise<ApiKeyRecord | undefined> {
    return this.#write(() => {
      const tenant = options.tenantId === undefined ? "" : " AND tenant_id = ?";
      const parameters: Parameter[] = options.tenantId === undefined ? [options.id] : [options.id, options.tenantId];
      this.#prepare(`UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?${tenant}`).run(options.revokedAt, ...parameters);
      const row = this.#prepare(`SELECT * FROM api_keys WHERE id = ?${tenant}`).get(...parameters) as KeyRow | undefined;
      return row === undefined ? undefined : toKeyRecord(row);
    });
  }

  async hasKeys(): Promise<boolean> {
    return this.#read(() => this.#prepare("SELECT EXISTS (SELECT 1 FROM api_keys) AS present").get() as { present: number }).present === 1;
  }

  async upsertAgent(agent: AgentRecord): Promise<AgentRecord> {
    return this.#write(() => {
      this.#prepare(
        `INSERT INTO hub_agents (tenant_id, agent_id, role, supervisor_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, agent_id) DO UPDATE SET role = excluded.role, supervisor_id = excluded.supervisor_id, updated_at = excluded.updated_at`,
      ).run(agent.tenantId, agent.agentId, agent.role, agent.supervisorId ?? null, agent.createdAt, agent.updatedAt);
      return toAgent(
        this.#prepare("SELECT * FROM hub_agents WHERE tenant_id = ? AND agent_id = ?").get(agent.tenantId, agent.agentId) as AgentRow,
      );
    });
  }

  async getAgent(options: { tenantId: string; agentId: string }): Promise<AgentRecord | undefined> {
    return this.#read(() => {
      const row = this.#prepare("SELECT * FROM hub_agents WHERE tenant_id = ? AND agent_id = ?").get(options.tenantId, options.agentId) as
        | AgentRow
        | undefined;
      return row === undefined ? undefined : toAgent(row);
    });
  }

  async listAgents(options: { tenantId: string; supervisorId?: string }): Promise<AgentRecord[]> {
    return this.#read(() => {
      const rows = (
        options.supervisorId === undefined
          ? this.#prepare("SELECT * FROM hub_agents WHERE tenant_id = ? ORDER BY agent_id").all(options.tenantId)
          : this.#prepare("SELECT * FROM hub_agents WHERE tenant_id = ? AND supervisor_id = ? ORDER BY agent_id").all(
              options.tenantId,
              options.supervisorId,
            )
      ) as AgentRow[];
      return rows.map(toAgent);
    });
  }

  async insertGrant(grant: GrantRecord): Promise<void> {
    await this.#write(() =>
      this.#prepare(
        `INSERT INTO hub_grants (id, tenant_id, owner_agent_id, grantee_agent_id, access, user_id, kinds, tags, topic, created_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        grant.id,
        grant.tenantId,
        grant.ownerAgentId,
        grant.granteeAgentId,
        grant.access,
        grant.userId ?? null,
        grant.kinds === undefined ? null : JSON.stringify(grant.kinds),
        grant.tags === undefined ? null : JSON.stringify(grant.tags),
        grant.topic ?? null,
        grant.createdAt,
        grant.revokedAt ?? null,
      ),
    );
  }

  async getGrant(options: { tenantId: string; id: string }): Promise<GrantRecord | undefined> {
    return this.#read(() => {
      const row = this.#prepare("SELECT * FROM hub_grants WHERE tenant_id = ? AND id = ?").get(options.tenantId, options.id) as
        | GrantRow
        | undefined;
      return row === undefined ? undefined : toGrant(row);
    });
  }

  async listGrants(options: {
    tenantId: string;
    ownerAgentId?: string;
    granteeAgentId?: string;
    agentId?: string;
    includeRevoked?: boolean;
  }): Promise<GrantRecord[]> {
    return this.#read(() => {
      const parts = ["tenant_id = ?"];
      const parameters: Parameter[] = [options.tenantId];
      if (options.ownerAgentId !== undefined) {
        parts.push("owner_agent_id = ?");
        parameters.push(options.ownerAgentId);
      }
      if (options.granteeAgentId !== undefined) {
        parts.push("grantee_agent_id = ?");
        parameters.push(options.granteeAgentId);
      }
      if (options.agentId !== undefined) {
        parts.push("(owner_agent_id = ? OR grantee_agent_id = ?)");
        parameters.push(options.agentId, options.agentId);
      }
      if (options.includeRevoked !== true) parts.push("revoked_at IS NULL");
      const rows = this.#prepare(`SELECT * FROM hub_grants WHERE ${parts.join(" AND ")} ORDER BY seq`).all(...parameters) as GrantRow[];
      return rows.map(toGrant);
    });
  }

  async revokeGrant(options: { tenantId: string; id: string; revokedAt: string }): Promise<GrantRecord | undefined> {
    return this.#write(() => {
      this.#prepare("UPDATE hub_grants SET revoked_at = coalesce(revoked_at, ?) WHERE tenant_id = ? AND id = ?").run(
        options.revokedAt,
        options.tenantId,
        options.id,
      );
      const row = this.#prepare("SELECT * FROM hub_grants WHERE tenant_id = ? AND id = ?").get(options.tenantId, options.id) as
        | GrantRow
        | undefined;
      return row === undefined ? undefined : toGrant(row);
    });
  }

  async joinPool(membership: PoolMembership): Promise<PoolMembership> {
    return this.#write(() => {
      this.#prepare("INSERT INTO hub_topic_pools (tenant_id, topic, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING").run(
        membership.tenantId,
        membership.topic,
        membership.joinedAt,
      );
      this.#prepare("INSERT INTO hub_pool_members (tenant_id, topic, agent_id, joined_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING").run(
        membership.tenantId,
        membership.topic,
        membership.agentId,
        membership.joinedAt,
      );
      return toMembership(
        this.#prepare("SELECT * FROM hub_pool_members WHERE tenant_id = ? AND topic = ? AND agent_id = ?").get(
          membership.tenantId,
          membership.topic,
          membership.agentId,
        ) as MembershipRow,
      );
    });
  }

  async leavePool(options: { tenantId: string; topic: string; agentId: string }): Promise<boolean> {
    return this.#write(
      () =>
        this.#prepare("DELETE FROM hub_pool_members WHERE tenant_id = ? AND topic = ? AND agent_id = ?").run(
          options.tenantId,
          options.topic,
          options.agentId,
        ).changes > 0,
    );
  }

  async listPoolMemberships(options: { tenantId: string; topic?: string; agentId?: string }): Promise<PoolMembership[]> {
    return this.#read(() => {
      const parts = ["tenant_id = ?"];
      const parameters: Parameter[] = [options.tenantId];
      if (options.topic !== undefined) {
        parts.push("topic = ?");
        parameters.push(options.topic);
      }
      if (options.agentId !== undefined) {
        parts.push("agent_id = ?");
        parameters.push(options.agentId);
      }
      const rows = this.#prepare(`SELECT * FROM hub_pool_members WHERE ${parts.join(" AND ")} ORDER BY topic, agent_id`).all(
        ...parameters,
      ) as MembershipRow[];
      return rows.map(toMembership);
    });
  }

  async appendAudit(entries: readonly ReadAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.#write(() => {
      const insert = this.#prepare(
        `INSERT INTO hub_read_audit (id, tenant_id, reader_agent_id, owner_agent_id, memory_id, user_id, action, via, grant_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const entry of entries) {
        insert.run(
          entry.id,
          entry.tenantId,
          entry.readerAgentId,
          entry.ownerAgentId,
          entry.memoryId,
          entry.userId ?? null,
          entry.action,
          entry.via,
          entry.grantId ?? null,
          entry.createdAt,
        );
      }
    });
  }

  async listAudit(options: { tenantId: string; agentId?: string; since?: string; limit: number }): Promise<ReadAuditEntry[]> {
    return this.#read(() => {
      const parts = ["tenant_id = ?"];
      const parameters: Parameter[] = [options.tenantId];
      if (options.agentId !== undefined) {
        parts.push("(reader_agent_id = ? OR owner_agent_id = ?)");
        parameters.push(options.agentId, options.agentId);
      }
      if (options.since !== undefined) {
        parts.push("created_at >= ?");
        parameters.push(options.since);
      }
      const rows = this.#prepare(`SELECT * FROM hub_read_audit WHERE ${parts.join(" AND ")} ORDER BY seq LIMIT ?`).all(
        ...parameters,
        options.limit,
      ) as AuditRow[];
      return rows.map(toAudit);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#database.close();
  }
}
