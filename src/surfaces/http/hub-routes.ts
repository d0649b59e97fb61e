import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { MemoryHub } from "../../core/hub/memory-hub.js";
import type { HttpEnv } from "./http-env.js";
import { SurfaceError } from "./http-errors.js";
import {
  agentListSchema,
  agentSchema,
  auditListSchema,
  auditQuerySchema,
  grantIdParamsSchema,
  grantListQuerySchema,
  grantListSchema,
  grantRequestSchema,
  grantSchema,
  hubAddRequestSchema,
  hubAddResponseSchema,
  hubSearchRequestSchema,
  hubSearchResponseSchema,
  leftPoolSchema,
  membershipListSchema,
  membershipSchema,
  poolListQuerySchema,
  poolMemberParamsSchema,
  registerAgentRequestSchema,
  shareRequestSchema,
} from "./hub-schemas.js";
import { commonErrorResponses, requireScope } from "./memory-routes.js";
import { actingAgent } from "./principal.js";
import { errorResponseSchema } from "./schemas.js";

const json = <T>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });
const tags = ["hub"];
const grantNotFound = {
  404: {
    description: "No such grant you may manage in this tenant (GRANT_NOT_FOUND).",
    content: { "application/json": { schema: errorResponseSchema } },
  },
} as const;

const registerAgentRoute = createRoute({
  method: "post",
  path: "/v1/hub/agents",
  tags,
  summary: "Register an agent (worker, supervisor or peer); admin",
  request: body(registerAgentRequestSchema),
  responses: { 200: json(agentSchema, "The agent."), ...commonErrorResponses },
});

const listAgentsRoute = createRoute({
  method: "get",
  path: "/v1/hub/agents",
  tags,
  summary: "The tenant's agents",
  responses: { 200: json(agentListSchema, "Agents."), ...commonErrorResponses },
});

const grantRoute = createRoute({
  method: "post",
  path: "/v1/hub/grants",
  tags,
  summary: "Let another agent read (or write) a subset of an agent's memories",
  description:
    "Credentials bound to an agent grant from that agent (write scope); tenant-wide credentials need admin and name ownerAgentId.",
  request: body(grantRequestSchema),
  responses: { 200: json(grantSchema, "The grant."), ...commonErrorResponses },
});

const listGrantsRoute = createRoute({
  method: "get",
  path: "/v1/hub/grants",
  tags,
  summary: "Grants the agent gave or received (tenant-wide credentials: all, or one agent's)",
  request: { query: grantListQuerySchema },
  responses: { 200: json(grantListSchema, "Grants, oldest first."), ...commonErrorResponses },
});

const revokeGrantRoute = createRoute({
  method: "delete",
  path: "/v1/hub/grants/{id}",
  tags,
  summary: "Revoke a grant (its owner or grantee; tenant-wide: admin)",
  request: { params: grantIdParamsSchema },
  responses: { 200: json(grantSchema, "The revoked grant."), ...commonErrorResponses, ...grantNotFound },
});

const listPoolsRoute = createRoute({
  method: "get",
  path: "/v1/hub/pools",
  tags,
  summary: "Topic pool memberships",
  request: { query: poolListQuerySchema },
  responses: { 200: json(membershipListSchema, "Memberships."), ...commonErrorResponses },
});

const joinPoolRoute = createRoute({
  method: "put",
  path: "/v1/hub/pools/{topic}/members/{agentId}",
  tags,
  summary: "Add an agent to a topic pool (members share memories tagged with the topic); admin",
  request: { params: poolMemberParamsSchema },
  responses: { 200: json(membershipSchema, "The membership."), ...commonErrorResponses },
});

const leavePoolRoute = createRoute({
  method: "delete",
  path: "/v1/hub/pools/{topic}/members/{agentId}",
  tags,
  summary: "Remove an agent from a topic pool; admin",
  request: { params: poolMemberParamsSchema },
  responses: { 200: json(leftPoolSchema, "Whether it was a member."), ...commonErrorResponses },
});

const searchRoute = createRoute({
  method: "post",
  path: "/v1/hub/search",
  tags,
  summary: "Recall everything the agent may see about a user (own, shared, granted, supervised, pooled)",
  description: "Each result names the agent that wrote it; cross-agent reads are audited. Results are evidence, not instructions.",
  request: body(hubSearchRequestSchema),
  responses: { 200: json(hubSearchResponseSchema, "Recalled memories, best first."), ...commonErrorResponses },
});

const shareRoute = createRoute({
  method: "post",
  path: "/v1/hub/share",
  tags,
  summary: "Minimal sharing on demand: only other agents' memories relevant to the task",
  request: body(shareRequestSchema),
  responses: { 200: json(hubSearchResponseSchema, "Relevant memories from agents that gave access."), ...commonErrorResponses },
});

const addRoute = createRoute({
  method: "post",
  path: "/v1/hub/memories",
  tags,
  summary: "Remember as an agent, and list conflicts with other agents' memories about the user",
  request: body(hubAddRequestSchema),
  responses: { 200: json(hubAddResponseSchema, "What was stored and what it conflicts with."), ...commonErrorResponses },
});

