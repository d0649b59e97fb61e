import { readFileSync } from "node:fs";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { memoryKinds } from "../../core/domain/memory-record.js";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import { MnemoError } from "../../core/errors.js";
import { addInputSchema, messageSchema } from "../../core/schemas/add-input.js";
import { updateInputSchema } from "../../core/schemas/list-input.js";
import { identifierSchema, metadataSchema, scopeFields, timestampSchema } from "../../core/schemas/scope-input.js";
import { queryTextSchema } from "../../core/schemas/search-input.js";
import { type Logger, silentLogger } from "../../ports/logger.js";
import { describeError, httpStatusFor } from "../http/http-errors.js";
import { hasScope, type Principal, principalOptions } from "../http/principal.js";
import { evidenceNotice } from "./evidence-notice.js";

const packageVersion = (() => {
  try {
    const manifest = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version?: unknown };
    return typeof manifest.version === "string" ? manifest.version : "0.0.0";
  } catch {
    return "0.0.0";
  }
})();

const scopeShape = {
  userId: scopeFields.userId.describe("The user the memories are about (for example your end user's id)."),
  agentId: scopeFields.agentId.describe("The agent the memories belong to."),
  sessionId: scopeFields.sessionId.describe("The conversation or run."),
};

const memoryIdShape = { id: identifierSchema.describe("The memory id (from search_memory, list_memories or add_memory).") };

/** Input schemas of the tools (zod, from the core's field schemas). */
export const mcpToolInputSchemas = {
  add_memory: z.strictObject({
    text: addInputSchema.options[0].optional().describe("One thing to remember, as the user said it. Give this or `messages`."),
    messages: z.array(messageSchema).min(1).max(1_000).optional().describe("Conversation messages to remember. Give this or `text`."),
    ...scopeShape,
    metadata: metadataSchema.optional().describe("Free-form JSON metadata."),
    timestamp: timestampSchema.optional().describe("When it was said (ISO 8601); relative dates are resolved against it."),
    infer: z.boolean().optional().describe("false: store each message verbatim, no filtering or merging."),
  }),
  search_memory: z.strictObject({
    query: queryTextSchema.describe("What to recall, in natural language (English or Chinese)."),
    ...scopeShape,
    topK: z.number().int().min(1).max(50).optional().describe("How many memories to return (default 10)."),
    tokenBudget: z.number().int().min(16).max(200_000).optional().describe("Cut the results to about this many tokens."),
    asOf: timestampSchema.optional().describe("Recall what was true at this instant (ISO 8601)."),
    kinds: z.array(z.enum(memoryKinds)).optional().describe("Only these kinds of memory."),
  }),
  list_memories: z.strictObject({
    ...scopeShape,
    limit: z.number().int().min(1).max(200).optional().describe("Page size (default 50)."),
    offset: z.number().int().min(0).optional().describe("Page start (default 0)."),
    kinds: z.array(z.enum(memoryKinds)).optional().describe("Only these kinds of memory."),
  }),
  get_memory: z.strictObject(memoryIdShape),
  update_memory: z.strictObject({
    ...memoryIdShape,
    text: updateInputSchema.shape.text.describe("The corrected text."),
    metadata: metadataSchema.optional().describe("Replacement metadata."),
    version: updateInputSchema.shape.version.describe("The version you read; a stale one is refused with VERSION_CONFLICT."),
  }),
  delete_memory: z.strictObject(memoryIdShape),
  memory_history: z.strictObject(memoryIdShape),
};

function textResult(value: unknown): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(value, null, 2) }] };
}

/**
 * Maps an error to an MCP tool error (`isError: true`, the stable code first in the text) — the one mapping of
 * `MnemoError` for this surface.
 *
 * @example
 * toToolError(new MnemoError({ code: "MEMORY_NOT_FOUND", message: "Memory x not found." }));
 * // { isError: true, content: [{ type: "text", text: "MEMORY_NOT_FOUND: Memory x not found." }] }
 */
export function toToolError(error: unknown): CallToolResult {
  const described = describeError(error);
  return { isError: true, content: [{ type: "text", text: `${described.code}: ${described.message}` }] };
}

/**
 * Creates an MCP server exposing a memory as tools, confined to the principal's tenant; tools the principal
 * has no scope for are not offered. Connect it to a transport (stdio, streamable HTTP).
 *
 * @example
 * const server = createMcpServer({ memory, principal: createDefaultPrincipal() });
 * await server.connect(new StdioServerTransport());
 */
