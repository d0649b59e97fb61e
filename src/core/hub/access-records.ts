import type { MemoryKind } from "../domain/memory-record.js";

/** What an API key (and so a principal) may do. `admin` implies every other scope. */
export const keyScopes = ["read", "write", "admin"] as const;

/** One of {@link keyScopes}. */
export type KeyScope = (typeof keyScopes)[number];

/**
 * An API key as stored and listed: never the secret, never its hash.
 *
 * @example
 * const key: ApiKeyRecord = { id: "3f9c0a7d1b2e4c58", tenantId: "acme", scopes: ["read"], createdAt: "2024-05-08T00:00:00.000Z" };
 */
export interface ApiKeyRecord {
  /** Public key id (16 hex characters), the middle part of `mnemo_<id>_<secret>`. */
  id: string;
  tenantId: string;
  /** When set, the key acts as this agent and sees what the agent may see. */
  agentId?: string;
  /** A label for people ("billing worker"). */
  name?: string;
  scopes: KeyScope[];
  createdAt: string;
  revokedAt?: string;
}

/** Roles of agents in the multi-agent hub. */
export const agentRoles = ["worker", "supervisor", "peer"] as const;

/** One of {@link agentRoles}. */
export type AgentRole = (typeof agentRoles)[number];

/**
 * An agent registered in a tenant. A supervisor reads the memories of the workers whose `supervisorId` names it.
 *
 * @example
 * const worker: AgentRecord = { tenantId: "acme", agentId: "after-sales", role: "worker", supervisorId: "lead", … };
 */
export interface AgentRecord {
  tenantId: string;
  agentId: string;
  role: AgentRole;
  supervisorId?: string;
  createdAt: string;
  updatedAt: string;
}

/** How much a grant allows: `write` includes `read`. */
export const grantAccessLevels = ["read", "write"] as const;

/** One of {@link grantAccessLevels}. */
export type GrantAccess = (typeof grantAccessLevels)[number];

/**
 * Agent `ownerAgentId` lets agent `granteeAgentId` read (or write) a subset of its memories. Every given
 * criterion must hold: about `userId`, of one of `kinds`, tagged with one of `tags` (metadata `tags` array),
 * tagged with `topic`. No criterion: all of the owner's memories.
 *
 * @example
 * const grant: GrantRecord = { id: "…", tenantId: "acme", ownerAgentId: "consulting", granteeAgentId: "after-sales", access: "read", tags: ["diet"], … };
 */
export interface GrantRecord {
  id: string;
  tenantId: string;
  ownerAgentId: string;
  granteeAgentId: string;
  access: GrantAccess;
  userId?: string;
  kinds?: MemoryKind[];
  tags?: string[];
  topic?: string;
  createdAt: string;
  revokedAt?: string;
}

/**
 * An agent's membership of a topic pool: members read each other's memories tagged with the topic.
 *
 * @example
 * const membership: PoolMembership = { tenantId: "acme", topic: "travel", agentId: "planner", joinedAt: "…" };
 */
export interface PoolMembership {
  tenantId: string;
  topic: string;
  agentId: string;
  joinedAt: string;
}

/** What a cross-agent read was part of. */
export const auditActions = ["search", "share", "get", "list", "conflict-check"] as const;

/** One of {@link auditActions}. */
export type AuditAction = (typeof auditActions)[number];

/** Why a reader could see another agent's memory. */
export const accessPaths = ["grant", "supervisor", "pool"] as const;

/** One of {@link accessPaths}. */
export type AccessPath = (typeof accessPaths)[number];

/**
 * One cross-agent read: agent `readerAgentId` was shown memory `memoryId` written by `ownerAgentId`.
 * Holds ids only, never memory text (a deleted memory leaves nothing readable here).
 *
 * @example
 * const entry: ReadAuditEntry = { id: "…", tenantId: "acme", readerAgentId: "lead", ownerAgentId: "worker-1", memoryId: "…", action: "search", via: "supervisor", … };
 */
export interface ReadAuditEntry {
  id: string;
  tenantId: string;
  readerAgentId: string;
  ownerAgentId: string;
  memoryId: string;
  userId?: string;
  action: AuditAction;
  via: AccessPath;
  grantId?: string;
  createdAt: string;
}
