import type { Memory } from "../engine/create-memory-engine.js";
import type { MemoryView } from "../engine/memory-view.js";
import { MnemoError } from "../errors.js";
import { listOptionsSchema } from "../schemas/list-input.js";
import { parseInput } from "../schemas/parse-input.js";
import { searchOptionsSchema } from "../schemas/search-input.js";
import { countTokens } from "../text/count-tokens.js";
import { type AccessSubject, canWrite, isUnrestricted, readAccess, type Visibility, visibleAgentIds } from "./access-rules.js";
import type { HubInternals, HubSearchResult } from "./memory-hub.js";

/** Memories other agents cannot see or change look absent (no existence oracle). */
function notFound(id: string): MnemoError {
  return new MnemoError({ code: "MEMORY_NOT_FOUND", message: `Memory ${id} not found.`, details: { id } });
}

function subjectOf(view: Pick<MemoryView, "agentId" | "userId" | "kind" | "metadata">): AccessSubject {
  return { agentId: view.agentId, userId: view.userId, kind: view.kind, metadata: view.metadata };
}

/** Pages scanned at a time when some visible owners are only partly visible (grant subsets, pools). */
const scanPage = 500;

/**
 * The memory API as one agent of a tenant sees it (used by surfaces for credentials bound to an agent):
 * - writes carry the agent's id (and it is the actor); naming another agent or tenant is refused;
 * - search and list cover its own memories, the user-level shared ones and what grants, supervision and
 *   topic pools open, each result marked with its author; cross-agent reads are audited;
 * - get and history answer MEMORY_NOT_FOUND for memories it may not read; update and delete for memories it
 *   may not change (its own, or those a write grant covers);
 * - `reset` is refused; `close` does nothing (the hub's owner closes the memory).
 *
 * @example
 * const planner = hub.memoryFor({ tenantId: "acme", agentId: "planner" });
 * await planner.add("The user prefers window seats", { userId: "u1" }); // stored with agentId "planner"
 */
