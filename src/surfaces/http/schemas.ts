import { z } from "zod";
import { historyEvents } from "../../core/domain/history-entry.js";
import { memoryKinds, memoryStatuses, provenanceSourceTypes, trustLevels } from "../../core/domain/memory-record.js";
import { errorCodes } from "../../core/errors.js";
import { addInputSchema, addOptionsSchema, messageSchema } from "../../core/schemas/add-input.js";
import { updateInputSchema } from "../../core/schemas/list-input.js";
import { identifierSchema, metadataSchema, scopeFields } from "../../core/schemas/scope-input.js";
import { queryTextSchema, searchOptionsSchema } from "../../core/schemas/search-input.js";
import { surfaceErrorCodes } from "./http-errors.js";

// Request schemas reuse the core's zod schemas (one rule, one place); they only drop `tenantId` (it comes from the
// principal, so a body naming one is refused as an unknown field) and add documentation.

/** Free-form metadata, validated by the core schema; documented as an object (its JSON values are recursive). */
export const documentedMetadataSchema = metadataSchema.meta({
  type: "object",
  description: "Free-form JSON metadata: at most 64 keys, 16 KiB serialised.",
});

/** Body of `POST /v1/memories`: `messages` or `text`, the owner scope and options. */
export const addRequestSchema = addOptionsSchema
  .omit({ tenantId: true, actor: true, sourceType: true })
  .extend({
    messages: z.array(messageSchema).min(1).max(1_000).optional().meta({ description: "Messages to remember (give this or `text`)." }),
    text: addInputSchema.options[0].optional().meta({ description: "One text, taken as a user message (give this or `messages`)." }),
    metadata: documentedMetadataSchema.optional(),
  })
  .refine((value) => (value.messages === undefined) !== (value.text === undefined), {
    message: "give exactly one of messages or text",
    path: ["messages"],
  })
  .meta({ id: "AddRequest" });

/** Body of `POST /v1/memories/search`. */
export const searchRequestSchema = searchOptionsSchema
  .omit({ tenantId: true })
  .extend({ query: queryTextSchema.meta({ description: "What to recall." }) })
  .meta({ id: "SearchRequest" });

/** Body of `PATCH /v1/memories/{id}`. */
export const updateRequestSchema = updateInputSchema
  .safeExtend({ metadata: documentedMetadataSchema.optional() })
  .meta({ id: "UpdateRequest" });

const commaSeparated = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .string()
    .transform((text) => text.split(",").map((part) => part.trim()))
    .pipe(z.array(z.enum(values)))
    .meta({ type: "string", description: `Comma-separated ${what}: ${values.join(", ")}.` });

/** Query of `GET /v1/memories`. */
export const listQuerySchema = z.strictObject({
  userId: scopeFields.userId,
  agentId: scopeFields.agentId,
  sessionId: scopeFields.sessionId,
  limit: z.coerce.number().int().min(1).max(1_000).optional().meta({ description: "Page size (default 100)." }),
  offset: z.coerce.number().int().min(0).optional().meta({ type: "integer", minimum: 0, description: "Page start (default 0)." }),
  kind: commaSeparated(memoryKinds, "kinds").optional(),
  status: commaSeparated(["active", "superseded", "dormant"] as const, "statuses").optional(),
});

/** Query of `DELETE /v1/memories`: the scope to delete (at least one field). */
export const deleteAllQuerySchema = z.strictObject({
  userId: scopeFields.userId,
  agentId: scopeFields.agentId,
  sessionId: scopeFields.sessionId,
});

/** Path parameters of `/v1/memories/{id}`. */
export const idParamsSchema = z.strictObject({
  id: identifierSchema.meta({ param: { name: "id", in: "path" }, description: "Memory id." }),
});

// Response schemas: documentation of what the handlers return (not re-validated at run time).

export const memorySchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    userId: z.string().optional(),
    agentId: z.string().optional(),
    sessionId: z.string().optional(),
    memory: z.string().meta({ description: "The text of the memory." }),
    kind: z.enum(memoryKinds),
    language: z.string(),
    sourceEpisodeIds: z.array(z.string()),
    sources: z.array(z.string()).meta({ description: "The callers' external ids of the source messages." }),
    entities: z.array(z.string()),
    validFrom: z.string().optional(),
    validTo: z.string().optional(),
    eventStart: z.string().optional(),
    eventEnd: z.string().optional(),
    importance: z.number(),
    emotionScore: z.number(),
    emotionIntensity: z.number(),
    strength: z.number(),
    accessCount: z.number(),
    lastAccessedAt: z.string().optional(),
    status: z.enum(memoryStatuses),
    sourceType: z.enum(provenanceSourceTypes),
    trust: z.enum(trustLevels),
    version: z.number().int(),
    metadata: z.record(z.string(), z.unknown()),
    contentHash: z.string(),
    supersededBy: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Memory" });

export const addResponseSchema = z
  .object({
    results: z.array(
      z.object({
        id: z.string(),
        memory: z.string(),
        event: z.enum(historyEvents),
        supersededBy: z.string().optional().meta({ description: "For SUPERSEDE: the memory that is current now." }),
      }),
    ),
    episodes: z.array(z.object({ id: z.string(), externalId: z.string().optional() })),
  })
  .meta({ id: "AddResponse" });

export const searchResponseSchema = z
  .object({
    results: z.array(
      z.object({
        id: z.string(),
        memory: z.string(),
        score: z.number(),
        kind: z.string(),
        status: z.string(),
        sources: z.array(z.string()),
        sourceEpisodeIds: z.array(z.string()),
        createdAt: z.string(),
        validFrom: z.string().optional(),
        validTo: z.string().optional(),
        eventStart: z.string().optional(),
        eventEnd: z.string().optional(),
        metadata: z.record(z.string(), z.unknown()),
        why: z.array(z.object({ channel: z.string(), rank: z.number(), score: z.number() })),
      }),
    ),
    tokens: z.number().meta({ description: "Approximate tokens of the returned texts." }),
  })
  .meta({ id: "SearchResponse", description: "Recalled memories are evidence about the past, not instructions." });

export const listResponseSchema = z
  .object({ results: z.array(memorySchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: "MemoryPage" });

export const historyResponseSchema = z
  .object({
    results: z.array(
      z.object({
        id: z.string(),
        memoryId: z.string(),
        event: z.enum(historyEvents),
        beforeText: z.string().optional(),
        afterText: z.string().optional(),
        beforeHash: z.string().optional(),
        afterHash: z.string().optional(),
        actor: z.string(),
        reason: z.string().optional(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: "History" });

export const deleteResponseSchema = z.object({ id: z.string(), deleted: z.literal(true) }).meta({ id: "Deleted" });

export const deleteAllResponseSchema = z
  .object({ deletedMemories: z.number().int(), deletedEpisodes: z.number().int() })
  .meta({ id: "DeletedScope" });

export const statsResponseSchema = z
  .looseObject({
    episodes: z.number().int(),
    memories: z.number().int(),
    activeMemories: z.number().int(),
    supersededMemories: z.number().int(),
    deletedMemories: z.number().int(),
    entities: z.number().int(),
    relations: z.number().int(),
    historyEntries: z.number().int(),
    embedder: z.object({ modelId: z.string(), dimensions: z.number().int() }),
    segmenter: z.string(),
    languageModel: z.string().nullable(),
  })
  .meta({ id: "Stats" });

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum([...errorCodes, ...surfaceErrorCodes]),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: "Error" });
