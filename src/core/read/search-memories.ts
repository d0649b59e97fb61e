import type { MemoryFilters } from "../../ports/store.js";
import { type Scope, scopeOf } from "../domain/scope.js";
import type { EngineContext } from "../engine/engine-context.js";
import type { SearchOptions } from "../schemas/search-input.js";
import { countTokens } from "../text/count-tokens.js";
import { keywordMatchExpression } from "../text/keywords.js";
import { fuseRankings } from "./fuse-rankings.js";
import { expandQueryTerms } from "./query-expansion.js";

/** One recalled memory. */
export interface SearchResult {
  id: string;
  memory: string;
  score: number;
  kind: string;
  status: string;
  /** External ids of the episodes the memory came from (for example dataset turn ids). */
  sources: string[];
  sourceEpisodeIds: string[];
  createdAt: string;
  validFrom?: string;
  validTo?: string;
  eventStart?: string;
  eventEnd?: string;
  metadata: Record<string, unknown>;
  /** Which channels found it, at which rank, with which channel score. */
  why: Array<{ channel: string; rank: number; score: number }>;
}

/** Result of `search`. */
export interface SearchResponse {
  results: SearchResult[];
  /** Approximate tokens of the returned texts (see `countTokens`). */
  tokens: number;
}

/**
 * Default fusion settings: channel weights, and the share of the best score a keyword or vector hit needs to
 * count as evidence.
 */
export const recallWeights = { keyword: 1, vector: 1, keywordFloor: 0.05, vectorFloor: 0.25 } as const;

/**
 * The read path: keyword (BM25) and vector channels in parallel, fused by weighted reciprocal rank, then
 * cut to `topK` and to `tokenBudget`.
 *
 * @example
 * const { results } = await searchMemories(context, { query: "Where does the user live?", options: { userId: "u1", topK: 5 } });
 */
export async function searchMemories(context: EngineContext, input: { query: string; options: SearchOptions }): Promise<SearchResponse> {
  const { options } = input;
  const topK = options.topK ?? 10;
  const scope: Scope = scopeOf(options);
  const filters: MemoryFilters = {
    ...(options.filters ?? {}),
    ...(options.includeHistory === true ? { statuses: ["active", "superseded"] } : {}),
    ...(options.asOf === undefined ? {} : { asOf: new Date(options.asOf).toISOString() }),
  };
  const candidateCount = Math.max(50, topK * 4);
  const vocabulary = context.vocabularyFor(scope.tenantId);
  const matchExpression = keywordMatchExpression({
    text: input.query,
    segmenter: context.segmenter,
    expand: (terms) => [...expandQueryTerms(terms), ...(vocabulary?.expandTerms(terms) ?? [])],
  });
  const [{ embeddings }, keywordHits] = await Promise.all([
    context.embedder.embed({ values: [input.query] }),
    context.store.searchKeyword({ scope, filters, matchExpression, limit: candidateCount }),
  ]);
  const queryVector = embeddings[0];
  const vectorHits =
    queryVector === undefined ? [] : await context.store.searchVector({ scope, filters, embedding: queryVector, limit: candidateCount });
  // BM25 hits far below the best one matched only near-ubiquitous words (a speaker's name): not evidence.
  const topKeywordScore = keywordHits[0]?.score ?? 0;
  const keywordEvidence = keywordHits.filter((hit) => hit.score >= topKeywordScore * recallWeights.keywordFloor);
  // Likewise, vectors barely more similar than noise (relative to the best hit) do not vote.
  const topVectorScore = vectorHits[0]?.score ?? 0;
  const vectorEvidence = vectorHits.filter((hit) => hit.score > 0 && hit.score >= topVectorScore * recallWeights.vectorFloor);
  const fused = fuseRankings({
    rankings: [
      { channel: "keyword", weight: recallWeights.keyword, items: keywordEvidence },
      { channel: "vector", weight: recallWeights.vector, items: vectorEvidence },
    ],
  }).slice(0, topK);
  const memories = await context.store.getMemories({ tenantId: scope.tenantId, ids: fused.map((item) => item.memoryId) });
  const byId = new Map(memories.map((memory) => [memory.id, memory]));
  const results: SearchResult[] = [];
  let tokens = 0;
  for (const item of fused) {
    const memory = byId.get(item.memoryId);
    if (memory === undefined) continue;
    const cost = countTokens(memory.text);
    if (options.tokenBudget !== undefined && tokens + cost > options.tokenBudget) {
      if (results.length > 0) break;
      continue;
    }
    tokens += cost;
    results.push({
      id: memory.id,
      memory: memory.text,
      score: Number(item.score.toFixed(6)),
      kind: memory.kind,
      status: memory.status,
      sources: memory.sources,
      sourceEpisodeIds: memory.sourceEpisodeIds,
      createdAt: memory.createdAt,
      ...(memory.validFrom === undefined ? {} : { validFrom: memory.validFrom }),
      ...(memory.validTo === undefined ? {} : { validTo: memory.validTo }),
      ...(memory.eventStart === undefined ? {} : { eventStart: memory.eventStart }),
      ...(memory.eventEnd === undefined ? {} : { eventEnd: memory.eventEnd }),
      metadata: memory.metadata,
      why: item.why,
    });
  }
  return { results, tokens };
}
