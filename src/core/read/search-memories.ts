import type { ChannelHit, MemoryFilters } from "../../ports/store.js";
import type { Episode } from "../domain/episode.js";
import type { MemoryKind, MemoryRecord } from "../domain/memory-record.js";
import { type Scope, scopeOf } from "../domain/scope.js";
import type { EngineContext } from "../engine/engine-context.js";
import type { SearchOptions } from "../schemas/search-input.js";
import { jaccard } from "../text/jaccard.js";
import { keywordQuery } from "../text/keywords.js";
import { stopWords } from "../text/stop-words.js";
import { adjustableItems } from "./adjustable-items.js";
import { analyzeQuery, type QueryAnalysis, resolveQueryTime } from "./analyze-query.js";
import { type ChannelRanking, type FusedItem, fuseRankings } from "./fuse-rankings.js";
import { liftStrongSessions } from "./lift-strong-sessions.js";
import { expandQueryTerms } from "./query-expansion.js";
import type { RecallSettings } from "./recall-settings.js";
import { resolveEventAnchor } from "./resolve-event-anchor.js";

/** One recalled item: a memory, or a raw episode (a turn or chunk) when that is what answers. */
export interface SearchResult {
  id: string;
  type: "memory" | "episode";
  /** The text to give the agent (for an episode: "Speaker: words"). */
  memory: string;
  score: number;
  kind: MemoryKind | "episode";
  status: string;
  /** External ids of the episodes it came from (for example dataset turn ids). */
  sources: string[];
  sourceEpisodeIds: string[];
  /** Who said it (the speakers of its episodes). */
  speakers: string[];
  createdAt: string;
  /** When it became true (for an episode: when it was said). */
  validFrom?: string;
  validTo?: string;
  /** The date the statement is about, resolved from its words ("yesterday" → that day). */
  eventStart?: string;
  eventEnd?: string;
  metadata: Record<string, unknown>;
  /** Which channels found it, at which rank, with which channel score. */
  why: Array<{ channel: string; rank: number; score: number }>;
}

/** Result of `search`. */
export interface SearchResponse {
  results: SearchResult[];
  /** Tokens of the returned texts (cl100k when available). */
  tokens: number;
  /** True when the repeated-question cache answered (no write touched the scope since). */
  cached?: boolean;
  /** What the read path understood of the query. */
  query: { questionType: string; entities: string[]; timeRange?: { start: string; end: string; text: string } };
}

const memoryKey = (id: string) => `memory:${id}`;
const episodeKey = (id: string) => `episode:${id}`;
const memoryItem = (hit: ChannelHit) => ({ key: memoryKey(hit.memoryId), score: hit.score });
/** How far outside a named range an item may be dated and still count as inside ("in April" said on 2 May). */
const namedSlackMs = 7 * 86_400_000;

function episodeText(episode: Episode): string {
  const shared = typeof episode.metadata.imageCaption === "string" ? `[shares ${episode.metadata.imageCaption}]` : "";
  // A turn that was only an image already carries its caption as content.
  const caption = shared === "" || episode.content.includes(shared) ? "" : ` ${shared}`;
  return `${episode.speaker ?? episode.role ?? "user"}: ${episode.content}${caption}`;
}

/** A deep copy of metadata to hand out (most records have none). */
function copyOf(metadata: Record<string, unknown>): Record<string, unknown> {
  for (const _key in metadata) return structuredClone(metadata);
  return {};
}

/** Who said a turn: its speaker, else its role. */
function speakerOf(episode: Episode): string | undefined {
  return episode.speaker ?? episode.role;
}

function wordsOf(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/\p{Script=Han}|[\p{L}\p{N}]{3,}/gu) ?? []).filter((word) => !stopWords.has(word)));
}

/**
 * The words of a memory's or turn's text, kept with the record: a store that hands out the same (frozen) record
 * again while nothing changed spares the next search the work.
 */
const recordWords = new WeakMap<object, ReadonlySet<string>>();
function wordsOfRecord(record: MemoryRecord | Episode): ReadonlySet<string> {
  let words = recordWords.get(record);
  if (words === undefined) {
    words = wordsOf("text" in record ? record.text : record.content);
    recordWords.set(record, words);
  }
  return words;
}

