import { defaultTenantId } from "../../core/domain/scope.js";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import { type KeyScope, keyScopes } from "../../core/hub/access-records.js";
import type { KeyPrincipal } from "../../core/hub/api-keys.js";
import type { MemoryHub } from "../../core/hub/memory-hub.js";
import { SurfaceError } from "./http-errors.js";

/** What a caller may do. `admin` implies every other scope. */
export const principalScopes = keyScopes;

/** One of {@link principalScopes}. */
export type PrincipalScope = KeyScope;

/**
 * Who is calling a surface (HTTP, MCP): the tenant every call is confined to, the agent acting (recorded as
 * the actor of changes) and what it may do. The tenant always comes from here, never from a request body.
 *
 * @example
 * const principal: Principal = { tenantId: "acme", agentId: "planner", scopes: ["read"] };
 */
export interface Principal {
  tenantId: string;
  agentId?: string;
  scopes: readonly PrincipalScope[];
  /** The API key the caller presented (rate limits are per key). */
  keyId?: string;
}

/**
 * The principal of a server without API keys: one tenant (default `default`), every scope.
 *
 * @example
 * createDefaultPrincipal(); // { tenantId: "default", scopes: ["read", "write", "admin"] }
 */
export function createDefaultPrincipal(options: { tenantId?: string | undefined } = {}): Principal {
  return { tenantId: options.tenantId ?? defaultTenantId, scopes: [...principalScopes] };
}

/**
 * The principal of an authenticated API key: its tenant, scopes, key id and, when bound, its agent.
 *
 * @example
 * principalOfKey(await apiKeys.authenticate(token)); // { tenantId: "acme", scopes: ["read"], keyId: "…", agentId: "planner" }
 */
export function principalOfKey(key: KeyPrincipal): Principal {
  return { tenantId: key.tenantId, scopes: key.scopes, keyId: key.keyId, ...(key.agentId === undefined ? {} : { agentId: key.agentId }) };
}

/**
 * The memory as the principal sees it: with a hub, an agent's view when its credentials are bound to an
 * agent; otherwise the memory itself.
 *
 * @example
 * await memoryForPrincipal({ memory, hub, principal }).search("allergies", { userId: "u1" });
 */
export function memoryForPrincipal(options: { memory: Memory; hub?: MemoryHub | undefined; principal: Principal }): Memory {
  const { memory, hub, principal } = options;
  return principal.agentId === undefined || hub === undefined
    ? memory
    : hub.memoryFor({ tenantId: principal.tenantId, agentId: principal.agentId });
}

/**
 * Does the principal hold this scope (or `admin`)?
 *
 * @example
 * hasScope({ tenantId: "t", scopes: ["read"] }, "write"); // false
 */
export function hasScope(principal: Principal, scope: PrincipalScope): boolean {
  return principal.scopes.includes(scope) || principal.scopes.includes("admin");
}

/**
 * The tenant and actor options every memory call takes, derived from the principal.
 *
 * @example
 * await memory.get(id, principalOptions(principal));
 */
export function principalOptions(principal: Principal): { tenantId: string; actor?: string } {
  return principal.agentId === undefined ? { tenantId: principal.tenantId } : { tenantId: principal.tenantId, actor: principal.agentId };
}

/**
 * The agent a request acts as: the one its credentials are bound to (naming another is 403), or, for
 * tenant-wide credentials, the one the request names (required).
 *
 * @example
 * actingAgent(principal, body.agentId);
 */
export function actingAgent(principal: Principal, requested: string | undefined): string {
  if (principal.agentId !== undefined) {
    if (requested !== undefined && requested !== principal.agentId) {
      throw new SurfaceError({
        code: "SCOPE_FORBIDDEN",
        message: `These credentials act as agent ${principal.agentId}, not ${requested}.`,
        details: { agentId: principal.agentId },
      });
    }
    return principal.agentId;
  }
  if (requested === undefined) {
    throw new SurfaceError({ code: "INPUT_INVALID", message: "Name the acting agent (agentId): these credentials are tenant-wide." });
  }
  return requested;
}
