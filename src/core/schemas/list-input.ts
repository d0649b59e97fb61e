import { z } from "zod";
import { filtersSchema, identifierSchema, metadataSchema, scopeFields } from "./scope-input.js";
import { isWellFormedText, wellFormedTextMessage } from "./well-formed-text.js";

/** Options of `getAll`. */
export const listOptionsSchema = z.strictObject({
  ...scopeFields,
  /** Only these agents' memories ("" = user-level shared ones); set by the multi-agent hub. */
  visibleAgentIds: z
    .array(z.union([identifierSchema, z.literal("")]))
    .max(1000)
    .optional(),
  filters: filtersSchema.optional(),
  limit: z.number().int().min(1).max(1_000).optional(),
  offset: z.number().int().min(0).optional(),
});

/** Options of calls that take only a tenant (get, delete, history). */
export const tenantOptionsSchema = z.strictObject({
  tenantId: identifierSchema.optional(),
  actor: identifierSchema.optional(),
});

/** Options of `stats`: a tenant, optionally one user. */
export const statsOptionsSchema = z.strictObject({
  tenantId: identifierSchema.optional(),
  userId: identifierSchema.optional(),
});

/** Changes of `update`. */
export const updateInputSchema = z
  .strictObject({
    text: z.string().trim().min(1).max(100_000).refine(isWellFormedText, wellFormedTextMessage).optional(),
    metadata: metadataSchema.optional(),
    /** Expected current version; a stale one is refused with VERSION_CONFLICT. */
    version: z.number().int().min(1).optional(),
  })
  .refine((value) => value.text !== undefined || value.metadata !== undefined, "give text or metadata");

/** Scope of `deleteAll`: at least one of userId, agentId, sessionId. */
export const deleteAllOptionsSchema = z
  .strictObject({ ...scopeFields, actor: identifierSchema.optional() })
  .refine(
    (value) => value.userId !== undefined || value.agentId !== undefined || value.sessionId !== undefined,
    "give userId, agentId or sessionId (use reset() to clear a whole tenant)",
  );

export type ListOptions = z.input<typeof listOptionsSchema>;
export type TenantOptions = z.input<typeof tenantOptionsSchema>;
export type UpdateInput = z.input<typeof updateInputSchema>;
export type DeleteAllOptions = z.input<typeof deleteAllOptionsSchema>;
