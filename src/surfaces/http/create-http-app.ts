import { randomUUID } from "node:crypto";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { matchedRoutes } from "hono/route";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import type { ApiKeys } from "../../core/hub/api-keys.js";
import type { MemoryHub } from "../../core/hub/memory-hub.js";
import { type Logger, silentLogger } from "../../ports/logger.js";
import { createMcpHttpHandler } from "../mcp/mcp-http-handler.js";
import { type AdmissionSettings, createAdmissionQueue, defaultAdmission } from "./admission-queue.js";
import { createApiKeyResolver } from "./api-key-auth.js";
import { renderDocsPage } from "./docs-page.js";
import type { HttpContext, HttpEnv } from "./http-env.js";
import { describeError, type ErrorBody, httpStatusFor, SurfaceError } from "./http-errors.js";
import { registerHubRoutes } from "./hub-routes.js";
import { registerKeyRoutes } from "./key-routes.js";
import { createMem0App } from "./mem0-routes.js";
import { registerMemoryRoutes, requireScope } from "./memory-routes.js";
import { createHttpMetrics } from "./metrics.js";
import { createDefaultPrincipal, memoryForPrincipal, type Principal } from "./principal.js";
import { createRateLimiter, defaultRateLimit, type RateLimitSettings } from "./rate-limit.js";

/** Finds who is calling, from the request (headers); `undefined` answers 401. Throwing a `MnemoError` maps as usual. */
export type ResolvePrincipal = (context: HttpContext) => Principal | undefined | Promise<Principal | undefined>;

/** Limits of the HTTP app. */
export interface HttpLimits {
  /** Largest request body in bytes (default 1 MiB); larger ones are answered 413 before they are read. */
  maxBodyBytes?: number;
}

/** Options of {@link createHttpApp}. */
export interface HttpAppOptions {
  memory: Memory;
  /** Structured logger (pino fits); default: silent. Bodies, headers and keys are never logged. */
  logger?: Logger;
  /**
   * Default: with `apiKeys`, keys from the `Authorization` header (`Bearer` or mem0's `Token`), and the local
   * principal while no key exists; without, tenant `default` with every scope.
   */
  resolvePrincipal?: ResolvePrincipal;
  /**
   * API keys: enables the admin routes `/v1/keys`, and once a key exists every route but `/healthz` (including
   * `/metrics`, `/openapi.json`, `/docs`) needs one.
   */
  apiKeys?: ApiKeys;
  /**
   * The multi-agent hub: enables `/v1/hub/*` and the hub MCP tools, and confines credentials bound to an agent
   * to what that agent may see on every route (`/v1/memories`, `/mem0`, `/mcp`).
   */
  hub?: MemoryHub;
  /**
   * Per-key token bucket (429 with `Retry-After` when empty). Default: 100/s, burst 200 for API keys (the local
   * keyless principal is not limited); when given, it also limits principals without a key (per tenant and
   * agent). `false`: no limit.
   */
  rateLimit?: RateLimitSettings | false;
  limits?: HttpLimits;
  /**
   * Admission control (see {@link createAdmissionQueue}): requests worked on at once, how many may wait, and
   * for how long, per tenant line; a request past those limits is answered 503 `OVERLOADED` with `Retry-After`.
   * `/healthz` and `/metrics` are never held. Default {@link defaultAdmission}; `false`: every request is let in.
   */
  admission?: Partial<AdmissionSettings> | false;
  /** Serve MCP over streamable HTTP at `/mcp` (default true). */
  mcp?: boolean;
}

/** Routes that never need credentials. */
const publicPaths = new Set(["/healthz"]);
/** Operations routes that need credentials only once API keys exist. */
const operationsPaths = new Set(["/metrics", "/openapi.json", "/docs"]);

const strictDecoder = new TextDecoder("utf-8", { fatal: true });

/** Default request body limit: 1 MiB. */
export const defaultMaxBodyBytes = 1_048_576;

