import { randomUUID } from "node:crypto";
import type { AccessStore } from "../../ports/access-store.js";
import { type Clock, systemClock } from "../../ports/clock.js";
import type { Segmenter } from "../../ports/segmenter.js";
import type { StoreReader } from "../../ports/store.js";
import type { MemoryKind } from "../domain/memory-record.js";
import type { Memory } from "../engine/create-memory-engine.js";
import { MnemoError } from "../errors.js";
import type { SearchResponse, SearchResult } from "../read/search-memories.js";
import { parseInput } from "../schemas/parse-input.js";
import { countTokens } from "../text/count-tokens.js";
import { createIntlSegmenter } from "../text/intl-segmenter.js";
import type { AddResult } from "../write/add-memories.js";
import type { AgentRecord, AuditAction, GrantRecord, PoolMembership, ReadAuditEntry } from "./access-records.js";
import {
  type AccessRule,
  type AccessSubject,
  isUnrestricted,
  type ReadPath,
  readAccess,
  type Visibility,
  visibleAgentIds,
  writeRuleFor,
} from "./access-rules.js";
import { createAgentMemory } from "./agent-memory.js";
import { type Conflict, type ConflictSubject, detectConflicts } from "./conflict-rules.js";
import {
  type AuditLogInput,
  auditLogInputSchema,
  type GrantInput,
  grantInputSchema,
  type HubAddInput,
  type HubSearchInput,
  hubAddInputSchema,
  hubSearchInputSchema,
  type ListGrantsInput,
  type ListPoolsInput,
  listGrantsInputSchema,
  listPoolsInputSchema,
  type PoolInput,
  poolInputSchema,
  type RegisterAgentInput,
  type RevokeGrantInput,
  registerAgentInputSchema,
  revokeGrantInputSchema,
  type ShareForTaskInput,
  shareForTaskInputSchema,
} from "./hub-schemas.js";
import { sharesTaskTerm, taskTerms } from "./task-relevance.js";

/** The store reads the hub needs to learn who wrote a recalled memory or episode. */
export type HubStoreReader = Pick<StoreReader, "getMemory" | "getMemories" | "getEpisodes">;

/** A recalled memory marked with the agent that wrote it and how the reader may see it. */
export type HubSearchResult = SearchResult & {
  /** The agent that wrote it; `null` for a user-level memory shared by all the user's agents. */
  agentId: string | null;
  via: ReadPath;
};

/** Result of hub `search`, `shareForTask` and of an agent memory's `search`. */
export interface HubSearchResponse extends Omit<SearchResponse, "results"> {
  results: HubSearchResult[];
}

/** Result of hub `add`: what `memory.add` did, plus the conflicts with other agents' memories about the user. */
export interface HubAddResult extends AddResult {
  conflicts: Conflict[];
}

/** Options of {@link createMemoryHub}. */
export interface MemoryHubOptions {
  memory: Memory;
  /** The memory's store (reads only: who wrote what). */
  store: HubStoreReader;
  access: AccessStore;
  clock?: Clock;
  generateId?: () => string;
  /** Splits tasks into words for `shareForTask` relevance (default: `Intl.Segmenter`, Chinese included). */
  segmenter?: Segmenter;
}

