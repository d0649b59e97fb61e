import { readFileSync } from "node:fs";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { memoryKinds } from "../../core/domain/memory-record.js";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import { MnemoError } from "../../core/errors.js";
import { agentRoles, grantAccessLevels } from "../../core/hub/access-records.js";
import { topicSchema } from "../../core/hub/hub-schemas.js";
import type { MemoryHub } from "../../core/hub/memory-hub.js";
import { addInputSchema, messageSchema } from "../../core/schemas/add-input.js";
import { updateInputSchema } from "../../core/schemas/list-input.js";
import { identifierSchema, metadataSchema, scopeFields, timestampSchema } from "../../core/schemas/scope-input.js";
import { queryTextSchema } from "../../core/schemas/search-input.js";
import { type Logger, silentLogger } from "../../ports/logger.js";
import { describeError, httpStatusFor, SurfaceError } from "../http/http-errors.js";
import { actingAgent, hasScope, memoryForPrincipal, type Principal, principalOptions } from "../http/principal.js";
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

const actingAgentShape = {
  agentId: identifierSchema
    .optional()
    .describe("The acting agent. Credentials bound to an agent act as it; tenant-wide credentials must name one."),
};

/** Input schemas of the multi-agent hub tools (offered when the server has a hub). */
export const mcpHubToolInputSchemas = {
  hub_search: z.strictObject({
    query: queryTextSchema.describe("What to recall about the user."),
    userId: identifierSchema.describe("The user the memories are about."),
    topK: z.number().int().min(1).max(50).optional().describe("How many memories to return (default 10)."),
    ...actingAgentShape,
  }),
  share_for_task: z.strictObject({
    task: queryTextSchema.describe("What you are about to do for the user."),
    userId: identifierSchema.describe("The user."),
    topK: z.number().int().min(1).max(50).optional().describe("At most this many memories (default 5)."),
    ...actingAgentShape,
  }),
  hub_add: z.strictObject({
    text: addInputSchema.options[0].optional().describe("What to remember. Give this or `messages`."),
    messages: z.array(messageSchema).min(1).max(1_000).optional().describe("Messages to remember. Give this or `text`."),
    userId: scopeFields.userId.describe("The user it is about (conflicts are checked for this user)."),
    sessionId: scopeFields.sessionId.describe("The conversation or run."),
    metadata: metadataSchema.optional().describe("JSON metadata; a `tags` array places it in topics and grants."),
    timestamp: timestampSchema.optional().describe("When it was said (ISO 8601)."),
    infer: z.boolean().optional().describe("false: store verbatim."),
    ownerAgentId: identifierSchema.optional().describe("Write into this agent's memories (needs its write grant)."),
    ...actingAgentShape,
  }),
  grant_access: z.strictObject({
    granteeAgentId: identifierSchema.describe("The agent that may read (or write)."),
    ownerAgentId: identifierSchema.optional().describe("Whose memories (default: the acting agent; tenant-wide credentials need admin)."),
    access: z.enum(grantAccessLevels).optional().describe("read (default) or write."),
    userId: identifierSchema.optional().describe("Only memories about this user."),
    kinds: z.array(z.enum(memoryKinds)).min(1).optional().describe("Only these kinds."),
    tags: z.array(topicSchema).min(1).max(20).optional().describe("Only memories tagged with one of these."),
    topic: topicSchema.optional().describe("Only memories tagged with this topic."),
  }),
  revoke_grant: z.strictObject({ grantId: identifierSchema.describe("The grant to revoke.") }),
  list_grants: z.strictObject({
    includeRevoked: z.boolean().optional().describe("Also list revoked grants."),
    ...actingAgentShape,
  }),
  audit_log: z.strictObject({
    since: timestampSchema.optional().describe("Only reads at or after this instant."),
    limit: z.number().int().min(1).max(10_000).optional().describe("At most this many entries (default 1000)."),
    ...actingAgentShape,
  }),
  register_agent: z.strictObject({
    agentId: identifierSchema.describe("The agent."),
    role: z.enum(agentRoles).describe("worker, supervisor or peer."),
    supervisorId: identifierSchema.optional().describe("For a worker: its supervisor."),
  }),
  join_pool: z.strictObject({ topic: topicSchema.describe("The topic."), agentId: identifierSchema.describe("The agent to add.") }),
  leave_pool: z.strictObject({ topic: topicSchema.describe("The topic."), agentId: identifierSchema.describe("The agent to remove.") }),
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
 * Creates an MCP server exposing a memory as tools, confined to the principal's tenant (and, with a hub and
 * credentials bound to an agent, to what that agent may see); tools the principal has no scope for are not
 * offered. With a hub, the hub tools are offered too. Connect it to a transport (stdio, streamable HTTP).
 *
 * @example
 * const server = createMcpServer({ memory, principal: createDefaultPrincipal() });
 * await server.connect(new StdioServerTransport());
 */
