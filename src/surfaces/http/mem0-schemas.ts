import { z } from "zod";
import { addInputSchema, messageSchema } from "../../core/schemas/add-input.js";
import { identifierSchema, scopeFields, timestampSchema } from "../../core/schemas/scope-input.js";
import { queryTextSchema } from "../../core/schemas/search-input.js";
import { isWellFormedText, wellFormedTextMessage } from "../../core/schemas/well-formed-text.js";
import { documentedMetadataSchema } from "./schemas.js";

// mem0's snake_case exists only at this edge: each schema validates mem0's field names and transforms them into
// Mnemo's camelCase options. mem0's `run_id` is Mnemo's `sessionId`. `app_id` and other mem0 features Mnemo
// does not have are refused as unknown fields rather than silently ignored.

const entityFields = {
  user_id: scopeFields.userId,
  agent_id: scopeFields.agentId,
  run_id: scopeFields.sessionId,
};

/** The Mnemo scope of mem0 entity fields (`"*"` means any, as in mem0 filters). */
function scopeOfEntities(entities: { user_id?: string | undefined; agent_id?: string | undefined; run_id?: string | undefined }) {
  const pick = (value: string | undefined) => (value === undefined || value === "*" ? undefined : value);
  const userId = pick(entities.user_id);
  const agentId = pick(entities.agent_id);
  const sessionId = pick(entities.run_id);
  return {
    ...(userId === undefined ? {} : { userId }),
    ...(agentId === undefined ? {} : { agentId }),
    ...(sessionId === undefined ? {} : { sessionId }),
  };
}

const mem0MessageSchema = z.strictObject({
  role: messageSchema.shape.role,
  content: messageSchema.shape.content,
  name: messageSchema.shape.name,
});

/** mem0 timestamps are Unix seconds; ISO 8601 strings are accepted too. */
const mem0TimestampSchema = z
  .union([z.number().int().min(0).max(253_402_300_799), timestampSchema])
  .transform((value) => (typeof value === "number" ? new Date(value * 1000).toISOString() : value));

/** Body of mem0's `POST /v3/memories/add/`. */
export const mem0AddRequestSchema = z
  .strictObject({
    messages: z.union([addInputSchema.options[0], z.array(mem0MessageSchema).min(1).max(1_000)]),
    ...entityFields,
    metadata: documentedMetadataSchema.optional(),
    infer: z.boolean().optional(),
    timestamp: mem0TimestampSchema.optional(),
  })
  .transform(({ messages, user_id, agent_id, run_id, metadata, infer, timestamp }) => ({
    input:
      typeof messages === "string"
        ? messages
        : messages.map(({ role, content, name }) => ({ role, content, ...(name === undefined ? {} : { name }) })),
    options: {
      ...scopeOfEntities({ user_id, agent_id, run_id }),
      ...(metadata === undefined ? {} : { metadata }),
      ...(infer === undefined ? {} : { infer }),
      ...(timestamp === undefined ? {} : { timestamp }),
    },
  }))
  .meta({ id: "Mem0AddRequest" });

const mem0DateRangeSchema = z.strictObject({
  gte: timestampSchema.optional(),
  gt: timestampSchema.optional(),
  lte: timestampSchema.optional(),
  lt: timestampSchema.optional(),
});

const mem0EntityFilterSchema = z.strictObject({ ...entityFields, created_at: mem0DateRangeSchema.optional() });

type Mem0EntityFilter = z.output<typeof mem0EntityFilterSchema>;

/**
 * mem0 v2/v3 filters, the supported subset: equality on `user_id`, `agent_id`, `run_id` (`"*"` = any) and a
 * `created_at` range, at the top level or combined with `AND`. `OR`, `app_id` and categories are refused.
 */
export const mem0FiltersSchema = z
  .union([z.strictObject({ AND: z.array(mem0EntityFilterSchema).min(1).max(8) }), mem0EntityFilterSchema])
  .transform((filters, context) => {
    const parts: Mem0EntityFilter[] = "AND" in filters ? filters.AND : [filters];
    const merged: Mem0EntityFilter = {};
    for (const part of parts) {
      for (const key of ["user_id", "agent_id", "run_id"] as const) {
        const value = part[key];
        if (value === undefined) continue;
        if (merged[key] !== undefined && merged[key] !== value) {
          context.addIssue({ code: "custom", message: `conflicting values for ${key}`, path: [key] });
          return z.NEVER;
        }
        merged[key] = value;
      }
      if (part.created_at !== undefined) merged.created_at = { ...merged.created_at, ...part.created_at };
    }
    const after = merged.created_at?.gte ?? merged.created_at?.gt;
    const before = merged.created_at?.lte ?? merged.created_at?.lt;
    return {
      scope: scopeOfEntities(merged),
      filters: { ...(after === undefined ? {} : { createdAfter: after }), ...(before === undefined ? {} : { createdBefore: before }) },
    };
  })
  .meta({ id: "Mem0Filters", type: "object" });

