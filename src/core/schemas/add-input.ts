import { z } from "zod";
import { identifierSchema, metadataSchema, scopeFields, timestampSchema } from "./scope-input.js";
import { isWellFormedText, wellFormedTextMessage } from "./well-formed-text.js";

/** One message to remember. `name` is the speaker; `id` is the caller's id for it (cited in results). */
export const messageSchema = z.strictObject({
  role: z.enum(["user", "assistant", "system", "tool"]),
  content: z.string().trim().min(1).max(100_000).refine(isWellFormedText, wellFormedTextMessage),
  name: z.string().min(1).max(200).refine(isWellFormedText, wellFormedTextMessage).optional(),
  id: z.string().min(1).max(200).optional(),
  timestamp: timestampSchema.optional(),
  /** Caption of an image shared with the message, indexed with its text. */
  imageCaption: z.string().max(10_000).refine(isWellFormedText, wellFormedTextMessage).optional(),
});

/** Options of `add`. */
export const addOptionsSchema = z.strictObject({
  ...scopeFields,
  metadata: metadataSchema.optional(),
  timestamp: timestampSchema.optional(),
  /** false: store each message verbatim as one memory, with no filtering or merging. */
  infer: z.boolean().optional(),
  /** Who produced the content; decides the trust level. */
  sourceType: z.enum(["user", "agent", "tool", "document", "system"]).optional(),
  actor: identifierSchema.optional(),
});

/** Input of `add`: messages, or one text (taken as a user message). */
export const addInputSchema = z.union([
  z.string().trim().min(1).max(100_000).refine(isWellFormedText, wellFormedTextMessage),
  z.array(messageSchema).min(1).max(1_000),
]);

export type MessageInput = z.infer<typeof messageSchema>;
export type AddOptions = z.input<typeof addOptionsSchema>;
export type AddInput = z.input<typeof addInputSchema>;
