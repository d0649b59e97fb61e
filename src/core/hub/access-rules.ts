import type { MemoryKind } from "../domain/memory-record.js";
import type { AccessPath, GrantAccess } from "./access-records.js";

/**
 * One way a reader may see another agent's memories: a grant (possibly a subset), supervision of a worker,
 * or a shared topic pool (memories tagged with the topic).
 */
export interface AccessRule {
  ownerAgentId: string;
  via: AccessPath;
  access: GrantAccess;
  grantId?: string;
  userId?: string;
  kinds?: readonly MemoryKind[];
  tags?: readonly string[];
  topic?: string;
}

/** What an agent can see: its own memories, the user-level shared ones ("") and the rules' subsets. */
export interface Visibility {
  tenantId: string;
  agentId: string;
  rules: readonly AccessRule[];
}

/** How a reader came to see a memory. */
export type ReadPath = "own" | "shared" | AccessPath;

/** The fields of a memory (or a raw episode: no kind) that access rules look at. */
export interface AccessSubject {
  agentId?: string | undefined;
  userId?: string | undefined;
  /** `undefined` for a raw episode: rules restricted to kinds do not cover episodes. */
  kind?: MemoryKind | undefined;
  metadata: Record<string, unknown>;
}

/**
 * Tags of a memory: its metadata `tags` array (strings) plus a metadata `topic` string.
 *
 * @example
 * memoryTags({ tags: ["diet", 3], topic: "travel" }); // ["diet", "travel"]
 */
export function memoryTags(metadata: Record<string, unknown>): string[] {
  const tags = Array.isArray(metadata.tags) ? metadata.tags.filter((tag): tag is string => typeof tag === "string") : [];
  return typeof metadata.topic === "string" ? [...tags, metadata.topic] : tags;
}

/** Does a rule place no restriction on the owner's memories? */
export function isUnrestricted(rule: AccessRule): boolean {
  return rule.userId === undefined && rule.kinds === undefined && rule.tags === undefined && rule.topic === undefined;
}

/**
 * Does the rule cover this memory (every criterion it names holds)?
 *
 * @example
 * ruleCovers({ ownerAgentId: "a", via: "pool", access: "read", topic: "travel" }, { agentId: "a", metadata: { tags: ["travel"] } }); // true
 */
export function ruleCovers(rule: AccessRule, subject: AccessSubject): boolean {
  if ((subject.agentId ?? "") !== rule.ownerAgentId) return false;
  if (rule.userId !== undefined && subject.userId !== rule.userId) return false;
  if (rule.kinds !== undefined && (subject.kind === undefined || !rule.kinds.includes(subject.kind))) return false;
  if (rule.tags !== undefined || rule.topic !== undefined) {
    const tags = memoryTags(subject.metadata);
    if (rule.tags !== undefined && !rule.tags.some((tag) => tags.includes(tag))) return false;
    if (rule.topic !== undefined && !tags.includes(rule.topic)) return false;
  }
  return true;
}

/**
 * How the agent may read the memory, or `undefined` when it may not.
 *
 * @example
 * readAccess(visibility, { agentId: "worker-1", userId: "u1", kind: "fact", metadata: {} }); // { via: "supervisor" }
 */
export function readAccess(visibility: Visibility, subject: AccessSubject): { via: ReadPath; grantId?: string } | undefined {
  const owner = subject.agentId ?? "";
  if (owner === visibility.agentId) return { via: "own" };
  if (owner === "") return { via: "shared" };
  const rule = visibility.rules.find((candidate) => ruleCovers(candidate, subject));
  if (rule === undefined) return undefined;
  return rule.grantId === undefined ? { via: rule.via } : { via: rule.via, grantId: rule.grantId };
}

/**
 * May the agent change (update, delete) the memory? Its own, or one a write grant covers; never a shared one.
 *
 * @example
 * canWrite(visibility, { agentId: visibility.agentId, metadata: {} }); // true
 */
export function canWrite(visibility: Visibility, subject: AccessSubject): boolean {
  const owner = subject.agentId ?? "";
  if (owner === visibility.agentId) return true;
  if (owner === "") return false;
  return visibility.rules.some((rule) => rule.access === "write" && ruleCovers(rule, subject));
}

/**
 * The write grant letting the agent add memories into `ownerAgentId`'s space about `userId` with these tags
 * (kinds are not known before the write, so a kind-restricted grant does not allow writes).
 *
 * @example
 * writeRuleFor(visibility, { ownerAgentId: "consulting", userId: "u1", metadata: { tags: ["diet"] } });
 */
export function writeRuleFor(
  visibility: Visibility,
  target: { ownerAgentId: string; userId?: string | undefined; metadata: Record<string, unknown> },
): AccessRule | undefined {
  return visibility.rules.find(
    (rule) =>
      rule.access === "write" &&
      rule.via === "grant" &&
      rule.kinds === undefined &&
      ruleCovers(rule, { agentId: target.ownerAgentId, userId: target.userId, metadata: target.metadata }),
  );
}

/**
 * The agents whose memories may be visible (own first, then "" for shared, then the rules' owners), for the
 * store's `visibleAgentIds` filter. Rules with criteria still need {@link readAccess} on each result.
 *
 * @example
 * visibleAgentIds(visibility); // ["lead", "", "worker-1", "worker-2"]
 */
export function visibleAgentIds(visibility: Visibility): string[] {
  const owners = [visibility.agentId, ""];
  for (const rule of visibility.rules) if (!owners.includes(rule.ownerAgentId)) owners.push(rule.ownerAgentId);
  return owners;
}