export function createAgentMemory(hub: HubInternals, scope: { tenantId: string; agentId: string }): Memory {
  const { memory, store } = hub;
  const { tenantId, agentId } = scope;
  const seen = (): Promise<Visibility> => hub.visibility(scope);

  const checkTenant = (options: { tenantId?: string | undefined } | undefined) => {
    if (options?.tenantId !== undefined && options.tenantId !== tenantId) {
      throw new MnemoError({ code: "INPUT_INVALID", message: `This memory is confined to tenant ${tenantId}.`, details: { tenantId } });
    }
  };
  const checkAgent = (requested: string | undefined) => {
    if (requested !== undefined && requested !== agentId) {
      throw new MnemoError({
        code: "INPUT_INVALID",
        message: `Agent ${agentId} writes only its own memories (agentId ${requested} refused); use the hub with a write grant.`,
        details: { agentId: requested },
      });
    }
  };
  const readable = async (id: string) => {
    const view = await memory.get(id, { tenantId });
    const visibility = await seen();
    const subject = subjectOf(view);
    const path = readAccess(visibility, subject);
    if (path === undefined) throw notFound(id);
    return { view, visibility, subject, path };
  };
  const writable = async (id: string) => {
    const view = await memory.get(id, { tenantId });
    if (!canWrite(await seen(), subjectOf(view))) throw notFound(id);
    return view;
  };

  return {
    async add(input, options) {
      checkTenant(options);
      checkAgent(options?.agentId);
      return memory.add(input, { ...options, tenantId, agentId, actor: options?.actor ?? agentId });
    },

    async search(query, options) {
      checkTenant(options);
      const parsed = parseInput({ schema: searchOptionsSchema, value: options ?? {}, label: "search options" });
      let owners: string[] | undefined;
      if (parsed.agentId !== undefined) owners = [parsed.agentId];
      if (parsed.visibleAgentIds !== undefined) {
        owners = (owners ?? parsed.visibleAgentIds).filter((owner) => parsed.visibleAgentIds?.includes(owner));
      }
      const response = await hub.searchVisible({
        tenantId,
        agentId,
        query,
        topK: parsed.topK ?? 10,
        action: "search",
        userId: parsed.userId,
        sessionId: parsed.sessionId,
        filters: parsed.filters,
        asOf: parsed.asOf,
        includeHistory: parsed.includeHistory,
        owners,
      });
      if (parsed.tokenBudget === undefined) return response;
      const results: HubSearchResult[] = [];
      let tokens = 0;
      for (const result of response.results) {
        const cost = countTokens(result.memory);
        if (tokens + cost > parsed.tokenBudget) break;
        tokens += cost;
        results.push(result);
      }
      return { ...response, results, tokens };
    },

    async get(id, options) {
      checkTenant(options);
      const { view, visibility, subject, path } = await readable(id);
      await hub.audit(visibility, [{ memoryId: view.id, subject, via: path.via, grantId: path.grantId }], "get");
      return view;
    },

    async getAll(options) {
      checkTenant(options);
      const parsed = parseInput({ schema: listOptionsSchema, value: options ?? {}, label: "list options" });
      const visibility = await seen();
      let owners = visibleAgentIds(visibility);
      if (parsed.agentId !== undefined) owners = owners.filter((owner) => owner === parsed.agentId);
      if (parsed.visibleAgentIds !== undefined) owners = owners.filter((owner) => parsed.visibleAgentIds?.includes(owner));
      const limit = parsed.limit ?? 100;
      const offset = parsed.offset ?? 0;
      if (owners.length === 0) return { results: [], total: 0, limit, offset };
      const base = {
        tenantId,
        visibleAgentIds: owners.slice(0, 1000),
        ...(parsed.userId === undefined ? {} : { userId: parsed.userId }),
        ...(parsed.sessionId === undefined ? {} : { sessionId: parsed.sessionId }),
        ...(parsed.filters === undefined ? {} : { filters: parsed.filters }),
      };
      const restricted = visibility.rules.some((rule) => owners.includes(rule.ownerAgentId) && !isUnrestricted(rule));
      const results: MemoryView[] = [];
      const reads: Parameters<HubInternals["audit"]>[1][number][] = [];
      // Index of the next readable memory in the full (filtered) list.
      let index = 0;
      const keep = (view: MemoryView) => {
        const subject = subjectOf(view);
        const path = readAccess(visibility, subject);
        if (path === undefined) return;
        if (index >= offset && results.length < limit) {
          results.push(view);
          reads.push({ memoryId: view.id, subject, via: path.via, grantId: path.grantId });
        }
        index += 1;
      };
      let total: number;
      if (!restricted) {
        // Every listed owner is wholly visible: the store pages and counts.
        const page = await memory.getAll({ ...base, limit, offset });
        index = offset;
        for (const view of page.results) keep(view);
        total = page.total;
      } else {
        // Some owners are visible only in part: scan in pages, filter, count.
        for (let start = 0; ; start += scanPage) {
          const page = await memory.getAll({ ...base, limit: scanPage, offset: start });
          for (const view of page.results) keep(view);
          if (page.results.length < scanPage) break;
        }
        total = index;
      }
      await hub.audit(visibility, reads, "list");
      return { results, total, limit, offset };
    },

    async update(id, changes, options) {
      checkTenant(options);
      await writable(id);
      return memory.update(id, changes, { tenantId, actor: options?.actor ?? agentId });
    },

    async delete(id, options) {
      checkTenant(options);
      await writable(id);
      return memory.delete(id, { tenantId, actor: options?.actor ?? agentId });
    },

    async deleteAll(options) {
      checkTenant(options);
      checkAgent(options?.agentId);
      return memory.deleteAll({ ...options, tenantId, agentId, actor: options?.actor ?? agentId });
    },

    async history(id, options) {
      checkTenant(options);
      const record = await store.getMemory({ tenantId, id });
      if (record === undefined) throw notFound(id);
      const visibility = await seen();
      const subject: AccessSubject = { agentId: record.agentId, userId: record.userId, kind: record.kind, metadata: record.metadata };
      const path = readAccess(visibility, subject);
      if (path === undefined) throw notFound(id);
      const entries = await memory.history(id, { tenantId });
      await hub.audit(visibility, [{ memoryId: id, subject, via: path.via, grantId: path.grantId }], "get");
      return entries;
    },

    async reset() {
      throw new MnemoError({ code: "INPUT_INVALID", message: `Agent ${agentId} cannot reset tenant ${tenantId}.` });
    },

    async stats(options) {
      checkTenant(options);
      return memory.stats({ tenantId, ...(options?.userId === undefined ? {} : { userId: options.userId }) });
    },

    async optimize() {
      // The indexes are the whole file's, shared by every tenant: the store's owner optimizes them.
      throw new MnemoError({ code: "INPUT_INVALID", message: `Agent ${agentId} cannot optimize the store of tenant ${tenantId}.` });
    },

    async close() {},
  };
}
