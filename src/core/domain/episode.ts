/** Where an episode came from. */
export type EpisodeSourceType = "message" | "document";

/**
 * An immutable raw input: one message (with role and speaker) or one document chunk.
 *
 * @example
 * const episode: Episode = { id: "…", tenantId: "default", userId: "u1", sourceType: "message", role: "user",
 *   content: "I moved to Lisbon", language: "en", occurredAt: "2024-05-08T13:56:00.000Z", … };
 */
export interface Episode {
  id: string;
  tenantId: string;
  userId?: string;
  agentId?: string;
  sessionId?: string;
  sourceType: EpisodeSourceType;
  role?: string;
  speaker?: string;
  content: string;
  language: string;
  /** The caller's own id (for example a dataset turn id), cited in search results. */
  externalId?: string;
  /** Event time: the caller's timestamp, or the time of recording. ISO 8601. */
  occurredAt: string;
  /** When Mnemo stored it. ISO 8601. */
  recordedAt: string;
  metadata: Record<string, unknown>;
  emotionScore: number;
  emotionIntensity: number;
  contentHash: string;
}
