import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiKeys } from "../../core/hub/api-keys.js";
import type { HttpEnv } from "./http-env.js";
import { SurfaceError } from "./http-errors.js";
import { createdKeySchema, createKeyRequestSchema, keyIdParamsSchema, keyListSchema, keySchema } from "./hub-schemas.js";
import { commonErrorResponses, requireScope } from "./memory-routes.js";
import { errorResponseSchema } from "./schemas.js";

const json = <T>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
const tags = ["keys"];
const adminOnly = "Needs the admin scope; manages only the keys of the caller's tenant.";

const createKeyRoute = createRoute({
  method: "post",
  path: "/v1/keys",
  tags,
  summary: "Create an API key (the secret is shown once)",
  description: adminOnly,
  request: { body: { required: true, content: { "application/json": { schema: createKeyRequestSchema } } } },
  responses: { 201: json(createdKeySchema, "The key, shown once, and its record."), ...commonErrorResponses },
});

const listKeysRoute = createRoute({
  method: "get",
  path: "/v1/keys",
  tags,
  summary: "List the tenant's API keys (never their secrets)",
  description: adminOnly,
  responses: { 200: json(keyListSchema, "Keys, oldest first."), ...commonErrorResponses },
});

const revokeKeyRoute = createRoute({
  method: "delete",
  path: "/v1/keys/{id}",
  tags,
  summary: "Revoke an API key",
  description: `${adminOnly} A key of another tenant answers 404.`,
  request: { params: keyIdParamsSchema },
  responses: {
    200: json(keySchema, "The revoked key."),
    ...commonErrorResponses,
    404: { description: "No such key in this tenant (KEY_NOT_FOUND).", content: { "application/json": { schema: errorResponseSchema } } },
  },
});

/**
 * Registers the admin routes for API keys: `POST /v1/keys`, `GET /v1/keys`, `DELETE /v1/keys/{id}`.
 *
 * @example
 * registerKeyRoutes(app, { apiKeys });
 */
export function registerKeyRoutes(app: OpenAPIHono<HttpEnv>, options: { apiKeys: ApiKeys }): void {
  const { apiKeys } = options;

  app.openapi(createKeyRoute, async (c) => {
    const principal = requireScope(c, "admin");
    const body = c.req.valid("json");
    const created = await apiKeys.create({ ...body, tenantId: principal.tenantId });
    return c.json(created, 201);
  });

  app.openapi(listKeysRoute, async (c) => {
    const principal = requireScope(c, "admin");
    return c.json({ results: await apiKeys.list({ tenantId: principal.tenantId }) }, 200);
  });

  app.openapi(revokeKeyRoute, async (c) => {
    const principal = requireScope(c, "admin");
    const { id } = c.req.valid("param");
    const revoked = await apiKeys.revoke({ id, tenantId: principal.tenantId });
    if (revoked === undefined) throw new SurfaceError({ code: "KEY_NOT_FOUND", message: `Key ${id} not found.`, details: { id } });
    return c.json(revoked, 200);
  });
}
