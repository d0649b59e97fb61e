import { defaultTenantId } from "../../core/domain/scope.js";

/** What a caller may do. `admin` implies every other scope. */
export const principalScopes = ["read", "write", "admin"] as const;

/** One of {@link principalScopes}. */
export type PrincipalScope = (typeof principalScopes)[number];

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