/** Body of mem0's `POST /v3/memories/search/`. */
export const mem0SearchRequestSchema = z
  .strictObject({
    query: queryTextSchema,
    filters: mem0FiltersSchema.optional(),
    top_k: z.number().int().min(1).max(200).optional(),
    output_format: z.enum(["v1.0", "v1.1"]).optional(),
    rerank: z.boolean().optional(),
  })
  .transform(({ query, filters, top_k }) => ({
    query,
    scope: filters?.scope ?? {},
    options: {
      ...(filters?.scope ?? {}),
      ...(top_k === undefined ? {} : { topK: top_k }),
      ...(filters === undefined || Object.keys(filters.filters).length === 0 ? {} : { filters: filters.filters }),
    },
  }))
  .meta({ id: "Mem0SearchRequest" });

/** Body of mem0's `POST /v3/memories/` (list). */
export const mem0ListRequestSchema = z
  .strictObject({ filters: mem0FiltersSchema.optional() })
  .transform(({ filters }) => ({
    scope: filters?.scope ?? {},
    filters: filters?.filters ?? {},
  }))
  .meta({ id: "Mem0ListRequest" });

/** Query of mem0's `POST /v3/memories/` (list): 1-based pages. */
export const mem0PageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
  page_size: z.coerce.number().int().min(1).max(1_000).optional(),
});

/** Body of mem0's `PUT /v1/memories/{memory_id}/`. */
export const mem0UpdateRequestSchema = z
  .strictObject({
    text: z.string().trim().min(1).max(100_000).refine(isWellFormedText, wellFormedTextMessage).optional(),
    metadata: documentedMetadataSchema.optional(),
  })
  .meta({ id: "Mem0UpdateRequest" });

/** Query of mem0's `DELETE /v1/memories/` (delete all in a scope). */
export const mem0DeleteAllQuerySchema = z.strictObject(entityFields).transform(scopeOfEntities);

/** Query of mem0's `DELETE /v1/memories/{memory_id}/`. */
export const mem0DeleteQuerySchema = z.strictObject({ delete_linked: z.enum(["true", "false"]).optional() });

/** Path parameters of mem0's `/v1/memories/{memory_id}/…`. */
export const mem0IdParamsSchema = z.strictObject({
  memory_id: identifierSchema.meta({ param: { name: "memory_id", in: "path" }, description: "Memory id." }),
});

// Response schemas (documentation of mem0's wire format).

export const mem0MemorySchema = z
  .object({
    id: z.string(),
    memory: z.string(),
    user_id: z.string().nullable(),
    agent_id: z.string().nullable(),
    app_id: z.null(),
    run_id: z.string().nullable(),
    hash: z.string().optional(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    categories: z.array(z.string()),
    created_at: z.string(),
    updated_at: z.string().optional(),
    score: z.number().optional(),
    immutable: z.boolean(),
    expiration_date: z.null(),
  })
  .meta({ id: "Mem0Memory" });

export const mem0AddResponseSchema = z
  .object({
    message: z.string(),
    status: z.literal("SUCCEEDED"),
    event_id: z.string(),
    results: z.array(z.object({ id: z.string(), memory: z.string(), event: z.enum(["ADD", "UPDATE", "DELETE", "NOOP"]) })),
  })
  .meta({ id: "Mem0AddResponse" });

export const mem0PageSchema = z
  .object({ count: z.number().int(), next: z.string().nullable(), previous: z.string().nullable(), results: z.array(mem0MemorySchema) })
  .meta({ id: "Mem0Page" });

export const mem0HistorySchema = z
  .array(
    z.object({
      id: z.string(),
      memory_id: z.string(),
      input: z.array(z.string()),
      old_memory: z.string().nullable(),
      new_memory: z.string().nullable(),
      user_id: z.string().nullable(),
      categories: z.array(z.string()),
      event: z.string(),
      created_at: z.string(),
      updated_at: z.string(),
    }),
  )
  .meta({ id: "Mem0History" });

export const mem0MessageResponseSchema = z.object({ message: z.string() }).meta({ id: "Mem0Message" });

export const mem0PingResponseSchema = z
  .object({ status: z.literal("ok"), org_id: z.null(), project_id: z.null(), user_email: z.null() })
  .meta({ id: "Mem0Ping" });
