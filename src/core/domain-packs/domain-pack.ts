import { z } from "zod";
import { entityTypes } from "../domain/graph.js";
import { MnemoError } from "../errors.js";
import { containsHan, foldSurface } from "./fold-text.js";

/** Languages a pack can describe. */
export const domainPackLanguages = ["en", "zh"] as const;
export type DomainPackLanguage = (typeof domainPackLanguages)[number];

const slugSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase slug: letters a–z, digits and single hyphens");

const surfaceSchema = z.string().trim().min(1).max(80);

/**
 * One vocabulary entry of a pack.
 *
 * - `entityType` is one of Mnemo's entity types (`entityTypes` in `core/domain/graph.ts`); domain notions map
 *   onto that allowlist (a drug is a `product`, a symptom a `concept`, a surgery an `activity`) and the finer
 *   domain notion goes in `category` (`drug`, `symptom`, `procedure`). A term without `entityType` is a
 *   keyword or sentiment term only and never becomes an entity.
 * - `polarity` (-3..+3) is the term's sentiment weight for `scoreEmotion`; it overrides the general lexicon
 *   (0 neutralises a word the general lexicon scores, e.g. the "loss" in "stop-loss"). Absent: the general
 *   lexicon decides.
 * - `boost` multiplies the term's keyword weight (1 = normal; safety-critical terms such as allergies ≈ 2).
 *
 * @example
 * const penicillin: DomainTermInput = { term: "青霉素", language: "zh", synonyms: ["盘尼西林"], entityType: "product", category: "drug", boost: 1.5 };
 */
export const domainTermSchema = z.strictObject({
  term: surfaceSchema,
  language: z.enum(domainPackLanguages),
  synonyms: z.array(surfaceSchema).max(50).default([]),
  entityType: z.enum(entityTypes).optional(),
  category: slugSchema.optional(),
  polarity: z.number().min(-3).max(3).optional(),
  boost: z.number().gt(0).max(5).default(1),
});

/** The share emotion gets in ranking for the pack's scenario, 0..1 (support ≈ 0.45, medical ≈ 0.15). */
export const scenarioWeightsSchema = z.strictObject({
  emotionWeight: z.number().min(0).max(1),
});

/**
 * A domain pack: an industry vocabulary, as a data file (`packs/<id>.json`), used for entity typing, keyword
 * boosting, query expansion (synonyms) and sentiment. Validation rejects unknown fields, entity types outside
 * the allowlist, polarity outside -3..+3, terms in a language the pack does not declare, English terms with
 * Chinese characters, Chinese terms without them, one-character terms (too noisy for substring matching) and
 * duplicates: every term and synonym, folded (case, hyphens, spaces), appears once per pack.
 *
 * @example
 * const pack = domainPackSchema.parse({
 *   id: "medical", version: "1.0.0", name: "Medical", languages: ["en", "zh"], description: "…",
 *   scenarioWeights: { emotionWeight: 0.15 },
 *   terms: [{ term: "过敏", language: "zh", synonyms: ["过敏反应"], entityType: "concept", category: "symptom", polarity: -2 }],
 * });
 */
export const domainPackSchema = z
  .strictObject({
    id: slugSchema,
    version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, "must be a semantic version such as 1.0.0"),
    name: z.string().trim().min(1).max(100),
    languages: z.array(z.enum(domainPackLanguages)).min(1),
    description: z.string().trim().min(1).max(2_000),
    scenarioWeights: scenarioWeightsSchema.optional(),
    terms: z.array(domainTermSchema).min(1).max(10_000),
  })
  .superRefine((pack, context) => {
    if (new Set(pack.languages).size !== pack.languages.length) {
      context.addIssue({ code: "custom", path: ["languages"], message: "languages must not repeat" });
    }
    const firstSeen = new Map<string, string>();
    pack.terms.forEach((entry, termIndex) => {
      if (!pack.languages.includes(entry.language)) {
        context.addIssue({
          code: "custom",
          path: ["terms", termIndex, "language"],
          message: `language "${entry.language}" is not among the pack's languages (${pack.languages.join(", ")})`,
        });
      }
      if (entry.language === "zh" && !containsHan(entry.term)) {
        context.addIssue({ code: "custom", path: ["terms", termIndex, "term"], message: "a Chinese term must contain Chinese characters" });
      }
      const surfaces: Array<{ surface: string; path: Array<string | number> }> = [
        { surface: entry.term, path: ["terms", termIndex, "term"] },
        ...entry.synonyms.map((surface, synonymIndex) => ({ surface, path: ["terms", termIndex, "synonyms", synonymIndex] })),
      ];
      for (const { surface, path } of surfaces) {
        if (entry.language === "en" && containsHan(surface)) {
          context.addIssue({ code: "custom", path, message: `"${surface}": an English term must not contain Chinese characters` });
        }
        const key = foldSurface(surface);
        if ([...key].length < 2) {
          context.addIssue({ code: "custom", path, message: `"${surface}" is too short: terms need at least two characters` });
          continue;
        }
        const where = `terms[${termIndex}]`;
        const previous = firstSeen.get(key);
        if (previous !== undefined) {
          context.addIssue({ code: "custom", path, message: `duplicate term "${surface}" (already in ${previous})` });
        } else {
          firstSeen.set(key, where);
        }
      }
    });
  });

/** A validated pack (defaults applied: `synonyms` is an array, `boost` a number). */
export type DomainPack = z.output<typeof domainPackSchema>;
/** A pack as written in a file or built in code (`synonyms` and `boost` may be left out). */
export type DomainPackInput = z.input<typeof domainPackSchema>;
/** A validated term. */
export type DomainTerm = z.output<typeof domainTermSchema>;
/** A term as written. */
export type DomainTermInput = z.input<typeof domainTermSchema>;

/**
 * Validates a pack; on failure throws `INPUT_INVALID` whose details carry zod's issues (`code`, `path`,
 * `message`) and the `source` (a file path, or a label) so the author can find the entry.
 *
 * @example
 * const pack = parseDomainPack({ value: JSON.parse(text), source: "packs/medical.json" });
 */
export function parseDomainPack(options: { value: unknown; source?: string }): DomainPack {
  const result = domainPackSchema.safeParse(options.value);
  if (result.success) return result.data;
  const source = options.source ?? "domain pack";
  throw new MnemoError({
    code: "INPUT_INVALID",
    message: `Invalid domain pack (${source}): ${z.prettifyError(result.error)}`,
    details: {
      source,
      issues: result.error.issues.map((issue) => ({ code: issue.code, path: issue.path.map(String), message: issue.message })),
    },
  });
}
