import { randomUUID } from "node:crypto";
import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import type { MemoryView } from "../../core/engine/memory-view.js";
import { MnemoError } from "../../core/errors.js";
import type { SearchResult } from "../../core/read/search-memories.js";
import type { HttpEnv } from "./http-env.js";
import {
  mem0AddRequestSchema,
  mem0AddResponseSchema,
  mem0DeleteAllQuerySchema,
  mem0DeleteQuerySchema,
  mem0HistorySchema,
  mem0IdParamsSchema,
  mem0ListRequestSchema,
  type mem0MemorySchema,
  mem0MessageResponseSchema,
  mem0PageQuerySchema,
  mem0PageSchema,
  mem0PingResponseSchema,
  mem0SearchRequestSchema,
  mem0UpdateRequestSchema,
  mem0MemorySchema as memorySchema,
} from "./mem0-schemas.js";
import { commonErrorResponses, notFoundResponse, requireScope } from "./memory-routes.js";
import { type Principal, principalOptions } from "./principal.js";

type Mem0Memory = z.output<typeof mem0MemorySchema>;

/** Mnemo's add events in mem0's vocabulary: a superseded memory (kept as history) was, for mem0, updated. */
const mem0Events = { ADD: "ADD", UPDATE: "UPDATE", SUPERSEDE: "UPDATE", DELETE: "DELETE", NONE: "NOOP" } as const;

const json = <T>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
const tags = ["mem0-compatible"];

function toMem0Memory(view: MemoryView): Mem0Memory {
  return {
    id: view.id,
    memory: view.memory,
    user_id: view.userId ?? null,
    agent_id: view.agentId ?? null,
    app_id: null,
    run_id: view.sessionId ?? null,
    hash: view.contentHash,
    metadata: view.metadata,
    categories: [view.kind],
    created_at: view.createdAt,
    updated_at: view.updatedAt,
    immutable: false,
    expiration_date: null,
  };
}

function searchResultToMem0(
  result: SearchResult,
  scope: { userId?: string | undefined; agentId?: string | undefined; sessionId?: string | undefined },
): Mem0Memory {
  return {
    id: result.id,
    memory: result.memory,
    user_id: scope.userId ?? null,
    // Results of an agent's view of the memory name their author.
    agent_id:
      "agentId" in result && (typeof result.agentId === "string" || result.agentId === null) ? result.agentId : (scope.agentId ?? null),
    app_id: null,
    run_id: scope.sessionId ?? null,
    metadata: result.metadata,
    categories: [result.kind],
    created_at: result.createdAt,
    score: result.score,
    immutable: false,
    expiration_date: null,
  };
}

const pingRoute = createRoute({
  method: "get",
  path: "/v1/ping/",
  tags,
  summary: "mem0 client handshake",
  responses: { 200: json(mem0PingResponseSchema, "ok"), ...commonErrorResponses },
});

const addRoute = createRoute({
  method: "post",
  path: "/v3/memories/add/",
  tags,
  summary: "mem0 add (processed synchronously: status SUCCEEDED with the results)",
  request: { body: { required: true, content: { "application/json": { schema: mem0AddRequestSchema } } } },
  responses: { 200: json(mem0AddResponseSchema, "Added."), ...commonErrorResponses },
});

const searchRoute = createRoute({
  method: "post",
  path: "/v3/memories/search/",
  tags,
  summary: "mem0 search",
  request: { body: { required: true, content: { "application/json": { schema: mem0SearchRequestSchema } } } },
  responses: {
    200: json(mem0PageSchema.pick({ results: true }), "Recalled memories (evidence, not instructions)."),
    ...commonErrorResponses,
  },
});

const listRoute = createRoute({
  method: "post",
  path: "/v3/memories/",
  tags,
  summary: "mem0 getAll (paged, 1-based)",
  request: { query: mem0PageQuerySchema, body: { required: true, content: { "application/json": { schema: mem0ListRequestSchema } } } },
  responses: { 200: json(mem0PageSchema, "One page."), ...commonErrorResponses },
});

const getRoute = createRoute({
  method: "get",
  path: "/v1/memories/{memory_id}/",
  tags,
  summary: "mem0 get",
  request: { params: mem0IdParamsSchema },
  responses: { 200: json(memorySchema, "The memory."), ...commonErrorResponses, ...notFoundResponse },
});

const updateRoute = createRoute({
  method: "put",
  path: "/v1/memories/{memory_id}/",
  tags,
  summary: "mem0 update",
  request: { params: mem0IdParamsSchema, body: { required: true, content: { "application/json": { schema: mem0UpdateRequestSchema } } } },
  responses: { 200: json(memorySchema, "The memory after the change."), ...commonErrorResponses, ...notFoundResponse },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/v1/memories/{memory_id}/",
  tags,
  summary: "mem0 delete",
  request: { params: mem0IdParamsSchema, query: mem0DeleteQuerySchema },
  responses: { 200: json(mem0MessageResponseSchema, "Deleted."), ...commonErrorResponses, ...notFoundResponse },
});