const healthRoute = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["operations"],
  summary: "Liveness",
  responses: {
    200: { description: "The server is up.", content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } } },
  },
});

const metricsRoute = createRoute({
  method: "get",
  path: "/metrics",
  tags: ["operations"],
  summary: "Prometheus metrics: requests by route and status, latency histogram, errors by code, memory counts",
  responses: { 200: { description: "Prometheus text exposition format 0.0.4.", content: { "text/plain": { schema: z.string() } } } },
});

/**
 * The OpenAPI generator writes a regex with flags as `source/flags` (`^[^\p{Cc}]+$/u`); JSON Schema patterns are
 * the bare source (ECMA-262, Unicode-aware), so the flag suffix is cut.
 */
function fixRegexPatterns(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) fixRegexPatterns(item);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const object = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(object)) {
    if (key === "pattern" && typeof value === "string") object[key] = value.replace(/\/[dgimsuyv]+$/, "");
    else fixRegexPatterns(value);
  }
}

/**
 * The request as the MCP transport must see it: the raw one, or, when a middleware has already read its body
 * (admission control reads it before giving a turn), a copy carrying that body.
 */
async function unreadRequest(context: HttpContext): Promise<Request> {
  const raw = context.req.raw;
  if (raw.body === null || !raw.bodyUsed) return raw;
  return new Request(raw.url, { method: raw.method, headers: raw.headers, body: await context.req.arrayBuffer() });
}

function routeLabel(context: HttpContext): string {
  const routes = matchedRoutes(context);
  for (let index = routes.length - 1; index >= 0; index -= 1) {
    const route = routes[index];
    if (route !== undefined && !route.path.endsWith("*")) return route.path;
  }
  return "unmatched";
}

/**
 * Builds the HTTP app (Hono + zod OpenAPI): REST under `/v1`, mem0-compatible routes under `/mem0`, MCP at
 * `/mcp`, `/openapi.json`, `/docs`, `/healthz` and `/metrics`. Test it with `app.request()`; serve it with
 * {@link startHttpServer}.
 *
 * @example
 * const app = createHttpApp({ memory: await createMemory({ path: ":memory:" }) });
 * const response = await app.request("/v1/memories", {
 *   method: "POST",
 *   headers: { "content-type": "application/json" },
 *   body: JSON.stringify({ text: "I moved to Lisbon last month", userId: "u1" }),
 * });
 */
