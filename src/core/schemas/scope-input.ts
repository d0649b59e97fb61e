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

/** How deep metadata may nest (SQLite's JSON functions stop at 1,000 levels; recursive checks overflow sooner). */
const maximumMetadataDepth = 16;

/**
 * Is `value` plain JSON (strings, finite numbers, booleans, null, arrays, objects) nested at most `depth` levels?
 * Walks with its own stack, so a value nested 100,000 deep is refused, not a stack overflow.
 */
function isShallowJson(value: unknown, depth: number): boolean {
  const pending: Array<{ value: unknown; level: number }> = [{ value, level: 0 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const current = item.value;
    if (current === null || typeof current === "string" || typeof current === "boolean") continue;
    if (typeof current === "number") {
      if (!Number.isFinite(current)) return false;
      continue;
    }
    if (typeof current !== "object" || item.level >= depth) return false;
    const prototype = Object.getPrototypeOf(current);
    if (!Array.isArray(current) && prototype !== Object.prototype && prototype !== null) return false;
    for (const child of Object.values(current)) pending.push({ value: child, level: item.level + 1 });
  }
  return true;
}

/** Free-form JSON metadata: at most 64 keys, 16 levels deep, 16 KiB serialised. */
export const metadataSchema = z
  .record(z.string().min(1).max(100), z.unknown())
  .refine((value) => Object.keys(value).length <= 64, "at most 64 metadata keys")
  .refine((value) => isShallowJson(value, maximumMetadataDepth), {
    message: `metadata must be JSON nested at most ${maximumMetadataDepth} levels`,
    abort: true,
  })
  .refine((value) => JSON.stringify(value).length <= 16_384, "metadata must be at most 16 KiB as JSON");

/** Filters accepted by search and list. */
export const filtersSchema = z.strictObject({
  kinds: z.array(z.enum(["fact", "preference", "event", "plan", "profile", "procedure", "summary"])).optional(),
  statuses: z.array(z.enum(["active", "superseded", "dormant"])).optional(),
  createdAfter: timestampSchema.optional(),
  createdBefore: timestampSchema.optional(),
  metadata: z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
