import { z } from "zod";
import { filtersSchema, identifierSchema, scopeFields, timestampSchema } from "./scope-input.js";
import { isWellFormedText, wellFormedTextMessage } from "./well-formed-text.js";

/** Options of `search`. */
export const searchOptionsSchema = z.strictObject({
  ...scopeFields,
  topK: z.number().int().min(1).max(200).optional(),
  tokenBudget: z.number().int().min(16).max(200_000).optional(),
  filters: filtersSchema.optional(),
  /** What was true at that instant (superseded memories included if they were valid then). */
  asOf: timestampSchema.optional(),
  /** Only these agents' memories ("" = user-level shared ones); set by the multi-agent hub. */
  visibleAgentIds: z
    .array(z.union([identifierSchema, z.literal("")]))
    .max(1000)
    .optional(),
  /** Also return superseded memories (history), marked by `status` and `validTo`. */
  includeHistory: z.boolean().optional(),
});

/** The query text. */
export const queryTextSchema = z.string().trim().min(1).max(10_000).refine(isWellFormedText, wellFormedTextMessage);

export type SearchOptions = z.input<typeof searchOptionsSchema>;
