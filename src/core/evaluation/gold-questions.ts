import { normalizeEvidence } from "./evidence.js";
import { type LocomoSample, turnIds } from "./locomo-samples.js";
import { formatQuestionId } from "./question-id.js";

/** LoCoMo category names by dataset code (as in the LoCoMo paper and its official scorer). */
export const locomoCategoryNames: Readonly<Record<string, string>> = {
  "1": "multi-hop",
  "2": "temporal",
  "3": "open-domain",
  "4": "single-hop",
  "5": "adversarial",
};

/** One question with its gold evidence and answer, ready for scoring. */
export interface GoldQuestion {
  qid: string;
  sampleId: string;
  /** The dataset's category code as a string ("1" … "5"). */
  category: string;
  categoryName: string;
  question: string;
  /** Gold answer for the proxy; `null` for adversarial questions and questions without an answer. */
  answer: string | null;
  /** Sub-answers that must all appear in the context (multi-hop answers are split on `,` and `;`). */
  answerParts: string[];
  /** Normalised evidence unit ids (`D<session>:<turn>`). */
  evidence: string[];
  /** Counts in recall and NDCG (has evidence, not adversarial). */
  recallEligible: boolean;
  /** Adversarial with evidence: recall is computed but only shown as a noted row. */
  recallNoted: boolean;
  /** Counts in the answer-in-context proxy (has a gold answer). */
  proxyEligible: boolean;
}

/** Counts about the gold of a dataset (bench README `dataset_notes`). */
export interface GoldNotes {
  /** Evidence tokens that are not `D<n>:<m>` ids. */
  droppedEvidence: number;
  /** Well-formed evidence ids that name no turn of their conversation. */
  unresolvedEvidence: number;
  /** Distinct turns over all conversations. */
  units: number;
}

/** The gold of a LoCoMo-format dataset. */
export interface LocomoGold {
  questions: GoldQuestion[];
  notes: GoldNotes;
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function answerPartsOf(options: { answer: string | null; category: unknown }): string[] {
  if (options.answer === null) return [];
  if (options.category === 1) {
    return options.answer
      .split(/[,;]/)
      .map((part) => part.trim())
      .filter((part) => part !== "");
  }
  return [options.answer];
}

/**
 * Builds the gold of every question of a LoCoMo-format dataset (bench README, "Gold construction"):
 * normalised evidence, the proxy's gold answer (cat 3: text before the first `;`; cat 1: split into
 * sub-answers; cat 5: none) and which metrics each question enters.
 *
 * @example
 * const { questions } = buildLocomoGold({ samples });
 * questions[0]; // { qid: "conv-26_q001", category: "2", evidence: ["D1:3"], answerParts: ["7 May 2023"], … }
 */
export function buildLocomoGold(options: { samples: readonly LocomoSample[] }): LocomoGold {
  const questions: GoldQuestion[] = [];
  let droppedEvidence = 0;
  let unresolvedEvidence = 0;
  const units = new Set<string>();
  for (const sample of options.samples) {
    const ids = turnIds(sample);
    for (const id of ids) units.add(`${sample.sampleId}|${id}`);
    sample.questions.forEach((entry, index) => {
      const evidence = normalizeEvidence(field(entry, "evidence"));
      droppedEvidence += evidence.dropped;
      unresolvedEvidence += evidence.ids.filter((id) => !ids.has(id)).length;
      const category = field(entry, "category");
      const adversarial = category === 5;
      const rawAnswer = field(entry, "answer");
      let answer = rawAnswer === undefined || rawAnswer === null || adversarial ? null : String(rawAnswer);
      if (answer !== null && category === 3) answer = (answer.split(";")[0] ?? "").trim();
      const answerParts = answerPartsOf({ answer, category });
      const code = String(category);
      questions.push({
        qid: formatQuestionId({ sampleId: sample.sampleId, index }),
        sampleId: sample.sampleId,
        category: code,
        categoryName: locomoCategoryNames[code] ?? `cat-${code}`,
        question: String(field(entry, "question") ?? ""),
        answer,
        answerParts,
        evidence: evidence.ids,
        recallEligible: evidence.ids.length > 0 && !adversarial,
        recallNoted: evidence.ids.length > 0 && adversarial,
        proxyEligible: answerParts.length > 0,
      });
    });
  }
  return { questions, notes: { droppedEvidence, unresolvedEvidence, units: units.size } };
}
