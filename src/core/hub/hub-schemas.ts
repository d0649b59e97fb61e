import { z } from "zod";
import { memoryKinds } from "../domain/memory-record.js";
import { addInputSchema, messageSchema } from "../schemas/add-input.js";
import { identifierSchema, metadataSchema, timestampSchema } from "../schemas/scope-input.js";
import { queryTextSchema } from "../schemas/search-input.js";
import { agentRoles, grantAccessLevels } from "./access-records.js";

/** A topic or tag: 1–100 printable characters. */
export const topicSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}\p{Cs}]+$/u, "must not contain control characters");

/** Input of `registerAgent`. */
export const registerAgentInputSchema = z.strictObject({
  tenantId: identifierSchema,
  agentId: identifierSchema,
  role: z.enum(agentRoles),
  /** For a worker: the supervisor (a registered agent with role `supervisor`) who may read its memories. */
  supervisorId: identifierSchema.optional(),
});

/** Input of `grant`: who lets whom read (or write) which subset of its memories. */
export const grantInputSchema = z.strictObject({
  tenantId: identifierSchema,
  ownerAgentId: identifierSchema,
  granteeAgentId: identifierSchema,
  /** Default `read`; `write` includes read. */
  access: z.enum(grantAccessLevels).optional(),
  userId: identifierSchema.optional(),
  kinds: z.array(z.enum(memoryKinds)).min(1).max(memoryKinds.length).optional(),
  tags: z.array(topicSchema).min(1).max(20).optional(),
  topic: topicSchema.optional(),
});

/** Input of `revokeGrant`; with `agentId`, only the grant's owner or grantee may revoke it. */
export const revokeGrantInputSchema = z.strictObject({
  tenantId: identifierSchema,
  grantId: identifierSchema,
  agentId: identifierSchema.optional(),
});

/** Input of `listGrants`: a tenant's grants, or those an agent gave or received. */
export const listGrantsInputSchema = z.strictObject({
  tenantId: identifierSchema,
  agentId: identifierSchema.optional(),
  includeRevoked: z.boolean().optional(),
});

/** Input of `joinPool` and `leavePool`. */
export const poolInputSchema = z.strictObject({
  tenantId: identifierSchema,
  topic: topicSchema,
  agentId: identifierSchema,
});

/** Input of `listPools`. */
export const listPoolsInputSchema = z.strictObject({
  tenantId: identifierSchema,
  topic: topicSchema.optional(),
  agentId: identifierSchema.optional(),
});

/** Input of hub `search`. */
export const hubSearchInputSchema = z.strictObject({
  tenantId: identifierSchema,
  agentId: identifierSchema,
  userId: identifierSchema,
  query: queryTextSchema,
  topK: z.number().int().min(1).max(50).optional(),
  kinds: z.array(z.enum(memoryKinds)).min(1).optional(),
});

/** Input of `shareForTask`. */
export const shareForTaskInputSchema = z.strictObject({
  tenantId: identifierSchema,
  agentId: identifierSchema,
  userId: identifierSchema,
  task: queryTextSchema,
  topK: z.number().int().min(1).max(50).optional(),
});

/** Fields of hub `add` (without the text/messages rule), for surfaces that adapt them. */
export const hubAddFields = {
  tenantId: identifierSchema,
  agentId: identifierSchema,
  ownerAgentId: identifierSchema.optional(),
  userId: identifierSchema.optional(),
  sessionId: identifierSchema.optional(),
  text: addInputSchema.options[0].optional(),
  messages: z.array(messageSchema).min(1).max(1_000).optional(),
  metadata: metadataSchema.optional(),
  timestamp: timestampSchema.optional(),
  infer: z.boolean().optional(),
};

/** Refuses a body with both or neither of `text` and `messages`. */
export function exactlyOneOfTextOrMessages(value: { text?: unknown; messages?: unknown }): boolean {
  return (value.text === undefined) !== (value.messages === undefined);
}

/** Input of hub `add`: `text` or `messages`, written as `agentId` (or into `ownerAgentId`'s space with a write grant). */
export const hubAddInputSchema = z
  .strictObject(hubAddFields)
  .refine(exactlyOneOfTextOrMessages, { message: "give exactly one of text or messages", path: ["text"] });

/** Input of `auditLog`. */
export const auditLogInputSchema = z.strictObject({
  tenantId: identifierSchema,
  agentId: identifierSchema.optional(),
  since: timestampSchema.optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
});

export type RegisterAgentInput = z.input<typeof registerAgentInputSchema>;
export type GrantInput = z.input<typeof grantInputSchema>;
export type RevokeGrantInput = z.input<typeof revokeGrantInputSchema>;
export type ListGrantsInput = z.input<typeof listGrantsInputSchema>;
export type PoolInput = z.input<typeof poolInputSchema>;
export type ListPoolsInput = z.input<typeof listPoolsInputSchema>;
export type HubSearchInput = z.input<typeof hubSearchInputSchema>;
export type ShareForTaskInput = z.input<typeof shareForTaskInputSchema>;
export type HubAddInput = z.input<typeof hubAddInputSchema>;
export type AuditLogInput = z.input<typeof auditLogInputSchema>;
