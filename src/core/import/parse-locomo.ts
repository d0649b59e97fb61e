import { z } from "zod";
import { messageSchema } from "../schemas/add-input.js";
import { parseSessionDate } from "../understand/index.js";
import type { ImportProblem, ImportRecord, ParsedImport } from "./import-record.js";

const turnSchema = z.looseObject({
  speaker: z.string().min(1),
  dia_id: z.string().min(1),
  text: z.string(),
  blip_caption: z.string().optional(),
});

const conversationSchema = z.looseObject({ speaker_a: z.string().optional(), speaker_b: z.string().optional() });

/** One conversation of a LoCoMo-format dataset: only raw turns and session dates are read. */
export interface LocomoConversation {
  sampleId: string;
  records: ImportRecord[];
  problems: ImportProblem[];
}

/**
 * Reads one LoCoMo sample (`{ sample_id, conversation }`) into one import record per session: raw turns with
 * speaker, text, image caption and the session's date. Question, evidence, observation and summary fields are
 * never read. `userId` defaults to the sample id.
 *
 * @example
 * parseLocomoConversation({ sample, sampleId: "conv-26" }).records[0]?.options.sessionId; // "session_1"
 */
export function parseLocomoConversation(options: {
  sample: unknown;
  sampleId: string;
  userId?: string;
  tenantId?: string;
}): LocomoConversation {
  const records: ImportRecord[] = [];
  const problems: ImportProblem[] = [];
  const sample = options.sample as { conversation?: unknown };
  const conversation = conversationSchema.safeParse(sample?.conversation);
  if (!conversation.success) {
    return { sampleId: options.sampleId, records, problems: [{ label: options.sampleId, message: "no conversation object" }] };
  }
  const sessions = Object.keys(conversation.data)
    .map((key) => /^session_(\d+)$/.exec(key))
    .filter((match) => match !== null)
    .map((match) => Number(match[1]))
    .sort((left, right) => left - right);
  for (const number of sessions) {
    const key = `session_${number}`;
    const label = `${options.sampleId} ${key}`;
    const turns = z.array(turnSchema).safeParse(conversation.data[key]);
    if (!turns.success) {
      problems.push({ label, message: z.prettifyError(turns.error).replaceAll("\n", "; ") });
      continue;
    }
    const dateText = conversation.data[`${key}_date_time`];
    const date = typeof dateText === "string" ? parseSessionDate(dateText) : undefined;
    if (date === undefined) {
      problems.push({ label, message: `missing or unreadable ${key}_date_time` });
      continue;
    }
    const messages = turns.data
      .filter((turn) => turn.text.trim() !== "" || (turn.blip_caption ?? "").trim() !== "")
      .map((turn) => ({
        role: "user" as const,
        name: turn.speaker,
        id: turn.dia_id,
        content: turn.text.trim() === "" ? `[shares ${turn.blip_caption}]` : turn.text,
        ...(turn.blip_caption === undefined ? {} : { imageCaption: turn.blip_caption }),
      }));
    const invalid = messages.map((message) => messageSchema.safeParse(message)).find((result) => !result.success);
    if (invalid !== undefined && !invalid.success) {
      problems.push({ label, message: z.prettifyError(invalid.error).replaceAll("\n", "; ") });
      continue;
    }
    if (messages.length === 0) continue;
    records.push({
      label,
      input: messages,
      options: {
        ...(options.tenantId === undefined ? {} : { tenantId: options.tenantId }),
        userId: options.userId ?? options.sampleId,
        sessionId: key,
        timestamp: date.toISOString(),
        metadata: { sampleId: options.sampleId, session: number },
      },
    });
  }
  return { sampleId: options.sampleId, records, problems };
}

/**
 * Parses a LoCoMo-format file: the list of samples, or one flat per-conversation object. A per-conversation
 * file's id is its file name without `.json` (a purely numeric name N becomes `conv-N`).
 *
 * @example
 * const conversations = parseLocomoFile({ json: JSON.parse(text), fileName: "locomo10.json" });
 */
export function parseLocomoFile(options: { json: unknown; fileName: string; tenantId?: string }): LocomoConversation[] {
  const samples = Array.isArray(options.json) ? options.json : [options.json];
  const baseName = options.fileName.replace(/^.*[\\/]/, "").replace(/\.json$/i, "");
  return samples.map((sample, index) => {
    const declared = (sample as { sample_id?: unknown })?.sample_id;
    const sampleId =
      typeof declared === "string" && declared !== ""
        ? declared
        : Array.isArray(options.json)
          ? `sample-${index + 1}`
          : /^\d+$/.test(baseName)
            ? `conv-${Number(baseName)}`
            : baseName;
    return parseLocomoConversation({ sample, sampleId, ...(options.tenantId === undefined ? {} : { tenantId: options.tenantId }) });
  });
}

/** Flattens conversations into one parsed import. */
export function flattenConversations(conversations: readonly LocomoConversation[]): ParsedImport {
  return {
    records: conversations.flatMap((conversation) => conversation.records),
    problems: conversations.flatMap((conversation) => conversation.problems),
  };
}