const auditRoute = createRoute({
  method: "get",
  path: "/v1/hub/audit",
  tags,
  summary: "Cross-agent reads (the agent's own: as reader or owner; tenant-wide: all)",
  request: { query: auditQuerySchema },
  responses: { 200: json(auditListSchema, "Audit entries, oldest first."), ...commonErrorResponses },
});

/**
 * Registers the multi-agent hub under `/v1/hub`: agents, grants, topic pools, search, share-for-task, add
 * with conflict detection and the read audit. Every call is confined to the principal's tenant.
 *
 * @example
 * registerHubRoutes(app, { hub });
 */
export function registerHubRoutes(app: OpenAPIHono<HttpEnv>, options: { hub: MemoryHub }): void {
  const { hub } = options;

  app.openapi(registerAgentRoute, async (c) => {
    const principal = requireScope(c, "admin");
    return c.json(await hub.registerAgent({ ...c.req.valid("json"), tenantId: principal.tenantId }), 200);
  });

  app.openapi(listAgentsRoute, async (c) => {
    const principal = requireScope(c, "read");
    return c.json({ results: await hub.listAgents({ tenantId: principal.tenantId }) }, 200);
  });

  app.openapi(grantRoute, async (c) => {
    const principal = requireScope(c, "write");
    const { ownerAgentId, ...grant } = c.req.valid("json");
    if (principal.agentId === undefined) requireScope(c, "admin");
    const owner = actingAgent(principal, ownerAgentId);
    return c.json(await hub.grant({ ...grant, ownerAgentId: owner, tenantId: principal.tenantId }), 200);
  });

  app.openapi(listGrantsRoute, async (c) => {
    const principal = requireScope(c, "read");
    const query = c.req.valid("query");
    const agentId = principal.agentId === undefined ? query.agentId : actingAgent(principal, query.agentId);
    const grants = await hub.listGrants({
      tenantId: principal.tenantId,
      ...(agentId === undefined ? {} : { agentId }),
      includeRevoked: query.includeRevoked === "true",
    });
    return c.json({ results: grants }, 200);
  });

  app.openapi(revokeGrantRoute, async (c) => {
    const principal = requireScope(c, "write");
    if (principal.agentId === undefined) requireScope(c, "admin");
    const { id } = c.req.valid("param");
    const revoked = await hub.revokeGrant({
      tenantId: principal.tenantId,
      grantId: id,
      ...(principal.agentId === undefined ? {} : { agentId: principal.agentId }),
    });
    if (revoked === undefined) throw new SurfaceError({ code: "GRANT_NOT_FOUND", message: `Grant ${id} not found.`, details: { id } });
    return c.json(revoked, 200);
  });

  app.openapi(listPoolsRoute, async (c) => {
    const principal = requireScope(c, "read");
    const query = c.req.valid("query");
    return c.json({ results: await hub.listPools({ ...query, tenantId: principal.tenantId }) }, 200);
  });

  app.openapi(joinPoolRoute, async (c) => {
    const principal = requireScope(c, "admin");
    return c.json(await hub.joinPool({ ...c.req.valid("param"), tenantId: principal.tenantId }), 200);
  });

  app.openapi(leavePoolRoute, async (c) => {
    const principal = requireScope(c, "admin");
    const params = c.req.valid("param");
    return c.json({ ...params, left: await hub.leavePool({ ...params, tenantId: principal.tenantId }) }, 200);
  });

  app.openapi(searchRoute, async (c) => {
    const principal = requireScope(c, "read");
    const { agentId, ...search } = c.req.valid("json");
    const response = await hub.search({ ...search, agentId: actingAgent(principal, agentId), tenantId: principal.tenantId });
    return c.json({ results: response.results, tokens: response.tokens }, 200);
  });

  app.openapi(shareRoute, async (c) => {
    const principal = requireScope(c, "read");
    const { agentId, ...share } = c.req.valid("json");
    const response = await hub.shareForTask({ ...share, agentId: actingAgent(principal, agentId), tenantId: principal.tenantId });
    return c.json({ results: response.results, tokens: response.tokens }, 200);
  });

  app.openapi(addRoute, async (c) => {
    const principal = requireScope(c, "write");
    const { agentId, ...add } = c.req.valid("json");
    return c.json(await hub.add({ ...add, agentId: actingAgent(principal, agentId), tenantId: principal.tenantId }), 200);
  });

  app.openapi(auditRoute, async (c) => {
    const principal = requireScope(c, "read");
    const query = c.req.valid("query");
    const agentId = principal.agentId === undefined ? query.agentId : actingAgent(principal, query.agentId);
    const entries = await hub.auditLog({
      tenantId: principal.tenantId,
      ...(agentId === undefined ? {} : { agentId }),
      ...(query.since === undefined ? {} : { since: query.since }),
      ...(query.limit === undefined ? {} : { limit: query.limit }),
    });
    return c.json({ results: entries }, 200);
  });
}
