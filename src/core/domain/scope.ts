/** The tenant used when a caller names none. */
export const defaultTenantId = "default";

/**
 * Who a row belongs to. Every episode, memory, entity and relation carries one; every read filters by it
 * inside the store. An absent field on a read means "any"; on a write, "not set".
 *
 * @example
 * const scope: Scope = { tenantId: "default", userId: "u1", sessionId: "s1" };
 */
export interface Scope {
  tenantId: string;
  userId?: string;
  agentId?: string;
  sessionId?: string;
  /**
   * Reads only: the agents whose memories are visible (the multi-agent hub computes it from ownership and
   * grants; "" stands for user-level memories shared by all of the user's agents). Overrides `agentId` on reads.
   */
  visibleAgentIds?: readonly string[];
}

/**
 * The scope named by a call's options (absent fields stay absent; the tenant defaults).
 *
 * @example
 * scopeOf({ userId: "u1" }); // { tenantId: "default", userId: "u1" }
 */
export function scopeOf(options: {
  tenantId?: string | undefined;
  userId?: string | undefined;
  agentId?: string | undefined;
  sessionId?: string | undefined;
  visibleAgentIds?: readonly string[] | undefined;
}): Scope {
  return {
    tenantId: options.tenantId ?? defaultTenantId,
    ...(options.userId === undefined ? {} : { userId: options.userId }),
    ...(options.agentId === undefined ? {} : { agentId: options.agentId }),
    ...(options.sessionId === undefined ? {} : { sessionId: options.sessionId }),
    ...(options.visibleAgentIds === undefined ? {} : { visibleAgentIds: options.visibleAgentIds }),
  };
}
