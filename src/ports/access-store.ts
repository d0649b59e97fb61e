import type { AgentRecord, ApiKeyRecord, GrantRecord, PoolMembership, ReadAuditEntry } from "../core/hub/access-records.js";

/** An API key with the SHA-256 hash of its secret (the secret itself is never stored). */
export interface StoredApiKey extends ApiKeyRecord {
  secretHash: Buffer;
}

/**
 * Who may do what: API keys, agents, grants, topic pools and the read audit of the multi-agent hub.
 * Every method but {@link AccessStore.findKey} and {@link AccessStore.hasKeys} is confined to one tenant.
 *
 * @example
 * const access = createSqliteAccessStore({ path: "./mnemo.db" });
 * await access.insertKey({ id, tenantId: "acme", scopes: ["read"], secretHash, createdAt });
 */
export interface AccessStore {
  insertKey(key: StoredApiKey): Promise<void>;
  /** A key by id, in any tenant (authentication looks the key up before it knows the tenant). */
  findKey(options: { id: string }): Promise<StoredApiKey | undefined>;
  /** Keys without their hashes, oldest first; every tenant when `tenantId` is absent. */
  listKeys(options: { tenantId?: string }): Promise<ApiKeyRecord[]>;
  /** Marks a key revoked (keeps an earlier revocation time); `undefined` when the tenant has no such key. */
  revokeKey(options: { tenantId?: string; id: string; revokedAt: string }): Promise<ApiKeyRecord | undefined>;
  /** Has any key ever been created (revoked ones count: once keys are configured, they stay required)? */
  hasKeys(): Promise<boolean>;

  /** Creates or changes an agent (role, supervisor). */
  upsertAgent(agent: AgentRecord): Promise<AgentRecord>;
  getAgent(options: { tenantId: string; agentId: string }): Promise<AgentRecord | undefined>;
  listAgents(options: { tenantId: string; supervisorId?: string }): Promise<AgentRecord[]>;

  insertGrant(grant: GrantRecord): Promise<void>;
  getGrant(options: { tenantId: string; id: string }): Promise<GrantRecord | undefined>;
  /** Grants of a tenant, optionally those an agent gave or received; active ones unless `includeRevoked`. */
  listGrants(options: {
    tenantId: string;
    ownerAgentId?: string;
    granteeAgentId?: string;
    /** Grants the agent gave or received. */
    agentId?: string;
    includeRevoked?: boolean;
  }): Promise<GrantRecord[]>;
  revokeGrant(options: { tenantId: string; id: string; revokedAt: string }): Promise<GrantRecord | undefined>;

  /** Adds an agent to a topic pool (creating the pool); joining twice keeps the first membership. */
  joinPool(membership: PoolMembership): Promise<PoolMembership>;
  /** `true` when the agent was a member. */
  leavePool(options: { tenantId: string; topic: string; agentId: string }): Promise<boolean>;
  /** Memberships of a tenant, optionally of one topic or one agent. */
  listPoolMemberships(options: { tenantId: string; topic?: string; agentId?: string }): Promise<PoolMembership[]>;

  appendAudit(entries: readonly ReadAuditEntry[]): Promise<void>;
  /** Cross-agent reads, oldest first: those where `agentId` read or was read, at or after `since`. */
  listAudit(options: { tenantId: string; agentId?: string; since?: string; limit: number }): Promise<ReadAuditEntry[]>;

  close(): Promise<void>;
}
