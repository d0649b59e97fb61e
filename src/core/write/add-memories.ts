import type { Episode } from "../domain/episode.js";
import type { Entity } from "../domain/graph.js";
import type { ProvenanceSourceType, StoredMemoryFields, TrustLevel } from "../domain/memory-record.js";
import { type Scope, scopeOf } from "../domain/scope.js";
import type { CompiledVocabulary } from "../domain-packs/index.js";
import type { EngineContext } from "../engine/engine-context.js";
import { MnemoError } from "../errors.js";
import { understandWithModel } from "../extract/model-understanding.js";
import type { AddOptions, MessageInput } from "../schemas/add-input.js";
import { contentHash } from "../text/content-hash.js";
import { keywordIndexText, keywordTokens } from "../text/keywords.js";
import { stopWords } from "../text/stop-words.js";
import { detectLanguage, scoreEmotion } from "../understand/index.js";
import type { MemoryCandidate } from "./candidate.js";
import { applyRelations, findDuplicate, nearDuplicateProbe, resolveEntities } from "./consolidate.js";
import { extractCandidates } from "./extract-candidates.js";

/** What happened to one memory during `add`. */
export interface AddResultItem {
  id: string;
  memory: string;
  /** mem0's events, plus SUPERSEDE: a contradicted memory kept as history (its `validTo` set). */
  event: "ADD" | "UPDATE" | "DELETE" | "NONE" | "SUPERSEDE";
  /** For SUPERSEDE: the memory that is current now. */
  supersededBy?: string;
}

/** Result of `add`. */
export interface AddResult {
  results: AddResultItem[];
  episodes: Array<{ id: string; externalId?: string }>;
}

const roleSourceTypes: Record<MessageInput["role"], ProvenanceSourceType> = {
  user: "user",
  assistant: "agent",
  tool: "tool",
  system: "system",
};

const trustBySourceType: Record<ProvenanceSourceType, TrustLevel> = {
  user: "high",
  system: "high",
  document: "medium",
  tool: "medium",
  agent: "medium",
};

/**
 * The understanding step: with a language model configured, one structured call for the batch; when the model
 * fails (after the adapter's repairs and retries) or returns nothing usable, the offline path. Never fails the
 * write because of the model.
 */
async function understand(
  context: EngineContext,
  input: { episodes: readonly Episode[]; infer: boolean; vocabulary: CompiledVocabulary | undefined },
): Promise<MemoryCandidate[]> {
  const offline = () =>
    extractCandidates({
      episodes: input.episodes,
      infer: input.infer,
      tag: (text) => context.segmenter.tag(text),
      ...(input.vocabulary === undefined ? {} : { vocabulary: input.vocabulary }),
    });
  if (!input.infer || context.languageModel === undefined) return offline();
  const usage = context.modelUsage;
  usage.calls += 1;
  try {
    const result = await understandWithModel({ languageModel: context.languageModel, episodes: input.episodes });
    usage.inputTokens += result.usage.inputTokens;
    usage.outputTokens += result.usage.outputTokens;
    usage.latencyMs += result.latencyMs;
    return result.candidates;
  } catch (error) {
    usage.failures += 1;
    usage.fallbacks += 1;
    context.logger.warn({ code: MnemoError.isInstance(error) ? error.code : "INTERNAL" }, "model-understanding-failed-fallback-offline");
    return offline();
  }
}

/** Scope of a write; at least one of userId, agentId, sessionId is required. */
export function writeScope(options: {
  tenantId?: string | undefined;
  userId?: string | undefined;
  agentId?: string | undefined;
  sessionId?: string | undefined;
}): Scope {
  if (options.userId === undefined && options.agentId === undefined && options.sessionId === undefined) {
    throw new MnemoError({ code: "SCOPE_REQUIRED", message: "Give at least one of userId, agentId or sessionId." });
  }
  return scopeOf(options);
}

/**
 * The write path: messages become immutable episodes, episodes become memory candidates, candidates are
 * embedded, then everything lands in one store transaction (exact duplicates merge into the older memory).
 * Once this resolves, `search` sees the write.
 *
 * @example
 * await addMemories(context, { messages: [{ role: "user", content: "I moved to Lisbon" }], options: { userId: "u1" } });
 */