/**
 * Reorders in place so one topic does not fill the list: an item whose words mostly repeat an item already
 * ahead of it (Jaccard ≥ `overlap`) keeps `factor` of its score for each such item. Greedy, like maximal
 * marginal relevance. An item holding every word of the query (`queryWords`, at least two) is not demoted:
 * among memories written from one template, a search by one memory's own words used to lose it to the
 * near-duplicates ranked ahead (18 of 384 such searches missed it in the top 10; on LoCoMo's questions the
 * rule changes no top-10 list).
 */
function diversify(
  items: Array<{ score: number; memory?: MemoryRecord | undefined; episode?: Episode | undefined }>,
  options: { factor: number; overlap: number; queryWords: ReadonlySet<string> },
): void {
  if (options.factor >= 1 || items.length < 3) return;
  const queryWords = [...options.queryWords];
  /** An item holding every word of the query is what was asked for, however much it resembles one ahead. */
  const holdsQuery = (words: ReadonlySet<string>) => queryWords.length >= 2 && queryWords.every((word) => words.has(word));
  const remaining = items.map((item) => {
    const record = item.memory ?? item.episode;
    const words = record === undefined ? new Set<string>() : wordsOfRecord(record);
    return { item, words, exempt: holdsQuery(words), repeats: 0 };
  });
  items.length = 0;
  const similar = (left: ReadonlySet<string>, right: ReadonlySet<string>) => jaccard(left, right) >= options.overlap;
  while (remaining.length > 0) {
    let bestIndex = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    remaining.forEach((candidate, index) => {
      const effective = candidate.item.score * options.factor ** candidate.repeats;
      if (effective > bestScore) {
        bestScore = effective;
        bestIndex = index;
      }
    });
    const [chosen] = remaining.splice(bestIndex, 1);
    if (chosen === undefined) break;
    items.push(chosen.item);
    for (const candidate of remaining) {
      if (!candidate.exempt && similar(candidate.words, chosen.words)) candidate.repeats += 1;
    }
  }
}

/** Keep hits that are real evidence: at least `floor` of the best score. */
function evidence<T extends { score: number }>(hits: readonly T[], floor: number): T[] {
  const best = hits[0]?.score ?? 0;
  return hits.filter((hit) => hit.score > 0 && hit.score >= best * floor);
}

/** The time channel's hits, and the range it searched when an event anchor named it ("before the wedding"). */
interface TimeSearch {
  hits: ChannelHit[];
  range?: { start: string; end: string; text: string };
}

/**
 * The time channel: memories dated in the range the query names. A relative expression ("in June", "last
 * year", "two weeks ago") is read against now and, when the scope's last episode is older than a day (an
 * imported archive, a user back after a while), also against that last episode — the conversation's own
 * present. Hits of both readings alternate.
 */
async function searchQueryTime(options: {
  context: EngineContext;
  scope: Scope;
  filters: MemoryFilters;
  query: string;
  analysis: QueryAnalysis;
  limit: number;
}): Promise<TimeSearch> {
  const { context, scope, filters, analysis, limit } = options;
  if (analysis.timeRange === undefined) {
    if (analysis.eventAnchor === undefined) return { hits: [] };
    // "Before the wedding": the range comes from when the scope's memories date the wedding.
    const anchored = await resolveEventAnchor({ context, scope, filters, anchor: analysis.eventAnchor });
    if (anchored === undefined) return { hits: [] };
    const hits = await context.store.searchByTime({ scope, filters, start: anchored.start, end: anchored.end, near: anchored.near, limit });
    const { start, end, text } = anchored;
    return { hits: hits.filter((hit) => hit.memoryId !== anchored.eventMemoryId), range: { start, end, text } };
  }
  const ranges = [analysis.timeRange];
  if (filters.asOf === undefined) {
    const latest = await context.store.latestEpisode({ scope });
    const present = latest === undefined ? undefined : new Date(latest.occurredAt);
    if (present !== undefined && present.getTime() < context.clock.now().getTime() - 86_400_000) {
      const then = resolveQueryTime({ text: options.query, referenceTime: present });
      if (then !== undefined && (then.start !== analysis.timeRange.start || then.end !== analysis.timeRange.end)) ranges.push(then);
    }
  }
  const lists = await Promise.all(
    ranges.map((range) =>
      context.store.searchByTime({
        scope,
        filters,
        start: range.start,
        end: range.end,
        ...(range.near === undefined ? {} : { near: range.near }),
        limit,
      }),
    ),
  );
  const merged: ChannelHit[] = [];
  const seen = new Set<string>();
  for (let index = 0; merged.length < limit && lists.some((list) => index < list.length); index += 1) {
    for (const list of lists) {
      const hit = list[index];
      if (hit === undefined || seen.has(hit.memoryId)) continue;
      seen.add(hit.memoryId);
      merged.push(hit);
    }
  }
  return { hits: merged };
}

