import { z } from "zod";

/** Identifier of a tenant, user, agent or session: 1–200 printable characters. */
export const identifierSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}\p{Cs}]+$/u, "must not contain control characters");

/** Scope fields shared by every call. */
export const scopeFields = {
  tenantId: identifierSchema.optional(),
  userId: identifierSchema.optional(),
  agentId: identifierSchema.optional(),
  sessionId: identifierSchema.optional(),
};

/** An ISO 8601 date-time (offset allowed), or a date. */
export const timestampSchema = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** Free-form JSON metadata: at most 64 keys, 16 KiB serialised. */
export const metadataSchema = z
  .record(z.string().min(1).max(100), z.json())
  .refine((value) => Object.keys(value).length <= 64, "at most 64 metadata keys")
  .refine((value) => JSON.stringify(value).length <= 16_384, "metadata must be at most 16 KiB as JSON");

/** Filters accepted by search and list. */
export const filtersSchema = z.strictObject({
  kinds: z.array(z.enum(["fact", "preference", "event", "plan", "profile", "procedure", "summary"])).optional(),
  statuses: z.array(z.enum(["active", "superseded", "dormant"])).optional(),
  createdAfter: timestampSchema.optional(),
  createdBefore: timestampSchema.optional(),
  metadata: z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