export async function addMemories(
  context: EngineContext,
  input: { messages: readonly MessageInput[]; options: Omit<AddOptions, "infer"> & { infer: boolean } },
): Promise<AddResult> {
  const { options } = input;
  const scope = writeScope(options);
  const now = context.clock.now().toISOString();
  const actor = options.actor ?? options.userId ?? options.agentId ?? "system";

  const vocabulary = context.vocabularyFor(scope.tenantId);
  const emotionTerms = vocabulary?.emotionTerms();
  const episodes: Episode[] = input.messages.map((message) => {
    const occurredAt = new Date(message.timestamp ?? options.timestamp ?? now).toISOString();
    const emotion = scoreEmotion({ text: message.content, ...(emotionTerms === undefined ? {} : { extraTerms: emotionTerms }) });
    const metadata: Record<string, unknown> = { ...(options.metadata ?? {}) };
    if (message.imageCaption !== undefined) metadata.imageCaption = message.imageCaption;
    return {
      id: context.generateId(),
      ...scope,
      sourceType: options.sourceType === "document" ? "document" : "message",
      role: message.role,
      ...(message.name === undefined ? {} : { speaker: message.name }),
      content: message.content,
      language: detectLanguage(message.content),
      ...(message.id === undefined ? {} : { externalId: message.id }),
      occurredAt,
      recordedAt: now,
      metadata,
      emotionScore: emotion.score,
      emotionIntensity: emotion.intensity,
      contentHash: contentHash(message.content),
    };
  });

  const candidates = await understand(context, { episodes, infer: options.infer, vocabulary });
  // Keywords see the speakers' names and image captions; vectors see the statement and captions only (a name
  // alone would dominate the vector of a short or Chinese statement).
  const embeddingTexts: string[] = [];
  const indexTexts = candidates.map((candidate) => {
    const sources = candidate.episodeIndexes.map((index) => episodes[index]).filter((episode) => episode !== undefined);
    const speakers = sources.flatMap((episode) => (episode.speaker === undefined ? [] : [episode.speaker]));
    const captions = sources.flatMap((episode) =>
      typeof episode.metadata.imageCaption === "string" ? [episode.metadata.imageCaption] : [],
    );
    embeddingTexts.push([candidate.text, ...captions].join(" "));
    return [...new Set(speakers), candidate.text, ...captions].join(" ");
  });
  const { embeddings } = candidates.length === 0 ? { embeddings: [] } : await context.embedder.embed({ values: embeddingTexts });

  return context.store.transaction(async (writer) => {
    // A reply means little without the turn it answers ("It was awesome!" after "How was the camping
    // trip?"): the previous turn's words (from this batch, or the session's latest stored turn) are indexed
    // with it.
    const earlier = scope.sessionId === undefined ? undefined : await writer.latestEpisode({ scope });
    for (const [position, episode] of episodes.entries()) {
      const previous = position === 0 ? earlier : episodes[position - 1];
      await writer.insertEpisode(episode, {
        keywordText: keywordIndexText({
          text: [episode.speaker ?? "", episode.content, String(episode.metadata.imageCaption ?? "")].join(" "),
          segmenter: context.segmenter,
        }),
        ...(previous === undefined ? {} : { contextText: keywordIndexText({ text: previous.content, segmenter: context.segmenter }) }),
      });
    }
    const results: AddResultItem[] = [];
    const { sessionId: _sessionId, ...ownerScope } = scope;
    for (const [index, candidate] of candidates.entries()) {
      const sourceEpisodes = candidate.episodeIndexes.map((position) => episodes[position]).filter((episode) => episode !== undefined);
      const sourceEpisodeIds = sourceEpisodes.map((episode) => episode.id);
      const hash = contentHash(candidate.text);
      const embedding = embeddings[index] ?? new Float32Array(context.embedder.dimensions);
      if (options.infer) {
        const existing = await findDuplicate({
          writer,
          scope: ownerScope,
          contentHash: hash,
          matchExpression: nearDuplicateProbe(
            keywordTokens({ text: candidate.text, segmenter: context.segmenter }).filter(
              (token) => !stopWords.has(token) && token !== candidate.subjectName?.toLowerCase(),
            ),
          ),
          text: candidate.text,
        });
        if (existing !== undefined) {
          await writer.updateMemory({
            tenantId: scope.tenantId,
            id: existing.id,
            changes: { strength: existing.strength + 1, updatedAt: now },
            addSourceEpisodeIds: sourceEpisodeIds,
          });
          await writer.appendHistory({
            id: context.generateId(),
            tenantId: scope.tenantId,
            memoryId: existing.id,
            event: "NONE",
            beforeText: existing.text,
            afterText: existing.text,
            beforeHash: existing.contentHash,
            afterHash: existing.contentHash,
            actor,
            reason: existing.contentHash === hash ? "duplicate merged" : `near-duplicate merged: ${candidate.text}`,
            createdAt: now,
          });
          results.push({ id: existing.id, memory: existing.text, event: "NONE" });
          continue;
        }
      }
      const entities = options.infer ? await resolveEntities({ writer, context, scope: ownerScope, candidate }) : new Map<string, Entity>();
      const firstSource = sourceEpisodes[0];
      const sourceType: ProvenanceSourceType =
        options.sourceType ?? (firstSource?.role === undefined ? "user" : roleSourceTypes[firstSource.role as MessageInput["role"]]);
      const memory: StoredMemoryFields = {
        id: context.generateId(),
        ...scope,
        text: candidate.text,
        kind: candidate.kind,
        language: candidate.language,
        sourceEpisodeIds,
        validFrom: firstSource?.occurredAt ?? now,
        ...(candidate.eventStart === undefined ? {} : { eventStart: candidate.eventStart }),
        ...(candidate.eventEnd === undefined ? {} : { eventEnd: candidate.eventEnd }),
        importance: candidate.importance,
        emotionScore: candidate.emotionScore,
        emotionIntensity: candidate.emotionIntensity,
        strength: 1,
        accessCount: 0,
        status: "active",
        sourceType,
        trust: trustBySourceType[sourceType],
        version: 1,
        metadata: { ...(options.metadata ?? {}) },
        contentHash: hash,
        ...(candidate.verbatim === true ? { verbatim: true } : {}),
        createdAt: now,
        updatedAt: now,
      };
      await writer.insertMemory({
        memory,
        entityIds: [...new Set([...entities.values()].map((entity) => entity.id))],
        keywordText: keywordIndexText({
          text: [indexTexts[index] ?? candidate.text, ...[...entities.values()].flatMap((entity) => entity.aliases)].join(" "),
          segmenter: context.segmenter,
        }),
        embedding,
      });
      await writer.appendHistory({
        id: context.generateId(),
        tenantId: scope.tenantId,
        memoryId: memory.id,
        event: "ADD",
        afterText: memory.text,
        afterHash: hash,
        actor,
        createdAt: now,
      });
      results.push({ id: memory.id, memory: memory.text, event: "ADD" });
      if (!options.infer) continue;
      const supersessions = await applyRelations({ writer, context, scope: ownerScope, candidate, entities, memory });
      for (const supersession of supersessions) {
        const replaced = supersession.supersededId === memory.id ? { ...memory, sources: [], entities: [] } : supersession.memory;
        const current = supersession.currentId === memory.id ? memory : supersession.memory;
        const validTo = supersession.supersededId === memory.id ? (supersession.memory.validFrom ?? now) : (memory.validFrom ?? now);
        await writer.updateMemory({
          tenantId: scope.tenantId,
          id: replaced.id,
          changes: { status: "superseded", validTo, supersededBy: current.id, updatedAt: now },
        });
        await writer.appendHistory({
          id: context.generateId(),
          tenantId: scope.tenantId,
          memoryId: replaced.id,
          event: "SUPERSEDE",
          beforeText: replaced.text,
          afterText: current.text,
          beforeHash: replaced.contentHash,
          afterHash: current.contentHash,
          actor,
          reason: `superseded by ${current.id}`,
          createdAt: now,
        });
        results.push({ id: replaced.id, memory: replaced.text, event: "SUPERSEDE", supersededBy: current.id });
      }
    }
    context.logger.debug({ episodes: episodes.length, memories: results.length }, "memories-added");
    return {
      results,
      episodes: episodes.map((episode) => ({
        id: episode.id,
        ...(episode.externalId === undefined ? {} : { externalId: episode.externalId }),
      })),
    };
  });
}
