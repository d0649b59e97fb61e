import { z } from "zod";
import { addInputSchema, addOptionsSchema } from "../schemas/add-input.js";
import type { ImportProblem, ImportRecord, ParsedImport } from "./import-record.js";

const scopeRequired = "give at least one of userId, agentId or sessionId";
const hasScope = (value: { userId?: string | undefined; agentId?: string | undefined; sessionId?: string | undefined }) =>
  value.userId !== undefined || value.agentId !== undefined || value.sessionId !== undefined;

/** A line to add: `{ messages | text, userId, agentId, sessionId, metadata, timestamp, infer }`. */
const jsonlRecordSchema = z
  .strictObject({
    messages: addInputSchema.optional(),
    text: z.string().trim().min(1).max(100_000).optional(),
    ...addOptionsSchema.shape,
  })
  .refine((value) => (value.messages === undefined) !== (value.text === undefined), "give exactly one of messages or text")
  .refine(hasScope, scopeRequired)
  .transform(({ messages, text, ...options }) => ({ input: messages ?? text ?? "", options }));

/**
 * A line of `mnemo export`: a memory as `get` shows it. It is restored word for word (`infer: false`) in its user,
 * agent and session, dated when it became true; its tenant is the importer's. Its other fields (kind,
 * importance, entities …) are not restored: the text is stored again as given.
 */
const exportedMemorySchema = z
  .looseObject({
    memory: addInputSchema.options[0],
    userId: addOptionsSchema.shape.userId,
    agentId: addOptionsSchema.shape.agentId,
    sessionId: addOptionsSchema.shape.sessionId,
    metadata: addOptionsSchema.shape.metadata,
    validFrom: addOptionsSchema.shape.timestamp,
  })
  .refine(hasScope, scopeRequired)
  .transform(({ memory, userId, agentId, sessionId, metadata, validFrom }) => ({
    input: memory,
    options: {
      ...(userId === undefined ? {} : { userId }),
      ...(agentId === undefined ? {} : { agentId }),
      ...(sessionId === undefined ? {} : { sessionId }),
      ...(metadata === undefined ? {} : { metadata }),
      ...(validFrom === undefined ? {} : { timestamp: validFrom }),
      infer: false,
    },
  }));

function isExportedMemory(value: unknown): boolean {
  return typeof value === "object" && value !== null && "memory" in value && !("messages" in value) && !("text" in value);
}

/**
 * Parses a JSONL import: one JSON object per line, `{ messages | text, userId, agentId, sessionId, metadata,
 * timestamp, infer }`, or a line of `mnemo export` (a memory, restored word for word). Blank lines are skipped;
 * every other line is validated and problems carry line numbers.
 *
 * @example
 * parseJsonlImport({ text: '{"text":"I like tea","userId":"u1"}\n' }).records.length; // 1
 */
export function parseJsonlImport(options: { text: string }): ParsedImport {
  const records: ImportRecord[] = [];
  const problems: ImportProblem[] = [];
  options.text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push({ label: `line ${line}`, line, message: `not JSON: ${(error as Error).message}` });
      return;
    }
    const parsed = (isExportedMemory(value) ? exportedMemorySchema : jsonlRecordSchema).safeParse(value);
    if (!parsed.success) {
      problems.push({ label: `line ${line}`, line, message: z.prettifyError(parsed.error).replaceAll("\n", "; ") });
      return;
    }
    records.push({ label: `line ${line}`, ...parsed.data });
  });
  return { records, problems };
}
