import { tool } from "ai";
import { z } from "zod";
import { memoryKinds } from "../../core/domain/memory-record.js";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import { addInputSchema } from "../../core/schemas/add-input.js";
import { timestampSchema } from "../../core/schemas/scope-input.js";
import { queryTextSchema } from "../../core/schemas/search-input.js";
import { evidenceNotice } from "../mcp/evidence-notice.js";

/** Options of {@link memoryTools}: the memory and whose memories the tools read and write. */
export interface MemoryToolsOptions {
  memory: Memory;
  /** The user the conversation is about; every read and write is scoped to it. */
  userId: string;
  /** The agent using the tools: recorded on what it adds (and as the actor), and limits search to its memories. */
  agentId?: string;
  /** Default: `default`. */
  tenantId?: string;
}

const searchInputSchema = z.object({
  query: queryTextSchema.describe("What to recall, in natural language (English or Chinese)."),
  topK: z.number().int().min(1).max(20).optional().describe("How many memories to return (default 5)."),
  kinds: z.array(z.enum(memoryKinds)).optional().describe("Only these kinds of memory."),
});

const addInputToolSchema = z.object({
  text: addInputSchema.options[0].describe("One thing worth remembering, in the user's words (a fact, preference, plan or event)."),
  timestamp: timestampSchema.optional().describe("When it was said (ISO 8601), if not now."),
});

/**
 * Memory as Vercel AI SDK tools: `searchMemory` and `addMemory`, bound to one user (and optionally one agent and
 * tenant), so the model never chooses whose memory it touches.
 *
 * @example
 * import { generateText, stepCountIs } from "ai";
 * const { text } = await generateText({
 *   model,
 *   tools: memoryTools({ memory, userId: "u1" }),
 *   stopWhen: stepCountIs(3),
 *   prompt: "Where do I live?",
 * });
 */
export function memoryTools(options: MemoryToolsOptions) {
  const { memory } = options;
  const scope = {
    userId: options.userId,
    ...(options.agentId === undefined ? {} : { agentId: options.agentId }),
    ...(options.tenantId === undefined ? {} : { tenantId: options.tenantId }),
  };
  return {
    searchMemory: tool({
      description: `Recall what you know about the user from earlier conversations, best match first, with dates. ${evidenceNotice}`,
      inputSchema: searchInputSchema,
      execute: async ({ query, topK, kinds }) => {
        const { results } = await memory.search(query, {
          ...scope,
          topK: topK ?? 5,
          ...(kinds === undefined ? {} : { filters: { kinds } }),
        });
        return {
          notice: evidenceNotice,
          memories: results.map((result) => ({
            id: result.id,
            memory: result.memory,
            kind: result.kind,
            ...(result.validFrom === undefined ? {} : { recordedAt: result.validFrom }),
            ...(result.eventStart === undefined ? {} : { eventStart: result.eventStart }),
          })),
        };
      },
    }),
    addMemory: tool({
      description: "Remember something the user told you that will matter later (a fact, preference, plan or event).",
      inputSchema: addInputToolSchema,
      execute: async ({ text, timestamp }) => {
        const { results } = await memory.add(text, {
          ...scope,
          ...(options.agentId === undefined ? {} : { actor: options.agentId }),
          ...(timestamp === undefined ? {} : { timestamp }),
        });
        return { stored: results.map((item) => ({ id: item.id, memory: item.memory, event: item.event })) };
      },
    }),
  };
}