/** The multi-agent memory hub. Every call is confined to its `tenantId`. */
export interface MemoryHub {
  registerAgent(input: RegisterAgentInput): Promise<AgentRecord>;
  listAgents(options: { tenantId: string }): Promise<AgentRecord[]>;
  /** Agent `ownerAgentId` lets `granteeAgentId` read (or write) a subset of its memories. */
  grant(input: GrantInput): Promise<GrantRecord>;
  /** `undefined` when the tenant has no such grant (or, with `agentId`, it is neither its owner nor grantee). */
  revokeGrant(input: RevokeGrantInput): Promise<GrantRecord | undefined>;
  listGrants(input: ListGrantsInput): Promise<GrantRecord[]>;
  joinPool(input: PoolInput): Promise<PoolMembership>;
  leavePool(input: PoolInput): Promise<boolean>;
  listPools(input: ListPoolsInput): Promise<PoolMembership[]>;
  /** What the agent can see: own, shared, and the rules from grants, supervision and pools. */
  visibility(options: { tenantId: string; agentId: string }): Promise<Visibility>;
  /** Recalls from everything the agent may see about the user; each result names its author; cross-agent reads are audited. */
  search(input: HubSearchInput): Promise<HubSearchResponse>;
  /** Only the memories relevant to the task from other agents that gave access (never the asker's own), audited. */
  shareForTask(input: ShareForTaskInput): Promise<HubSearchResponse>;
  /** Writes as the agent, then lists conflicts with what other agents (and the shared level) know about the user. */
  add(input: HubAddInput): Promise<HubAddResult>;
  /** Cross-agent reads, oldest first (where the agent read or was read, when given). */
  auditLog(input: AuditLogInput): Promise<ReadAuditEntry[]>;
  /** The memory API as one agent sees it: its writes carry its id; reads, gets and changes are confined and audited. */
  memoryFor(options: { tenantId: string; agentId: string }): Memory;
}

/** A share needs a content word in common with the task, or a vector this close. */
const shareVectorFloor = 0.55;
/** How many newest memories of other agents a conflict check reads (plus a recall on each new memory's text). */
const conflictScanLimit = 500;

/** Internal search shared by `search`, `shareForTask` and agent memories. */
export interface VisibleSearch {
  tenantId: string;
  agentId: string;
  query: string;
  topK: number;
  action: Extract<AuditAction, "search" | "share">;
  userId?: string | undefined;
  sessionId?: string | undefined;
  kinds?: readonly MemoryKind[] | undefined;
  filters?: NonNullable<Parameters<Memory["search"]>[1]["filters"]> | undefined;
  asOf?: string | undefined;
  includeHistory?: boolean | undefined;
  /** Only these owners ("" = shared). */
  owners?: readonly string[] | undefined;
}

/** Internals the agent memory facade uses. */
export interface HubInternals {
  memory: Memory;
  store: HubStoreReader;
  visibility(options: { tenantId: string; agentId: string }): Promise<Visibility>;
  searchVisible(input: VisibleSearch): Promise<HubSearchResponse>;
  audit(
    visibility: Visibility,
    reads: ReadonlyArray<{ memoryId: string; subject: AccessSubject; via: ReadPath; grantId?: string | undefined }>,
    action: AuditAction,
  ): Promise<void>;
}

/** When a memory was said (it became true), else when it was written: a later denial ("no longer allergic") cancels an earlier aversion. */
function saidAt(record: { validFrom?: string | undefined; createdAt: string }): string {
  return record.validFrom ?? record.createdAt;
}

/**
 * Creates the multi-agent memory hub on a memory, its store (for reads) and an access store. Agents' memories
 * are private by default; user-level memories (written without an agent) are shared by all the user's agents;
 * grants, supervision (a supervisor reads its workers) and topic pools (peers read each other's memories
 * tagged with the topic) open subsets, and every cross-agent read lands in the audit log.
 *
 * @example
 * const hub = createMemoryHub({ memory, store, access });
 * await hub.grant({ tenantId: "acme", ownerAgentId: "consulting", granteeAgentId: "after-sales", tags: ["diet"] });
 * const { conflicts } = await hub.add({ tenantId: "acme", agentId: "after-sales", userId: "u1", text: "Recommended the Thai peanut satay kit" });
 */
