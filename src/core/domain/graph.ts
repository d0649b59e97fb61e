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
  objectId?: string;
  objectValue?: string;
  validFrom?: string;
  validTo?: string;
  memoryId?: string;
  sourceEpisodeIds: string[];
}