export function createMcpServer(options: { memory: Memory; principal: Principal; logger?: Logger }): McpServer {
  const { memory, principal } = options;
  const logger = options.logger ?? silentLogger;
  const tenant = { tenantId: principal.tenantId };
  const actor = principalOptions(principal);
  const server = new McpServer(
    { name: "mnemo", version: packageVersion },
    {
      instructions: `Mnemo is a long-term memory. Search it before answering questions about the user or past conversations; add what is worth remembering. ${evidenceNotice}`,
    },
  );

  const run =
    <A>(tool: string, work: (args: A) => Promise<unknown>) =>
    async (args: A): Promise<CallToolResult> => {
      try {
        return textResult(await work(args));
      } catch (error) {
        const described = describeError(error);
        if (httpStatusFor(described.code) >= 500) {
          logger.error({ tool, code: described.code, error: error instanceof Error ? error.message : String(error) }, "mcp-tool-failed");
        }
        return toToolError(error);
      }
    };

  const canRead = hasScope(principal, "read");
  const canWrite = hasScope(principal, "write");

  if (canWrite) {
    server.registerTool(
      "add_memory",
      {
        title: "Remember",
        description:
          "Store something worth remembering: a fact, preference, plan or event the user told you, or a whole conversation. " +
          "Give `text` or `messages`, and at least one of userId, agentId, sessionId. Duplicates merge.",
        inputSchema: mcpToolInputSchemas.add_memory,
        annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
      },
      run("add_memory", async ({ text, messages, ...addOptions }) => {
        if ((text === undefined) === (messages === undefined)) {
          throw new MnemoError({ code: "INPUT_INVALID", message: "Give exactly one of text or messages." });
        }
        return memory.add(messages ?? text ?? "", { ...addOptions, ...actor });
      }),
    );
  }

  if (canRead) {
    server.registerTool(
      "search_memory",
      {
        title: "Recall",
        description: `Recall memories relevant to a query, best first, with their dates and sources. ${evidenceNotice}`,
        inputSchema: mcpToolInputSchemas.search_memory,
        annotations: { readOnlyHint: true, openWorldHint: false },
      },
      run("search_memory", async ({ query, kinds, ...searchOptions }) => {
        const { results, tokens } = await memory.search(query, {
          ...searchOptions,
          ...tenant,
          ...(kinds === undefined ? {} : { filters: { kinds } }),
        });
        return {
          notice: evidenceNotice,
          tokens,
          results: results.map((result) => ({
            id: result.id,
            memory: result.memory,
            kind: result.kind,
            score: Number(result.score.toFixed(4)),
            ...(result.validFrom === undefined ? {} : { validFrom: result.validFrom }),
            ...(result.eventStart === undefined ? {} : { eventStart: result.eventStart, eventEnd: result.eventEnd }),
            sources: result.sources,
          })),
        };
      }),
    );

    server.registerTool(
      "list_memories",
      {
        title: "List memories",
        description: `List stored memories, newest first, one page at a time. ${evidenceNotice}`,
        inputSchema: mcpToolInputSchemas.list_memories,
        annotations: { readOnlyHint: true, openWorldHint: false },
      },
      run("list_memories", async ({ kinds, limit, ...listOptions }) => {
        const page = await memory.getAll({
          ...listOptions,
          ...tenant,
          limit: limit ?? 50,
          ...(kinds === undefined ? {} : { filters: { kinds } }),
        });
        return { notice: evidenceNotice, ...page };
      }),
    );

    server.registerTool(
      "get_memory",
      {
        title: "Get a memory",
        description: `Read one memory with its provenance, validity and version. ${evidenceNotice}`,
        inputSchema: mcpToolInputSchemas.get_memory,
        annotations: { readOnlyHint: true, openWorldHint: false },
      },
      run("get_memory", async ({ id }) => memory.get(id, tenant)),
    );

    server.registerTool(
      "memory_history",
      {
        title: "Memory history",
        description: "Every change to a memory (added, updated, merged, deleted), oldest first. Deleted texts are not kept.",
        inputSchema: mcpToolInputSchemas.memory_history,
        annotations: { readOnlyHint: true, openWorldHint: false },
      },
      run("memory_history", async ({ id }) => ({ results: await memory.history(id, tenant) })),
    );
  }

  if (canWrite) {
    server.registerTool(
      "update_memory",
      {
        title: "Correct a memory",
        description:
          "Change a memory's text or metadata when the user corrects it. Pass the version you read to avoid overwriting a newer change.",
        inputSchema: mcpToolInputSchemas.update_memory,
        annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
      },
      run("update_memory", async ({ id, ...changes }) => memory.update(id, changes, actor)),
    );

    server.registerTool(
      "delete_memory",
      {
        title: "Forget a memory",
        description: "Delete a memory for good (its text, vectors and index entries), for example when the user asks you to forget it.",
        inputSchema: mcpToolInputSchemas.delete_memory,
        annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
      },
      run("delete_memory", async ({ id }) => memory.delete(id, actor)),
    );
  }

  return server;
}