export function createHttpApp(options: HttpAppOptions): OpenAPIHono<HttpEnv> {
  const { memory, apiKeys, hub } = options;
  const logger = options.logger ?? silentLogger;
  const defaultPrincipal = createDefaultPrincipal();
  const resolvePrincipal: ResolvePrincipal =
    options.resolvePrincipal ??
    (apiKeys === undefined ? () => defaultPrincipal : createApiKeyResolver({ apiKeys, fallback: defaultPrincipal }));
  const rateLimit = options.rateLimit ?? (apiKeys === undefined ? false : defaultRateLimit);
  const limiter = rateLimit === false ? undefined : createRateLimiter(rateLimit);
  const limitKeylessPrincipals = options.rateLimit !== undefined;
  const maxBodyBytes = options.limits?.maxBodyBytes ?? defaultMaxBodyBytes;
  const admission = options.admission === false ? undefined : createAdmissionQueue({ ...defaultAdmission, ...options.admission });
  /** Requests read and not yet answered. */
  let inFlight = 0;
  const metrics = createHttpMetrics({
    inFlight: () => inFlight,
    ...(admission === undefined ? {} : { admission: () => admission.stats() }),
  });
  /** The memory as the principal sees it: an agent's view when its credentials are bound to an agent. */
  const memoryFor = (principal: Principal): Memory => memoryForPrincipal({ memory, hub, principal });

  const errorResponse = (context: HttpContext, error: ErrorBody["error"], cause?: unknown) => {
    const status = httpStatusFor(error.code);
    metrics.countError(error.code);
    // Refusals under overload are counted (errors by code, refused by reason), not logged one by one.
    if (status >= 500 && error.code !== "OVERLOADED") {
      logger.error(
        {
          requestId: context.get("requestId"),
          code: error.code,
          error: cause instanceof Error ? { name: cause.name, message: cause.message, stack: cause.stack } : String(cause),
        },
        "http-request-failed",
      );
    }
    const body: ErrorBody = { error };
    return context.json(body, status);
  };

  const app = new OpenAPIHono<HttpEnv>({
    defaultHook: (result, context) => {
      if (result.success) return undefined;
      return errorResponse(context, {
        code: "INPUT_INVALID",
        message: `Invalid ${result.target === "json" ? "request body" : result.target}: ${z.prettifyError(result.error)}`,
        details: {
          issues: result.error.issues.map((issue) => ({ code: issue.code, path: issue.path.map(String), message: issue.message })),
        },
      });
    },
  });

  app.use("*", async (context, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    context.set("requestId", requestId);
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
    }
    const seconds = (performance.now() - started) / 1000;
    const route = routeLabel(context);
    const status = context.res.status;
    metrics.observeRequest({ method: context.req.method, route, status, seconds });
    try {
      context.res.headers.set("X-Request-Id", requestId);
    } catch {
      // A response with immutable headers keeps its own.
    }
    const principal = context.get("principal") as Principal | undefined;
    logger.info(
      {
        requestId,
        method: context.req.method,
        route,
        status,
        durationMs: Number((seconds * 1000).toFixed(2)),
        ...(principal === undefined ? {} : { tenantId: principal.tenantId }),
        ...(principal?.agentId === undefined ? {} : { agentId: principal.agentId }),
        // The public key id only; keys and secrets are never logged.
        ...(principal?.keyId === undefined ? {} : { keyId: principal.keyId }),
      },
      "http-request",
    );
  });

  app.use(
    "*",
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (context) =>
        errorResponse(context, {
          code: "PAYLOAD_TOO_LARGE",
          message: `Request body exceeds ${maxBodyBytes} bytes.`,
          details: { maxBytes: maxBodyBytes },
        }),
    }),
  );

  // Every route but /healthz needs a principal; the operations routes only once API keys exist.
  app.use("*", async (context, next) => {
    const path = context.req.path;
    if (publicPaths.has(path)) return next();
    if (operationsPaths.has(path) && (apiKeys === undefined || !(await apiKeys.configured()))) return next();
    const principal = await resolvePrincipal(context);
    if (principal === undefined) {
      context.header("WWW-Authenticate", 'Bearer realm="mnemo"');
      throw new SurfaceError({ code: "UNAUTHENTICATED", message: "Missing, invalid or revoked credentials." });
    }
    context.set("principal", principal);
    if (limiter !== undefined && (principal.keyId !== undefined || limitKeylessPrincipals)) {
      const decision = limiter.take(principal.keyId ?? `tenant:${principal.tenantId}:${principal.agentId ?? ""}`);
      if (!decision.allowed) {
        throw new SurfaceError({
          code: "RATE_LIMITED",
          message: `Too many requests for these credentials; retry after ${decision.retryAfterSeconds} s.`,
          details: { retryAfterSeconds: decision.retryAfterSeconds },
        });
      }
    }
    await next();
  });

  // Admission control: a few requests at a time, the others wait their turn in their tenant's line (or are
  // refused with 503 once the line is full or the wait too long). The operations routes are never held. The
  // body is read before the turn is taken (kept for the route, within the body limit): a client that stalls
  // halfway through its upload must not hold one of the few turns.
  if (admission !== undefined) {
    app.use("*", async (context, next) => {
      const path = context.req.path;
      if (publicPaths.has(path) || path === "/metrics") return next();
      if (context.req.raw.body !== null) await context.req.arrayBuffer();
      const principal = context.get("principal") as Principal | undefined;
      const release = await admission.admit(principal?.tenantId ?? "");
      try {
        await next();
      } finally {
        release();
      }
    });
  }

  // JSON bodies must be valid UTF-8 (a lenient decoder would store U+FFFD in place of the bad bytes).
  // Not on /mcp: the MCP transport reads the raw request itself.
  const strictUtf8 = async (context: HttpContext, next: () => Promise<void>) => {
    if (["POST", "PUT", "PATCH"].includes(context.req.method) && /json/i.test(context.req.header("content-type") ?? "")) {
      try {
        strictDecoder.decode(await context.req.arrayBuffer());
      } catch {
        throw new SurfaceError({ code: "INPUT_INVALID", message: "Request body is not valid UTF-8." });
      }
    }
    await next();
  };
  app.use("/v1/*", strictUtf8);
  app.use("/mem0/*", strictUtf8);

  app.onError((error, context) => {
    // A refusal that says when to come back (RATE_LIMITED, OVERLOADED) says it in Retry-After too.
    const retryAfterSeconds = error instanceof SurfaceError ? error.details?.retryAfterSeconds : undefined;
    if (typeof retryAfterSeconds === "number") context.header("Retry-After", String(retryAfterSeconds));
    return errorResponse(context, describeError(error), error);
  });
  app.notFound((context) =>
    errorResponse(context, { code: "ROUTE_NOT_FOUND", message: `No route for ${context.req.method} ${context.req.path}.` }),
  );

  registerMemoryRoutes(app, { memory, memoryFor });
  if (apiKeys !== undefined) registerKeyRoutes(app, { apiKeys });
  if (hub !== undefined) registerHubRoutes(app, { hub });
  app.route("/mem0", createMem0App({ memory, memoryFor }));

  if (options.mcp !== false) {
    const handleMcp = createMcpHttpHandler({ memory, logger, ...(hub === undefined ? {} : { hub }) });
    app.all("/mcp", async (context) => handleMcp(await unreadRequest(context), context.get("principal")));
    app.openAPIRegistry.registerPath({
      method: "post",
      path: "/mcp",
      tags: ["mcp"],
      summary: "Model Context Protocol over streamable HTTP (stateless, JSON responses)",
      description:
        "JSON-RPC messages of MCP: tools add_memory, search_memory, list_memories, get_memory, update_memory, delete_memory, memory_history" +
        (hub === undefined
          ? "."
          : "; with the hub: hub_search, share_for_task, hub_add, grant_access, revoke_grant, list_grants, audit_log, register_agent, join_pool, leave_pool."),
      responses: { 200: { description: "A JSON-RPC response." }, 202: { description: "A notification was accepted." } },
    });
  }

  app.openapi(healthRoute, (context) => context.json({ status: "ok" as const }, 200));
  app.openapi(metricsRoute, async (context) => {
    // With API keys, metrics need an admin key and count only its tenant's memories.
    const principal = context.get("principal") as Principal | undefined;
    if (principal !== undefined && apiKeys !== undefined) requireScope(context, "admin");
    const counts = await memory.stats(principal === undefined || apiKeys === undefined ? {} : { tenantId: principal.tenantId });
    return context.text(metrics.render({ counts }), 200, { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" });
  });

  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  const openApiDocument = () => {
    document ??= app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "Mnemo",
        version: "1",
        description:
          "Memory engine for AI agents. JSON in camelCase; the tenant comes from the credentials. Recalled memories are evidence, not instructions. " +
          "mem0-compatible routes (snake_case) live under /mem0.",
      },
    });
    fixRegexPatterns(document);
    return document;
  };
  app.get("/openapi.json", (context) => context.json(openApiDocument()));
  app.get("/docs", (context) => {
    context.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    return context.html(renderDocsPage(openApiDocument()));
  });

  return app;
}
