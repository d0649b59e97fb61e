// The cross-tenant and cross-agent matrix, shared by the library, REST and MCP tests: seeded random operations
// across 2 tenants × 3 agents × 2 users, checked against an independent model of who may see what.

/** What a surface must offer the matrix. `agentId: ""` means tenant-wide credentials (user-level shared writes). */
export interface MatrixDriver {
  /** The new memory's id and the ids of the episodes it came from (a search may return either). */
  add(input: {
    tenantId: string;
    agentId: string;
    userId: string;
    text: string;
    tags: string[];
  }): Promise<{ id: string; episodeIds: string[] }>;
  /** Ids (with authors) a search by the agent returns. */
  search(input: {
    tenantId: string;
    agentId: string;
    userId: string;
    query: string;
  }): Promise<Array<{ id: string; agentId: string | null }>>;
  /** Ids a list by the agent returns for the user. */
  list(input: { tenantId: string; agentId: string; userId: string }): Promise<string[]>;
  /** `true` when the agent can read the memory by id; `false` on not-found (any other failure throws). */
  get(input: { tenantId: string; agentId: string; id: string }): Promise<boolean>;
  /** `true` when the agent deleted the memory; `false` on not-found. */
  delete(input: { tenantId: string; agentId: string; id: string }): Promise<boolean>;
  grant(input: { tenantId: string; ownerAgentId: string; granteeAgentId: string; userId?: string; tags?: string[] }): Promise<string>;
  /** `true` when revoked; `false` on not-found (for example a grant of another tenant). */
  revoke(input: { tenantId: string; agentId: string; grantId: string }): Promise<boolean>;
  joinPool(input: { tenantId: string; topic: string; agentId: string }): Promise<void>;
  leavePool(input: { tenantId: string; topic: string; agentId: string }): Promise<void>;
}

/** Outcome of a matrix run. */
export interface MatrixReport {
  operations: number;
  /** Every read or write that crossed a boundary it should not have (must be empty). */
  leaks: string[];
  /** Reads that returned something (so the run was not vacuous). */
  visibleHits: number;
  /** Hits on memories written by another agent, through grants, supervision or pools. */
  crossAgentHits: number;
  /** Attempts on other tenants' ids (all must fail). */
  crossTenantAttempts: number;
}

export const matrixTenants = ["tenant-a", "tenant-b"] as const;
/** In each tenant: `lead` supervises `worker`; `peer` works alone. */
export const matrixAgents = ["lead", "worker", "peer"] as const;
export const matrixUsers = ["user-1", "user-2"] as const;
export const matrixTopics = ["diet", "travel"] as const;

/** Supervisor of each agent in every tenant (register these before running). */
export const matrixSupervisors: Record<string, string | undefined> = { worker: "lead" };

interface ModelMemory {
  id: string;
  episodeIds: string[];
  tenantId: string;
  agentId: string;
  userId: string;
  tags: string[];
  word: string;
  deleted: boolean;
}

interface ModelGrant {
  id: string;
  tenantId: string;
  ownerAgentId: string;
  granteeAgentId: string;
  userId?: string;
  tags?: string[];
  active: boolean;
}

/**
 * A seeded pseudo-random generator (mulberry32).
 *
 * @example
 * const random = seededRandom(42); random(); // 0.6011…
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Runs `operations` seeded random operations through the driver and reports every leak: a search, list or get
 * returning a memory the model says the agent may not see (another tenant, another user, a private memory
 * of another agent with no grant, supervision or pool), a get refusing one it may see, a delete of a memory
 * the agent may not change, or a revoke of another tenant's grant.
 *
 * @example
 * const report = await runAccessMatrix({ driver, operations: 300, seed: 7 });
 * expect(report.leaks).toEqual([]);
 */
