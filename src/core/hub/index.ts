export {
  type AccessPath,
  type AgentRecord,
  type AgentRole,
  type ApiKeyRecord,
  type AuditAction,
  accessPaths,
  agentRoles,
  auditActions,
  type GrantAccess,
  type GrantRecord,
  grantAccessLevels,
  type KeyScope,
  keyScopes,
  type PoolMembership,
  type ReadAuditEntry,
} from "./access-records.js";
export { type AccessRule, type ReadPath, type Visibility, visibleAgentIds } from "./access-rules.js";
export {
  type ApiKeys,
  type CreateKeyInput,
  createApiKeys,
  hashSecret,
  type KeyPrincipal,
  parseApiKey,
  parseKeyScopes,
  secretMatches,
} from "./api-keys.js";
export { type Conflict, detectConflicts, findAversions, findSingleValuedFacts, isProposal } from "./conflict-rules.js";
export type {
  AuditLogInput,
  GrantInput,
  HubAddInput,
  HubSearchInput,
  ListGrantsInput,
  ListPoolsInput,
  PoolInput,
  RegisterAgentInput,
  RevokeGrantInput,
  ShareForTaskInput,
} from "./hub-schemas.js";
export {
  createMemoryHub,
  type HubAddResult,
  type HubSearchResponse,
  type HubSearchResult,
  type HubStoreReader,
  type MemoryHub,
  type MemoryHubOptions,
} from "./memory-hub.js";
