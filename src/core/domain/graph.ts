/** Entity types Mnemo recognises (an allowlist: nothing user-supplied becomes a type). */
export const entityTypes = ["person", "place", "organization", "product", "pet", "date", "activity", "concept", "other"] as const;
export type EntityType = (typeof entityTypes)[number];

/**
 * A named thing in a scope, with aliases ("my sister Anna" and "Anna" are one entity).
 *
 * @example
 * const anna: Entity = { id: "…", tenantId: "default", userId: "u1", name: "Anna", type: "person", aliases: ["my sister"] };
 */
export interface Entity {
  id: string;
  tenantId: string;
  userId?: string;
  agentId?: string;
  name: string;
  type: EntityType;
  aliases: string[];
}

/**
 * A typed edge between two entities (or an entity and a literal value), valid over a window.
 *
 * @example
 * const livesIn: Relation = { id: "…", tenantId: "default", subjectId: user.id, predicate: "lives_in", objectId: lisbon.id, … };
 */
export interface Relation {
  id: string;
  tenantId: string;
  userId?: string;
  agentId?: string;
  subjectId: string;
  predicate: string;
  /** Narrows an attribute-like predicate: "colour" for a favourite colour, "sister" for a family member. */
  qualifier?: string;
  objectId?: string;
  objectValue?: string;
  validFrom?: string;
  validTo?: string;
  memoryId?: string;
  sourceEpisodeIds: string[];
}

/** Relation predicates Mnemo extracts (an allowlist). */
export const relationPredicates = [
  "lives_in",
  "works_at",
  "studies_at",
  "likes",
  "dislikes",
  "allergic_to",
  "family_member",
  "friend_of",
  "has_pet",
  "owns",
  "visited",
  "does_activity",
  "plans",
  "favourite",
  "mentions",
] as const;
export type RelationPredicate = (typeof relationPredicates)[number];

/**
 * Predicates that hold one value at a time for a subject (and qualifier): a new value supersedes the old
 * one ("lives in Lisbon" → "lives in Porto"; favourite colour blue → green).
 */
export const singleValuedPredicates: ReadonlySet<string> = new Set(["lives_in", "works_at", "studies_at", "favourite"]);