function usesMemoryOnlyFilters(filters: MemoryFilters): boolean {
  return filters.kinds !== undefined || filters.statuses !== undefined || filters.metadata !== undefined;
}

/**
 * The read path. Channels — keyword (BM25) over memories and over raw episodes, vector, graph (the query's
 * entities and, for multi-hop questions, their neighbours), time (the range the query names) and context
 * (turns next to strong hits) — are fused by weighted reciprocal rank, adjusted for importance, strength,
 * trust and question type, collapsed so one turn is not spent twice, then cut to `topK` and `tokenBudget`.
 *
 * @example
 * const { results } = await searchMemories(context, { query: "Where does the user live?", options: { userId: "u1", topK: 5 } });
 */
export async function searchMemories(
  context: EngineContext,
  input: { query: string; options: SearchOptions; settings?: RecallSettings },
): Promise<SearchResponse> {
  const settings = input.settings ?? context.recallSettings;
  const { options } = input;
  const topK = options.topK ?? 10;
  const scope: Scope = scopeOf(options);
  const filters: MemoryFilters = {
    ...(options.filters ?? {}),
    ...(options.includeHistory === true ? { statuses: ["active", "superseded"] } : {}),
    ...(options.asOf === undefined ? {} : { asOf: new Date(options.asOf).toISOString() }),
  };
  const episodesAllowed = !usesMemoryOnlyFilters(options.filters ?? {});
  // Turns lend their rank to their word-for-word memories only where every channel applies the same filters.
  const plainFilters =
    episodesAllowed && filters.asOf === undefined && filters.createdAfter === undefined && filters.createdBefore === undefined;
  // Raw episodes behind superseded memories say what is no longer true: only history reads see them.
  const validity = options.includeHistory === true ? {} : { validAt: filters.asOf ?? context.clock.now().toISOString() };
  const analysis: QueryAnalysis = analyzeQuery({ text: input.query, referenceTime: context.clock.now(), segmenter: context.segmenter });
  // Each channel offers twice the items asked for (at least 50). At topK 50 on LoCoMo, 4× instead of 2× gained
  // 0.003 Recall@10 and cost 3 ms of p95 (fusing and loading the longer lists).
  const candidateCount = Math.max(50, topK * 2);
  // How deep fused items are loaded and adjusted: adjustments rarely move an item by more than half of topK
  // (on LoCoMo, loading 1.5 × topK instead of 3 × changed no metric at topK 50).
  const loadDepth = Math.max(topK + 20, Math.ceil(topK * 1.5));
  const adjustDepth = Math.max(topK + 30, topK * 2);
  const vocabulary = context.vocabularyFor(scope.tenantId);
  const { expression: matchExpression, phraseWeights } = keywordQuery({
    text: input.query,
    segmenter: context.segmenter,
    expand: (terms) => [...expandQueryTerms(terms), ...(vocabulary?.expandTerms(terms) ?? [])],
    expansionWeight: settings.expansionWeight,
  });
  const { store } = context;
  const { weights } = settings;
  // A channel weighted 0 is not queried at all.
  const [queryVector, keywordHits, episodeHits, entities] = await Promise.all([
    weights.vector === 0
      ? Promise.resolve(undefined)
      : context.embedder.embed({ values: [input.query] }).then(({ embeddings }) => embeddings[0]),
    weights.keyword === 0
      ? Promise.resolve([])
      : store.searchKeyword({ scope, filters, matchExpression, phraseWeights, limit: candidateCount }),
    episodesAllowed && weights.episodeKeyword > 0
      ? store.searchEpisodeKeyword({ scope, matchExpression, phraseWeights, limit: candidateCount, ...validity })
      : Promise.resolve([]),
    store.findEntities({ scope, names: analysis.entityCandidates }),
  ]);
  let entityIds = entities.map((entity) => entity.id);
  if (analysis.multiHop && entityIds.length > 0 && weights.graph > 0) {
    entityIds = [...entityIds, ...(await store.getRelatedEntityIds({ scope, entityIds, limit: 20 }))];
  }
  const speakersNamed = entities.filter((entity) => entity.type === "person").map((entity) => entity.name);
  const [vectorHits, graphHits, timeSearch, typeHits] = await Promise.all([
    queryVector === undefined ? Promise.resolve([]) : store.searchVector({ scope, filters, embedding: queryVector, limit: candidateCount }),
    weights.graph === 0 ? Promise.resolve([]) : store.searchByEntities({ scope, filters, entityIds, limit: candidateCount }),
    weights.time === 0
      ? Promise.resolve<TimeSearch>({ hits: [] })
      : searchQueryTime({ context, scope, filters, query: input.query, analysis, limit: candidateCount }),
    analysis.answerTypes.length === 0 || weights.answerType === 0
      ? Promise.resolve([])
      : store.searchByEntityType({ scope, filters, types: analysis.answerTypes, speakers: speakersNamed, limit: candidateCount }),
  ]);
  /** A range the query names outright ("in April 2022"): its channel counts more and what lies outside counts less. */
  const named = analysis.timeRange?.named === true ? analysis.timeRange : undefined;
  const rankings: ChannelRanking[] = [
    {
      channel: "keyword",
      weight: weights.keyword,
      scoreShare: settings.keywordScoreShare,
      items: evidence(keywordHits, settings.keywordFloor).map(memoryItem),
    },
    {
      channel: "episode",
      weight: weights.episodeKeyword,
      scoreShare: settings.keywordScoreShare,
      items: evidence(episodeHits, settings.keywordFloor).map((hit) => ({ key: episodeKey(hit.episodeId), score: hit.score })),
    },
    {
      channel: "vector",
      weight: weights.vector,
      items: evidence(vectorHits, settings.vectorFloor).map(memoryItem),
    },
    {
      channel: "graph",
      weight: weights.graph,
      items: graphHits.map(memoryItem),
    },
    {
      channel: "time",
      weight: weights.time * (named === undefined ? 1 : settings.namedRangeTimeFactor),
      items: timeSearch.hits.map(memoryItem),
    },
    {
      channel: "answer-type",
      weight: weights.answerType,
      items: typeHits.map(memoryItem),
    },
  ];
  // A message stored without inference is a turn and a memory with the same words. Each keyword channel finds
  // one of the two, and split between two items its evidence lost to turns lifted by their neighbours (300,000
  // such messages of 300 users: a question about one message had it first for 54% of questions, 93% with this).
  // So the turn's rank also counts for its word-for-word memory, at `verbatimShare` of the episode weight.
  const episodeRanking = rankings.find((ranking) => ranking.channel === "episode");
  if (plainFilters && settings.verbatimShare > 0 && episodeRanking !== undefined && episodeRanking.items.length > 0) {
    const rankOf = new Map(episodeRanking.items.map((item, index) => [item.key.slice(8), { rank: index + 1, score: item.score }]));
    const pairs = await store.getVerbatimMemories({ tenantId: scope.tenantId, episodeIds: [...rankOf.keys()], filters });
    const items = pairs.flatMap(({ episodeId, memoryId }) => {
      const found = rankOf.get(episodeId);
      return found === undefined ? [] : [{ key: memoryKey(memoryId), ...found }];
    });
    if (items.length > 0) {
      items.sort((left, right) => left.rank - right.rank);
      rankings.push({
        channel: "episode",
        weight: weights.episodeKeyword * settings.verbatimShare,
        scoreShare: settings.keywordScoreShare,
        items,
      });
    }
  }
  const baseChannels = rankings.length;
  const firstPass = fuseRankings({ rankings, k: settings.fusionK });

  // Load what the first pass found (plus room for the context channel), then add neighbours of the best.
  const records = new Map<string, MemoryRecord>();
  const episodes = new Map<string, Episode>();
  const load = async (items: readonly FusedItem[]) => {
    const keys = new Set(items.map((item) => item.key));
    const memoryIds = [...keys].filter((key) => key.startsWith("memory:") && !records.has(key)).map((key) => key.slice(7));
    const episodeIds = [...keys].filter((key) => key.startsWith("episode:") && !episodes.has(key)).map((key) => key.slice(8));
    const [loadedMemories, loadedEpisodes] = await Promise.all([
      store.getMemories({ tenantId: scope.tenantId, ids: memoryIds, withEntities: false }),
      store.getEpisodes({ tenantId: scope.tenantId, ids: episodeIds }),
    ]);
    for (const memory of loadedMemories) records.set(memoryKey(memory.id), memory);
    for (const episode of loadedEpisodes) episodes.set(episodeKey(episode.id), episode);
  };
  await load(firstPass.slice(0, Math.max(settings.contextAnchors, loadDepth)));
  /** Reply turn → the question turn it answers (see the reply channel). */
  const replyTo = new Map<string, string>();
  /** Turns the context and reply channels found as neighbours (loaded below when they rank). */
  const neighbourKeys = new Set<string>();
  if (episodesAllowed && (weights.context > 0 || weights.reply > 0)) {
    const anchorEpisodeIds: string[] = [];
    for (const item of firstPass.slice(0, settings.contextAnchors)) {
      const ids = records.get(item.key)?.sourceEpisodeIds ?? (episodes.has(item.key) ? [item.key.slice(8)] : []);
      for (const id of ids) if (!anchorEpisodeIds.includes(id)) anchorEpisodeIds.push(id);
    }
    const neighbours = await store.getNeighbourEpisodes({
      scope,
      episodeIds: anchorEpisodeIds,
      window: settings.contextWindow,
      ...validity,
    });
    const contextItems: Array<{ key: string; score: number }> = [];
    for (const neighbour of neighbours) {
      const key = episodeKey(neighbour.episodeId);
      neighbourKeys.add(key);
      if (!contextItems.some((item) => item.key === key)) contextItems.push({ key, score: 1 / neighbour.distance });
    }
    // A question that combines facts needs breadth more than the turns around one match.
    const contextWeight = weights.context * (analysis.multiHop ? settings.multiHopContextFactor : 1);
    rankings.push({ channel: "context", weight: contextWeight, items: contextItems });
    // The turn that answers is often the reply to a turn that asks what the query asks ("What inspired you to
    // join?" → "I've always respected the military"): the next turn of another speaker after a matching
    // question is ranked in the order of the questions, and later keeps `replyFollow` of its question's score.
    const questions: string[] = [];
    for (const item of weights.reply > 0 ? firstPass.slice(0, settings.contextAnchors) : []) {
      const episode = episodes.get(item.key);
      if (episode !== undefined && /[?？]/u.test(episode.content)) questions.push(episode.id);
    }
    const replies: Array<{ key: string; score: number; question: number }> = [];
    for (const neighbour of neighbours) {
      const question = questions.indexOf(neighbour.neighbourOf);
      const asker = episodes.get(episodeKey(neighbour.neighbourOf));
      if (neighbour.offset !== 1 || question === -1 || asker === undefined) continue;
      if (neighbour.speaker === speakerOf(asker)) continue;
      const key = episodeKey(neighbour.episodeId);
      replies.push({ key, score: 1, question });
      replyTo.set(key, episodeKey(asker.id));
    }
    replies.sort((left, right) => left.question - right.question);
    rankings.push({ channel: "reply", weight: weights.reply, items: replies });
  }
  const fused = rankings.length > baseChannels ? fuseRankings({ rankings, k: settings.fusionK }) : firstPass;
  const adjustable = adjustableItems({ fused, depth: adjustDepth, replyTo });
  // One load: what ranks within `loadDepth`, and a neighbour turn wherever it is adjusted.
  await load([...fused.slice(0, loadDepth), ...adjustable.filter((item) => neighbourKeys.has(item.key))]);

  // Adjust by what we know of each item, then collapse so one turn is spent once.
  // A speaker named in the query counts more, unless only as the other party ("What does Dara say to Ben?").
  const otherParties = new Set(analysis.otherParties);
  const namedInQuery = new Set(analysis.entityCandidates.filter((name) => !otherParties.has(name)).map((name) => name.toLowerCase()));
  // Recency: what was said lately counts a little more, halving with every `recencyHalfLifeDays` of age (an
  // archive imported from long ago is uniformly old, so this leaves its order alone).
  const present = Date.parse(filters.asOf ?? context.clock.now().toISOString());
  const recency = (said: string | undefined) => {
    const ageDays = said === undefined ? Number.POSITIVE_INFINITY : Math.max(0, present - Date.parse(said)) / 86_400_000;
    return 1 + settings.recencyBoost * 0.5 ** (ageDays / settings.recencyHalfLifeDays);
  };
  const namedStart = named === undefined ? 0 : Date.parse(named.start) - namedSlackMs;
  const namedEnd = named === undefined ? 0 : Date.parse(named.end) + namedSlackMs;
  const adjusted = adjustable.flatMap((item) => {
    const memory = records.get(item.key);
    const episode = episodes.get(item.key);
    if (memory === undefined && episode === undefined) return [];
    if (episode !== undefined && filters.asOf !== undefined && episode.occurredAt > filters.asOf) return [];
    let score = item.score;
    const speakers = memory?.speakers ?? (episode?.speaker === undefined ? [] : [episode.speaker]);
    if (speakers.some((speaker) => namedInQuery.has(speaker.toLowerCase()))) score *= 1 + settings.speakerBoost;
    const said = memory?.validFrom ?? memory?.createdAt ?? episode?.occurredAt;
    score *= recency(said);
    if (named !== undefined) {
      // When it happened (a memory's event date) or else when it was said, against the range the query named.
      const from = Date.parse(memory?.eventStart ?? said ?? "");
      const to = memory?.eventEnd === undefined ? from + 86_400_000 : Date.parse(memory.eventEnd);
      if (!(from < namedEnd && to > namedStart)) score *= settings.outsideNamedRange;
    }
    if (memory !== undefined) {
      score *= 1 + memory.importance * settings.importanceBoost;
      score *= 1 + Math.log2(Math.max(1, memory.strength)) * settings.strengthBoost;
      if (memory.trust === "low") score *= settings.lowTrustPenalty;
      if (analysis.questionType === "when" && memory.eventStart !== undefined) score *= settings.datedBoostForWhen;
    }
    return [{ item, memory, episode, score }];
  });
  if (replyTo.size > 0) {
    const scoreOf = new Map(adjusted.map((entry) => [entry.item.key, entry.score]));
    for (const entry of adjusted) {
      const question = replyTo.get(entry.item.key);
      const asked = question === undefined ? undefined : scoreOf.get(question);
      if (asked !== undefined) entry.score = Math.max(entry.score, asked * settings.replyFollow);
    }
  }
  liftStrongSessions({ entries: adjusted, lift: settings.sessionLift, depth: settings.sessionDepth });
  adjusted.sort((left, right) => right.score - left.score);
  const head = adjusted.splice(0, topK + 10);
  diversify(head, { factor: settings.redundancyFactor, overlap: settings.redundancyOverlap, queryWords: wordsOf(input.query) });
  adjusted.unshift(...head);

  const counter = await context.tokenCounter();
  const spentEpisodes = new Map<string, SearchResult>();
  const results: SearchResult[] = [];
  let tokens = 0;
  // An episode and the memory made from it say the same thing when the memory keeps most of its words:
  // then the memory (dated, self-contained) stands for both.
  const memoryOfEpisode = new Map<string, (typeof adjusted)[number]>();
  for (const entry of adjusted) {
    for (const id of entry.memory?.sourceEpisodeIds ?? []) if (!memoryOfEpisode.has(id)) memoryOfEpisode.set(id, entry);
  }
  const used = new Set<string>();
  for (const candidate of adjusted) {
    if (results.length >= topK) break;
    let { item, memory, episode, score } = candidate;
    if (used.has(item.key)) continue;
    if (episode !== undefined) {
      const standIn = memoryOfEpisode.get(episode.id);
      if (standIn?.memory !== undefined && !used.has(standIn.item.key) && standIn.memory.text.length >= episode.content.length * 0.6) {
        const why = [...standIn.item.why];
        for (const reason of item.why) if (!why.some((known) => known.channel === reason.channel)) why.push(reason);
        item = { ...standIn.item, why };
        memory = standIn.memory;
        episode = undefined;
        score = Math.max(score, standIn.score);
      }
    }
    used.add(item.key);
    const covered = memory !== undefined ? memory.sourceEpisodeIds : [item.key.slice(8)];
    const already = covered.length > 0 && covered.every((id) => spentEpisodes.has(id));
    if (already) {
      const holder = spentEpisodes.get(covered[0] ?? "");
      if (holder !== undefined)
        for (const reason of item.why) if (!holder.why.some((known) => known.channel === reason.channel)) holder.why.push(reason);
      continue;
    }
    const result: SearchResult =
      memory !== undefined
        ? {
            id: memory.id,
            type: "memory",
            memory: memory.text,
            score: Number(score.toFixed(6)),
            kind: memory.kind,
            status: memory.status,
            // Copies: the store may hand out frozen records it keeps for the next search.
            sources: [...memory.sources],
            sourceEpisodeIds: [...memory.sourceEpisodeIds],
            speakers: [...memory.speakers],
            createdAt: memory.createdAt,
            ...(memory.validFrom === undefined ? {} : { validFrom: memory.validFrom }),
            ...(memory.validTo === undefined ? {} : { validTo: memory.validTo }),
            ...(memory.eventStart === undefined ? {} : { eventStart: memory.eventStart }),
            ...(memory.eventEnd === undefined ? {} : { eventEnd: memory.eventEnd }),
            metadata: copyOf(memory.metadata),
            why: item.why,
          }
        : {
            id: episode?.id ?? "",
            type: "episode",
            memory: episode === undefined ? "" : episodeText(episode),
            score: Number(score.toFixed(6)),
            kind: "episode",
            status: "active",
            sources: episode?.externalId === undefined ? [] : [episode.externalId],
            sourceEpisodeIds: episode === undefined ? [] : [episode.id],
            speakers: episode?.speaker === undefined ? [] : [episode.speaker],
            createdAt: episode?.recordedAt ?? "",
            ...(episode === undefined ? {} : { validFrom: episode.occurredAt }),
            metadata: copyOf(episode?.metadata ?? {}),
            why: item.why,
          };
    const cost = counter.count(result.memory);
    if (options.tokenBudget !== undefined && tokens + cost > options.tokenBudget) {
      if (results.length > 0) break;
      continue;
    }
    tokens += cost;
    results.push(result);
    for (const id of covered) if (!spentEpisodes.has(id)) spentEpisodes.set(id, result);
  }
  const searchedRange = analysis.timeRange ?? timeSearch.range;
  const timeRange =
    searchedRange === undefined ? undefined : { start: searchedRange.start, end: searchedRange.end, text: searchedRange.text };
  return {
    results,
    tokens,
    query: {
      questionType: analysis.questionType,
      entities: entities.map((entity) => entity.name),
      ...(timeRange === undefined ? {} : { timeRange }),
    },
  };
}