export function createMcpServer(options: { memory: Memory; principal: Principal; logger?: Logger; hub?: MemoryHub }): McpServer {
  const { principal, hub } = options;
  const memory = memoryForPrincipal({ memory: options.memory, hub, principal });
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

  if (hub !== undefined) registerHubTools({ server, hub, principal, run });

  return server;
}

type ToolRunner = <A>(tool: string, work: (args: A) => Promise<unknown>) => (args: A) => Promise<CallToolResult>;

function registerHubTools(options: { server: McpServer; hub: MemoryHub; principal: Principal; run: ToolRunner }): void {
  const { server, hub, principal, run } = options;
  const tenantId = principal.tenantId;
  const requireAdmin = () => {
    if (!hasScope(principal, "admin")) {
      throw new SurfaceError({
        code: "SCOPE_FORBIDDEN",
        message: 'These credentials lack the "admin" scope.',
        details: { scope: "admin" },
      });
    }
  };
  const readOnly = { readOnlyHint: true, openWorldHint: false } as const;
  const changes = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false } as const;

  if (hasScope(principal, "read")) {
    server.registerTool(
      "hub_search",
      {
        title: "Recall across agents",
        description: `Recall what you may see about a user: your memories, shared ones, and those other agents granted you (by grant, supervision or topic pool). Each result names the agent that wrote it. ${evidenceNotice}`,
        inputSchema: mcpHubToolInputSchemas.hub_search,
        annotations: readOnly,
      },
      run("hub_search", async ({ agentId, ...search }) => {
        const { results, tokens } = await hub.search({ ...search, agentId: actingAgent(principal, agentId), tenantId });
        return {
          notice: evidenceNotice,
          tokens,
          results: results.map((result) => ({
            id: result.id,
            memory: result.memory,
            agentId: result.agentId,
            via: result.via,
            kind: result.kind,
            score: Number(result.score.toFixed(4)),
          })),
        };
      }),
    );

    server.registerTool(
      "share_for_task",
      {
        title: "Ask other agents for what a task needs",
        description: `Only the memories relevant to your task, from agents that gave you access (never your own). Each names its author; the read is audited. ${evidenceNotice}`,
        inputSchema: mcpHubToolInputSchemas.share_for_task,
        annotations: readOnly,
      },
      run("share_for_task", async ({ agentId, ...share }) => {
        const { results } = await hub.shareForTask({ ...share, agentId: actingAgent(principal, agentId), tenantId });
        return {
          notice: evidenceNotice,
          results: results.map((result) => ({ id: result.id, memory: result.memory, agentId: result.agentId, via: result.via })),
        };
      }),
    );

    server.registerTool(
      "list_grants",
      {
        title: "List grants",
        description: "Grants you gave or received (tenant-wide credentials: all, or one agent's).",
        inputSchema: mcpHubToolInputSchemas.list_grants,
        annotations: readOnly,
      },
      run("list_grants", async ({ agentId, includeRevoked }) => {
        const agent = principal.agentId === undefined ? agentId : actingAgent(principal, agentId);
        return {
          results: await hub.listGrants({
            tenantId,
            ...(agent === undefined ? {} : { agentId: agent }),
            ...(includeRevoked === undefined ? {} : { includeRevoked }),
          }),
        };
      }),
    );

    server.registerTool(
      "audit_log",
      {
        title: "Cross-agent read audit",
        description: "Who read whose memories, when and why (grant, supervisor, pool).",
        inputSchema: mcpHubToolInputSchemas.audit_log,
        annotations: readOnly,
      },
      run("audit_log", async ({ agentId, ...query }) => {
        const agent = principal.agentId === undefined ? agentId : actingAgent(principal, agentId);
        return { results: await hub.auditLog({ ...query, tenantId, ...(agent === undefined ? {} : { agentId: agent }) }) };
      }),
    );
  }

  if (hasScope(principal, "write")) {
    server.registerTool(
      "hub_add",
      {
        title: "Remember as an agent, checking for conflicts",
        description:
          "Store a memory as you (private unless granted), then list conflicts with what other agents know about the user " +
          "(for example a recommendation against a known allergy, or two different home cities).",
        inputSchema: mcpHubToolInputSchemas.hub_add,
        annotations: changes,
      },
      run("hub_add", async ({ agentId, ...add }) => hub.add({ ...add, agentId: actingAgent(principal, agentId), tenantId })),
    );

    server.registerTool(
      "grant_access",
      {
        title: "Grant access to your memories",
        description: "Let another agent read (or write) a subset of your memories: by user, kinds, tags or topic. Revocable.",
        inputSchema: mcpHubToolInputSchemas.grant_access,
        annotations: changes,
      },
      run("grant_access", async ({ ownerAgentId, ...grant }) => {
        if (principal.agentId === undefined) requireAdmin();
        return hub.grant({ ...grant, ownerAgentId: actingAgent(principal, ownerAgentId), tenantId });
      }),
    );

    server.registerTool(
      "revoke_grant",
      {
        title: "Revoke a grant",
        description: "Revoke a grant you gave or received.",
        inputSchema: mcpHubToolInputSchemas.revoke_grant,
        annotations: { ...changes, destructiveHint: true, idempotentHint: true },
      },
      run("revoke_grant", async ({ grantId }) => {
        if (principal.agentId === undefined) requireAdmin();
        const revoked = await hub.revokeGrant({
          tenantId,
          grantId,
          ...(principal.agentId === undefined ? {} : { agentId: principal.agentId }),
        });
        if (revoked === undefined) throw new SurfaceError({ code: "GRANT_NOT_FOUND", message: `Grant ${grantId} not found.` });
        return revoked;
      }),
    );
  }

  if (hasScope(principal, "admin")) {
    server.registerTool(
      "register_agent",
      {
        title: "Register an agent",
        description: "Register a worker, supervisor or peer (a supervisor reads its workers' memories).",
        inputSchema: mcpHubToolInputSchemas.register_agent,
        annotations: changes,
      },
      run("register_agent", async (agent) => hub.registerAgent({ ...agent, tenantId })),
    );
    server.registerTool(
      "join_pool",
      {
        title: "Add an agent to a topic pool",
        description: "Members of a topic pool read each other's memories tagged with the topic.",
        inputSchema: mcpHubToolInputSchemas.join_pool,
        annotations: changes,
      },
      run("join_pool", async (membership) => hub.joinPool({ ...membership, tenantId })),
    );
    server.registerTool(
      "leave_pool",
      {
        title: "Remove an agent from a topic pool",
        description: "The agent stops seeing the pool's shared memories.",
        inputSchema: mcpHubToolInputSchemas.leave_pool,
        annotations: { ...changes, destructiveHint: true, idempotentHint: true },
      },
      run("leave_pool", async (membership) => ({ ...membership, left: await hub.leavePool({ ...membership, tenantId }) })),
    );
  }
}