const deleteAllRoute = createRoute({
  method: "delete",
  path: "/v1/memories/",
  tags,
  summary: "mem0 deleteAll (a scope is required)",
  request: { query: mem0DeleteAllQuerySchema },
  responses: { 200: json(mem0MessageResponseSchema, "Deleted."), ...commonErrorResponses },
});

const historyRoute = createRoute({
  method: "get",
  path: "/v1/memories/{memory_id}/history/",
  tags,
  summary: "mem0 history",
  request: { params: mem0IdParamsSchema },
  responses: { 200: json(mem0HistorySchema, "Changes, oldest first."), ...commonErrorResponses, ...notFoundResponse },
});

/**
 * The mem0-compatible API (snake_case), to mount under `/mem0` so that mem0's `MemoryClient` with
 * `host: "http://…/mem0"` works: ping, add, search, get, getAll, update, delete, deleteAll, history.
 *
 * @example
 * app.route("/mem0", createMem0App({ memory }));
 */
export function createMem0App(options: { memory: Memory; memoryFor?: (principal: Principal) => Memory }): OpenAPIHono<HttpEnv> {
  const memoryOf = options.memoryFor ?? (() => options.memory);
  const app = new OpenAPIHono<HttpEnv>();

  app.openapi(pingRoute, (c) => {
    requireScope(c, "read");
    return c.json({ status: "ok" as const, org_id: null, project_id: null, user_email: null }, 200);
  });

  app.openapi(addRoute, async (c) => {
    const principal = requireScope(c, "write");
    const { input, options: addOptions } = c.req.valid("json");
    const { results } = await memoryOf(principal).add(input, { ...addOptions, ...principalOptions(principal) });
    return c.json(
      {
        message: "Memories processed.",
        status: "SUCCEEDED" as const,
        event_id: randomUUID(),
        results: results.map((item) => ({ id: item.id, memory: item.memory, event: mem0Events[item.event] })),
      },
      200,
    );
  });

  app.openapi(searchRoute, async (c) => {
    const principal = requireScope(c, "read");
    const { query, scope, options: searchOptions } = c.req.valid("json");
    const { results } = await memoryOf(principal).search(query, { ...searchOptions, tenantId: principal.tenantId });
    return c.json({ results: results.map((result) => searchResultToMem0(result, scope)) }, 200);
  });

  app.openapi(listRoute, async (c) => {
    const principal = requireScope(c, "read");
    const { scope, filters } = c.req.valid("json");
    const { page = 1, page_size: pageSize = 100 } = c.req.valid("query");
    const offset = (page - 1) * pageSize;
    const result = await memoryOf(principal).getAll({ ...scope, filters, tenantId: principal.tenantId, limit: pageSize, offset });
    const pageUrl = (target: number) => {
      const url = new URL(c.req.url);
      url.searchParams.set("page", String(target));
      url.searchParams.set("page_size", String(pageSize));
      return url.toString();
    };
    return c.json(
      {
        count: result.total,
        next: offset + pageSize < result.total ? pageUrl(page + 1) : null,
        previous: page > 1 ? pageUrl(page - 1) : null,
        results: result.results.map(toMem0Memory),
      },
      200,
    );
  });

  app.openapi(getRoute, async (c) => {
    const principal = requireScope(c, "read");
    return c.json(toMem0Memory(await memoryOf(principal).get(c.req.valid("param").memory_id, { tenantId: principal.tenantId })), 200);
  });

  app.openapi(updateRoute, async (c) => {
    const principal = requireScope(c, "write");
    const updated = await memoryOf(principal).update(c.req.valid("param").memory_id, c.req.valid("json"), principalOptions(principal));
    return c.json(toMem0Memory(updated), 200);
  });

  app.openapi(deleteRoute, async (c) => {
    const principal = requireScope(c, "write");
    await memoryOf(principal).delete(c.req.valid("param").memory_id, principalOptions(principal));
    return c.json({ message: "Memory deleted successfully!" }, 200);
  });

  app.openapi(deleteAllRoute, async (c) => {
    const principal = requireScope(c, "write");
    const result = await memoryOf(principal).deleteAll({ ...c.req.valid("query"), ...principalOptions(principal) });
    return c.json(
      { message: `Memories deleted successfully! (${result.deletedMemories} memories, ${result.deletedEpisodes} episodes)` },
      200,
    );
  });

  app.openapi(historyRoute, async (c) => {
    const principal = requireScope(c, "read");
    const id = c.req.valid("param").memory_id;
    const memory = memoryOf(principal);
    const entries = await memory.history(id, { tenantId: principal.tenantId });
    const userId = await memory.get(id, { tenantId: principal.tenantId }).then(
      (view) => view.userId ?? null,
      (error: unknown) => {
        if (MnemoError.isInstance(error) && error.code === "MEMORY_NOT_FOUND") return null;
        throw error;
      },
    );
    return c.json(
      entries.map((entry) => ({
        id: entry.id,
        memory_id: entry.memoryId,
        input: [] as string[],
        old_memory: entry.beforeText ?? null,
        new_memory: entry.afterText ?? null,
        user_id: userId,
        categories: [] as string[],
        event: mem0Events[entry.event],
        created_at: entry.createdAt,
        updated_at: entry.createdAt,
      })),
      200,
    );
  });

  return app;
}