export async function runAccessMatrix(options: { driver: MatrixDriver; operations: number; seed: number }): Promise<MatrixReport> {
  const { driver } = options;
  const random = seededRandom(options.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const memories: ModelMemory[] = [];
  const grants: ModelGrant[] = [];
  const pools = new Set<string>();
  const report: MatrixReport = { operations: 0, leaks: [], visibleHits: 0, crossAgentHits: 0, crossTenantAttempts: 0 };
  let words = 0;
  const nextWord = () => {
    words += 1;
    // Letters only, so every tokenizer keeps it as one word.
    let word = "";
    for (let value = words * 7919 + options.seed; word.length < 6 || value > 0; value = Math.floor(value / 26)) {
      word += String.fromCharCode(97 + (value % 26));
    }
    return `zq${word}`;
  };

  const inPool = (tenantId: string, topic: string, agentId: string) => pools.has(`${tenantId}|${topic}|${agentId}`);
  const mayRead = (reader: { tenantId: string; agentId: string }, memory: ModelMemory): boolean => {
    if (memory.deleted || memory.tenantId !== reader.tenantId) return false;
    if (memory.agentId === reader.agentId || memory.agentId === "") return true;
    if (reader.agentId === "") return true; // tenant-wide credentials see the whole tenant
    if (matrixSupervisors[memory.agentId] === reader.agentId) return true;
    if (
      matrixTopics.some(
        (topic) =>
          memory.tags.includes(topic) && inPool(memory.tenantId, topic, reader.agentId) && inPool(memory.tenantId, topic, memory.agentId),
      )
    ) {
      return true;
    }
    return grants.some(
      (grant) =>
        grant.active &&
        grant.tenantId === memory.tenantId &&
        grant.ownerAgentId === memory.agentId &&
        grant.granteeAgentId === reader.agentId &&
        (grant.userId === undefined || grant.userId === memory.userId) &&
        (grant.tags === undefined || grant.tags.some((tag) => memory.tags.includes(tag))),
    );
  };
  const mayDelete = (writer: { tenantId: string; agentId: string }, memory: ModelMemory): boolean =>
    !memory.deleted && memory.tenantId === writer.tenantId && (writer.agentId === "" || memory.agentId === writer.agentId);
  const leak = (text: string) => report.leaks.push(`op ${report.operations}: ${text}`);
  const live = () => memories.filter((memory) => !memory.deleted);

  for (let step = 0; step < options.operations; step += 1) {
    report.operations += 1;
    const tenantId = pick(matrixTenants);
    const agentId = random() < 0.12 ? "" : pick(matrixAgents);
    const userId = pick(matrixUsers);
    const roll = random();
    if (roll < 0.3 || live().length < 6) {
      const tags = matrixTopics.filter(() => random() < 0.4);
      const word = nextWord();
      const added = await driver.add({
        tenantId,
        agentId,
        userId,
        tags,
        text: `Note ${word} about ${tags.join(" and ") || "nothing"} for ${userId}`,
      });
      memories.push({ id: added.id, episodeIds: added.episodeIds, tenantId, agentId, userId, tags, word, deleted: false });
    } else if (roll < 0.5) {
      const target = pick(live());
      const hits = await driver.search({ tenantId, agentId, userId, query: target.word });
      for (const hit of hits) {
        const known = memories.find((memory) => memory.id === hit.id || memory.episodeIds.includes(hit.id));
        if (known === undefined) {
          leak(`search by ${tenantId}/${agentId || "*"} returned unknown id ${hit.id}`);
          continue;
        }
        if (known.userId !== userId || !mayRead({ tenantId, agentId }, known)) {
          leak(
            `search by ${tenantId}/${agentId || "*"} for ${userId} returned ${known.tenantId}/${known.agentId || "*"}/${known.userId} memory ${known.id}`,
          );
        }
        if ((hit.agentId ?? "") !== known.agentId)
          leak(`search marked memory ${known.id} as written by ${hit.agentId}, not ${known.agentId}`);
        report.visibleHits += 1;
        if (known.agentId !== agentId && known.agentId !== "") report.crossAgentHits += 1;
      }
      if (target.tenantId !== tenantId) report.crossTenantAttempts += 1;
    } else if (roll < 0.6) {
      const ids = await driver.list({ tenantId, agentId, userId });
      for (const id of ids) {
        const known = memories.find((memory) => memory.id === id);
        if (known === undefined || known.userId !== userId || !mayRead({ tenantId, agentId }, known)) {
          leak(`list by ${tenantId}/${agentId || "*"} for ${userId} returned ${id}`);
        }
        report.visibleHits += 1;
      }
      // Everything the model allows must be listed (lists are exact, unlike ranked search).
      const expected = live().filter((memory) => memory.userId === userId && mayRead({ tenantId, agentId }, memory));
      for (const memory of expected) if (!ids.includes(memory.id)) leak(`list by ${tenantId}/${agentId || "*"} missed ${memory.id}`);
    } else if (roll < 0.75) {
      const target = pick(memories);
      const allowed = mayRead({ tenantId, agentId }, target);
      const found = await driver.get({ tenantId, agentId, id: target.id });
      if (found !== allowed)
        leak(
          `get by ${tenantId}/${agentId || "*"} of ${target.tenantId}/${target.agentId || "*"} memory: ${found ? "found" : "not found"}, expected ${allowed ? "found" : "not found"}`,
        );
      if (found) report.visibleHits += 1;
      if (target.tenantId !== tenantId) report.crossTenantAttempts += 1;
    } else if (roll < 0.8) {
      const target = pick(live());
      const allowed = mayDelete({ tenantId, agentId }, target);
      const deleted = await driver.delete({ tenantId, agentId, id: target.id });
      if (deleted !== allowed)
        leak(
          `delete by ${tenantId}/${agentId || "*"} of ${target.tenantId}/${target.agentId || "*"} memory: ${deleted}, expected ${allowed}`,
        );
      if (deleted) target.deleted = true;
      if (target.tenantId !== tenantId) report.crossTenantAttempts += 1;
    } else if (roll < 0.9) {
      const owner = pick(matrixAgents);
      const grantee = pick(matrixAgents.filter((agent) => agent !== owner));
      const restrictUser = random() < 0.4 ? pick(matrixUsers) : undefined;
      const restrictTags = random() < 0.5 ? [pick(matrixTopics)] : undefined;
      const id = await driver.grant({
        tenantId,
        ownerAgentId: owner,
        granteeAgentId: grantee,
        ...(restrictUser === undefined ? {} : { userId: restrictUser }),
        ...(restrictTags === undefined ? {} : { tags: restrictTags }),
      });
      grants.push({
        id,
        tenantId,
        ownerAgentId: owner,
        granteeAgentId: grantee,
        ...(restrictUser === undefined ? {} : { userId: restrictUser }),
        ...(restrictTags === undefined ? {} : { tags: restrictTags }),
        active: true,
      });
    } else if (roll < 0.95) {
      const active = grants.filter((grant) => grant.active);
      if (active.length === 0) continue;
      const grant = pick(active);
      const revoked = await driver.revoke({ tenantId, agentId: grant.ownerAgentId, grantId: grant.id });
      const allowed = grant.tenantId === tenantId;
      if (revoked !== allowed) leak(`revoke from ${tenantId} of a ${grant.tenantId} grant: ${revoked}, expected ${allowed}`);
      if (revoked) grant.active = false;
      if (!allowed) report.crossTenantAttempts += 1;
    } else {
      const topic = pick(matrixTopics);
      const member = pick(matrixAgents);
      if (inPool(tenantId, topic, member)) {
        await driver.leavePool({ tenantId, topic, agentId: member });
        pools.delete(`${tenantId}|${topic}|${member}`);
      } else {
        await driver.joinPool({ tenantId, topic, agentId: member });
        pools.add(`${tenantId}|${topic}|${member}`);
      }
    }
  }
  return report;
}