export function createMemoryHub(options: MemoryHubOptions): MemoryHub {
  const { memory, store, access } = options;
  const clock = options.clock ?? systemClock;
  const generateId = options.generateId ?? randomUUID;
  const segmenter = options.segmenter ?? createIntlSegmenter();
  const now = () => clock.now().toISOString();

  const visibility = async (scope: { tenantId: string; agentId: string }): Promise<Visibility> => {
    const [agent, grants, memberships] = await Promise.all([
      access.getAgent(scope),
      access.listGrants({ tenantId: scope.tenantId, granteeAgentId: scope.agentId }),
      access.listPoolMemberships({ tenantId: scope.tenantId, agentId: scope.agentId }),
    ]);
    const rules: AccessRule[] = [];
    for (const grant of grants) {
      if (grant.ownerAgentId === scope.agentId) continue;
      rules.push({
        ownerAgentId: grant.ownerAgentId,
        via: "grant",
        access: grant.access,
        grantId: grant.id,
        ...(grant.userId === undefined ? {} : { userId: grant.userId }),
        ...(grant.kinds === undefined ? {} : { kinds: grant.kinds }),
        ...(grant.tags === undefined ? {} : { tags: grant.tags }),
        ...(grant.topic === undefined ? {} : { topic: grant.topic }),
      });
    }
    if (agent?.role === "supervisor") {
      for (const worker of await access.listAgents({ tenantId: scope.tenantId, supervisorId: scope.agentId })) {
        if (worker.agentId !== scope.agentId) rules.push({ ownerAgentId: worker.agentId, via: "supervisor", access: "read" });
      }
    }
    for (const membership of memberships) {
      for (const peer of await access.listPoolMemberships({ tenantId: scope.tenantId, topic: membership.topic })) {
        if (peer.agentId !== scope.agentId) {
          rules.push({ ownerAgentId: peer.agentId, via: "pool", access: "read", topic: membership.topic });
        }
      }
    }
    // Unrestricted rules first, so a read is attributed to the broadest path that allows it.
    rules.sort((left, right) => Number(isUnrestricted(right)) - Number(isUnrestricted(left)));
    return { tenantId: scope.tenantId, agentId: scope.agentId, rules };
  };

  const audit: HubInternals["audit"] = async (seen, reads, action) => {
    const createdAt = now();
    const entries: ReadAuditEntry[] = [];
    for (const read of reads) {
      if (read.via === "own" || read.via === "shared") continue;
      entries.push({
        id: generateId(),
        tenantId: seen.tenantId,
        readerAgentId: seen.agentId,
        ownerAgentId: read.subject.agentId ?? "",
        memoryId: read.memoryId,
        ...(read.subject.userId === undefined ? {} : { userId: read.subject.userId }),
        action,
        via: read.via,
        ...(read.grantId === undefined ? {} : { grantId: read.grantId }),
        createdAt,
      });
    }
    await access.appendAudit(entries);
  };

  /** Who wrote each result (memories and raw episodes), read from the store within the tenant. */
  const subjectsOf = async (tenantId: string, results: readonly SearchResult[]): Promise<Map<string, AccessSubject>> => {
    const memoryIds = results.filter((result) => result.type !== "episode").map((result) => result.id);
    const episodeIds = results.filter((result) => result.type === "episode").map((result) => result.id);
    const [memories, episodes] = await Promise.all([
      store.getMemories({ tenantId, ids: memoryIds, withEntities: false }),
      store.getEpisodes({ tenantId, ids: episodeIds }),
    ]);
    const subjects = new Map<string, AccessSubject>();
    for (const record of memories) {
      if (record.tenantId !== tenantId) continue;
      subjects.set(`memory:${record.id}`, { agentId: record.agentId, userId: record.userId, kind: record.kind, metadata: record.metadata });
    }
    for (const episode of episodes) {
      if (episode.tenantId !== tenantId) continue;
      subjects.set(`episode:${episode.id}`, { agentId: episode.agentId, userId: episode.userId, metadata: episode.metadata });
    }
    return subjects;
  };

  const searchVisible = async (input: VisibleSearch): Promise<HubSearchResponse> => {
    const seen = await visibility({ tenantId: input.tenantId, agentId: input.agentId });
    let owners = visibleAgentIds(seen);
    if (input.action === "share") owners = owners.filter((owner) => owner !== input.agentId && owner !== "");
    if (input.owners !== undefined) {
      const wanted = input.owners;
      owners = owners.filter((owner) => wanted.includes(owner));
    }
    if (owners.length === 0) return { results: [], tokens: 0, query: { questionType: "other", entities: [] } };
    const restricted = seen.rules.some((rule) => owners.includes(rule.ownerAgentId) && !isUnrestricted(rule));
    const fetchCount = restricted || input.action === "share" ? Math.min(200, Math.max(50, input.topK * 5)) : input.topK;
    const filters = { ...(input.filters ?? {}), ...(input.kinds === undefined ? {} : { kinds: [...input.kinds] }) };
    const response = await memory.search(input.query, {
      tenantId: input.tenantId,
      topK: fetchCount,
      visibleAgentIds: owners.slice(0, 1000),
      ...(input.userId === undefined ? {} : { userId: input.userId }),
      ...(input.sessionId === undefined ? {} : { sessionId: input.sessionId }),
      ...(Object.keys(filters).length === 0 ? {} : { filters }),
      ...(input.asOf === undefined ? {} : { asOf: input.asOf }),
      ...(input.includeHistory === undefined ? {} : { includeHistory: input.includeHistory }),
    });
    const subjects = await subjectsOf(input.tenantId, response.results);
    const terms = input.action === "share" ? taskTerms({ text: input.query, segmenter }) : [];
    const kept: Array<{ result: HubSearchResult; subject: AccessSubject; grantId?: string | undefined }> = [];
    for (const result of response.results) {
      if (kept.length >= input.topK) break;
      const subject = subjects.get(`${result.type === "episode" ? "episode" : "memory"}:${result.id}`);
      if (subject === undefined) continue;
      if (input.userId !== undefined && subject.userId !== input.userId) continue;
      if (!owners.includes(subject.agentId ?? "")) continue;
      const path = readAccess(seen, subject);
      if (path === undefined) continue;
      if (input.action === "share") {
        if (path.via === "own" || path.via === "shared") continue;
        const close = result.why.some((reason) => reason.channel === "vector" && reason.score >= shareVectorFloor);
        if (!close && !sharesTaskTerm({ text: result.memory, terms, segmenter })) continue;
      }
      kept.push({ result: { ...result, agentId: subject.agentId ?? null, via: path.via }, subject, grantId: path.grantId });
    }
    await audit(
      seen,
      kept.map((item) => ({ memoryId: item.result.id, subject: item.subject, via: item.result.via, grantId: item.grantId })),
      input.action,
    );
    const results = kept.map((item) => item.result);
    return { ...response, results, tokens: results.reduce((sum, result) => sum + countTokens(result.memory), 0) };
  };

  const internals: HubInternals = { memory, store, visibility, searchVisible, audit };

  return {
    async registerAgent(input) {
      const parsed = parseInput({ schema: registerAgentInputSchema, value: input, label: "agent" });
      if (parsed.supervisorId !== undefined) {
        const supervisor = await access.getAgent({ tenantId: parsed.tenantId, agentId: parsed.supervisorId });
        if (parsed.supervisorId === parsed.agentId || supervisor?.role !== "supervisor") {
          throw new MnemoError({
            code: "INPUT_INVALID",
            message: `Supervisor ${parsed.supervisorId} must be another agent registered with role "supervisor".`,
            details: { supervisorId: parsed.supervisorId },
          });
        }
      }
      const existing = await access.getAgent({ tenantId: parsed.tenantId, agentId: parsed.agentId });
      const timestamp = now();
      return access.upsertAgent({
        tenantId: parsed.tenantId,
        agentId: parsed.agentId,
        role: parsed.role,
        ...(parsed.supervisorId === undefined ? {} : { supervisorId: parsed.supervisorId }),
        createdAt: existing?.createdAt ?? timestamp,
        updatedAt: timestamp,
      });
    },

    async listAgents(listOptions) {
      return access.listAgents({ tenantId: listOptions.tenantId });
    },

    async grant(input) {
      const parsed = parseInput({ schema: grantInputSchema, value: input, label: "grant" });
      if (parsed.ownerAgentId === parsed.granteeAgentId) {
        throw new MnemoError({ code: "INPUT_INVALID", message: "An agent cannot grant access to itself." });
      }
      const grant: GrantRecord = {
        id: generateId(),
        tenantId: parsed.tenantId,
        ownerAgentId: parsed.ownerAgentId,
        granteeAgentId: parsed.granteeAgentId,
        access: parsed.access ?? "read",
        ...(parsed.userId === undefined ? {} : { userId: parsed.userId }),
        ...(parsed.kinds === undefined ? {} : { kinds: [...new Set(parsed.kinds)] }),
        ...(parsed.tags === undefined ? {} : { tags: [...new Set(parsed.tags)] }),
        ...(parsed.topic === undefined ? {} : { topic: parsed.topic }),
        createdAt: now(),
      };
      await access.insertGrant(grant);
      return grant;
    },

    async revokeGrant(input) {
      const parsed = parseInput({ schema: revokeGrantInputSchema, value: input, label: "revoke grant" });
      const grant = await access.getGrant({ tenantId: parsed.tenantId, id: parsed.grantId });
      if (grant === undefined) return undefined;
      if (parsed.agentId !== undefined && grant.ownerAgentId !== parsed.agentId && grant.granteeAgentId !== parsed.agentId)
        return undefined;
      return access.revokeGrant({ tenantId: parsed.tenantId, id: parsed.grantId, revokedAt: now() });
    },

    async listGrants(input) {
      const parsed = parseInput({ schema: listGrantsInputSchema, value: input, label: "grants query" });
      return access.listGrants({
        tenantId: parsed.tenantId,
        ...(parsed.agentId === undefined ? {} : { agentId: parsed.agentId }),
        ...(parsed.includeRevoked === undefined ? {} : { includeRevoked: parsed.includeRevoked }),
      });
    },

    async joinPool(input) {
      const parsed = parseInput({ schema: poolInputSchema, value: input, label: "pool membership" });
      return access.joinPool({ ...parsed, joinedAt: now() });
    },

    async leavePool(input) {
      const parsed = parseInput({ schema: poolInputSchema, value: input, label: "pool membership" });
      return access.leavePool(parsed);
    },

    async listPools(input) {
      const parsed = parseInput({ schema: listPoolsInputSchema, value: input, label: "pools query" });
      return access.listPoolMemberships({
        tenantId: parsed.tenantId,
        ...(parsed.topic === undefined ? {} : { topic: parsed.topic }),
        ...(parsed.agentId === undefined ? {} : { agentId: parsed.agentId }),
      });
    },

    visibility,

    async search(input) {
      const parsed = parseInput({ schema: hubSearchInputSchema, value: input, label: "hub search" });
      return searchVisible({
        tenantId: parsed.tenantId,
        agentId: parsed.agentId,
        userId: parsed.userId,
        query: parsed.query,
        topK: parsed.topK ?? 10,
        kinds: parsed.kinds,
        action: "search",
      });
    },

    async shareForTask(input) {
      const parsed = parseInput({ schema: shareForTaskInputSchema, value: input, label: "share for task" });
      return searchVisible({
        tenantId: parsed.tenantId,
        agentId: parsed.agentId,
        userId: parsed.userId,
        query: parsed.task,
        topK: parsed.topK ?? 5,
        action: "share",
      });
    },

    async add(input) {
      const parsed = parseInput({ schema: hubAddInputSchema, value: input, label: "hub add" });
      const owner = parsed.ownerAgentId ?? parsed.agentId;
      const seen = await visibility({ tenantId: parsed.tenantId, agentId: parsed.agentId });
      if (owner !== parsed.agentId) {
        const rule = writeRuleFor(seen, { ownerAgentId: owner, userId: parsed.userId, metadata: parsed.metadata ?? {} });
        if (rule === undefined) {
          throw new MnemoError({
            code: "INPUT_INVALID",
            message: `Agent ${parsed.agentId} holds no write grant from ${owner} covering this write (user and tags).`,
            details: { reason: "WRITE_GRANT_REQUIRED", ownerAgentId: owner },
          });
        }
      }
      const result = await memory.add(parsed.messages ?? parsed.text ?? "", {
        tenantId: parsed.tenantId,
        agentId: owner,
        actor: parsed.agentId,
        ...(parsed.userId === undefined ? {} : { userId: parsed.userId }),
        ...(parsed.sessionId === undefined ? {} : { sessionId: parsed.sessionId }),
        ...(parsed.metadata === undefined ? {} : { metadata: parsed.metadata }),
        ...(parsed.timestamp === undefined ? {} : { timestamp: parsed.timestamp }),
        ...(parsed.infer === undefined ? {} : { infer: parsed.infer }),
      });
      if (parsed.userId === undefined) return { ...result, conflicts: [] };
      const userId = parsed.userId;
      // What the write said: new memories, and those it merged into (a repeated recommendation is checked again).
      const newIds = [
        ...new Set(
          result.results.filter((item) => item.event === "ADD" || item.event === "UPDATE" || item.event === "NONE").map((item) => item.id),
        ),
      ];
      const added = await store.getMemories({ tenantId: parsed.tenantId, ids: newIds, withEntities: false });
      if (added.length === 0) return { ...result, conflicts: [] };

      // What the writer can see from others about the user: the newest memories, plus a recall on each new text.
      const owners = visibleAgentIds(seen).filter((candidate) => candidate !== parsed.agentId);
      const candidates = new Map<string, ConflictSubject & { subject: AccessSubject }>();
      const consider = (record: {
        id: string;
        agentId?: string | undefined;
        userId?: string | undefined;
        text: string;
        kind: MemoryKind;
        metadata: Record<string, unknown>;
        createdAt: string;
        validFrom?: string | undefined;
      }) => {
        if (newIds.includes(record.id) || record.userId !== userId || candidates.has(record.id)) return;
        const subject: AccessSubject = { agentId: record.agentId, userId: record.userId, kind: record.kind, metadata: record.metadata };
        if (readAccess(seen, subject) === undefined) return;
        candidates.set(record.id, {
          id: record.id,
          agentId: record.agentId,
          text: record.text,
          kind: record.kind,
          createdAt: saidAt(record),
          subject,
        });
      };
      if (owners.length > 0) {
        const scope = { tenantId: parsed.tenantId, userId, visibleAgentIds: owners.slice(0, 1000) };
        const page = await memory.getAll({ ...scope, limit: conflictScanLimit });
        for (const view of page.results) consider({ ...view, text: view.memory });
        const recalled = new Set<string>();
        for (const record of added) {
          const { results } = await memory.search(record.text, { ...scope, topK: 20 });
          for (const hit of results) if (hit.type !== "episode" && !candidates.has(hit.id)) recalled.add(hit.id);
        }
        for (const record of await store.getMemories({ tenantId: parsed.tenantId, ids: [...recalled], withEntities: false })) {
          if (record.tenantId === parsed.tenantId && record.status === "active") consider(record);
        }
      }
      const conflicts = detectConflicts({
        added: added.map((record) => ({
          id: record.id,
          agentId: record.agentId,
          text: record.text,
          kind: record.kind,
          createdAt: saidAt(record),
        })),
        others: [...candidates.values()],
      });
      const revealed = [...new Set(conflicts.map((conflict) => conflict.memoryId))].flatMap((id) => {
        const candidate = candidates.get(id);
        const path = candidate === undefined ? undefined : readAccess(seen, candidate.subject);
        return candidate === undefined || path === undefined
          ? []
          : [{ memoryId: id, subject: candidate.subject, via: path.via, grantId: path.grantId }];
      });
      await audit(seen, revealed, "conflict-check");
      return { ...result, conflicts };
    },

    async auditLog(input) {
      const parsed = parseInput({ schema: auditLogInputSchema, value: input, label: "audit query" });
      return access.listAudit({
        tenantId: parsed.tenantId,
        limit: parsed.limit ?? 1_000,
        ...(parsed.agentId === undefined ? {} : { agentId: parsed.agentId }),
        ...(parsed.since === undefined ? {} : { since: new Date(parsed.since).toISOString() }),
      });
    },

    memoryFor(scope) {
      return createAgentMemory(internals, scope);
    },
  };
}
