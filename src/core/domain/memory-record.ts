/** Kinds of memory. */
export const memoryKinds = ["fact", "preference", "event", "plan", "profile", "procedure", "summary"] as const;
export type MemoryKind = (typeof memoryKinds)[number];

/** Lifecycle states of a memory. Reads return `active` ones unless told otherwise. */
export const memoryStatuses = ["active", "superseded", "dormant", "deleted"] as const;
export type MemoryStatus = (typeof memoryStatuses)[number];

/** Who produced the content a memory came from. */
export const provenanceSourceTypes = ["user", "agent", "tool", "document", "system"] as const;
export type ProvenanceSourceType = (typeof provenanceSourceTypes)[number];

/** How far a memory may be trusted as a fact. */
export const trustLevels = ["high", "medium", "low"] as const;
export type TrustLevel = (typeof trustLevels)[number];

/**
 * A memory: a statement derived from one or more episodes, with provenance and a validity window.
 *
 * @example
 * const memory: MemoryRecord = { id: "…", text: "I moved to Lisbon", kind: "event", status: "active", … };
 */
export interface MemoryRecord {
  id: string;
  tenantId: string;
  userId?: string;
  agentId?: string;
  sessionId?: string;
  text: string;
  kind: MemoryKind;
  language: string;
  /** Ids of the episodes this memory was derived from. */
  sourceEpisodeIds: string[];
  /** The callers' external ids of those episodes (where given). */
  sources: string[];
  /** Names of the entities the memory mentions. */
  entities: string[];
  /** Who said the episodes it came from (derived from the episodes). */
  speakers: string[];
  validFrom?: string;
  validTo?: string;
  /** Resolved event time range, when the memory talks about a dated event. */
  eventStart?: string;
  eventEnd?: string;
  importance: number;
  emotionScore: number;
  emotionIntensity: number;
  strength: number;
  accessCount: number;
  lastAccessedAt?: string;
  status: MemoryStatus;
  sourceType: ProvenanceSourceType;
  trust: TrustLevel;
  version: number;
  metadata: Record<string, unknown>;
  /**
   * The memory is the message itself, stored without inference (`infer: false`): it and its episode are one
   * text, so recall counts the turn's rank for the memory.
   */
  verbatim?: boolean;
  contentHash: string;
  supersededBy?: string;
  createdAt: string;
  updatedAt: string;
}

/** The stored fields of a memory (sources, entity names and speakers are derived from links when read). */
export type StoredMemoryFields = Omit<MemoryRecord, "sources" | "entities" | "speakers">;
