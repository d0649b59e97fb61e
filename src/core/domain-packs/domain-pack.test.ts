import { describe, expect, it } from "vitest";
import { MnemoError } from "../errors.js";
import { type DomainPackInput, domainPackSchema, parseDomainPack } from "./domain-pack.js";

function pack(overrides: Partial<DomainPackInput> = {}): DomainPackInput {
  return {
    id: "medical-mini",
    version: "1.0.0",
    name: "Medical (mini)",
    languages: ["en", "zh"],
    description: "A tiny medical vocabulary for tests.",
    scenarioWeights: { emotionWeight: 0.15 },
    terms: [
      { term: "过敏", language: "zh", synonyms: ["过敏反应"], entityType: "concept", category: "allergy", polarity: -2, boost: 2 },
      { term: "ibuprofen", language: "en", synonyms: ["Advil"], entityType: "product", category: "drug" },
    ],
    ...overrides,
  };
}

function issuesOf(value: unknown): Array<{ path: string; message: string }> {
  const result = domainPackSchema.safeParse(value);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("domainPackSchema", () => {
  it("accepts a valid pack and applies the defaults (synonyms [], boost 1)", () => {
    const parsed = domainPackSchema.parse(pack({ terms: [{ term: "头痛", language: "zh" }] }));
    expect(parsed.terms[0]).toEqual({ term: "头痛", language: "zh", synonyms: [], boost: 1 });
    expect(parsed.scenarioWeights).toEqual({ emotionWeight: 0.15 });
  });

  it("rejects an entity type outside the allowlist", () => {
    const issues = issuesOf(pack({ terms: [{ term: "aspirin", language: "en", entityType: "drug" as never }] }));
    expect(issues[0]?.path).toBe("terms.0.entityType");
  });

  it("rejects duplicate terms, also across synonyms and after folding case and hyphens", () => {
    const issues = issuesOf(
      pack({
        terms: [
          { term: "stop-loss", language: "en" },
          { term: "Stop Loss", language: "en" },
          { term: "退款", language: "zh", synonyms: ["退钱"] },
          { term: "退钱", language: "zh" },
        ],
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual(["terms.1.term", "terms.3.term"]);
    expect(issues[0]?.message).toBe('duplicate term "Stop Loss" (already in terms[0])');
  });

  it("rejects a polarity outside -3..+3 and a boost of 0", () => {
    expect(issuesOf(pack({ terms: [{ term: "疼痛", language: "zh", polarity: 5 }] }))[0]?.path).toBe("terms.0.polarity");
    expect(issuesOf(pack({ terms: [{ term: "疼痛", language: "zh", boost: 0 }] }))[0]?.path).toBe("terms.0.boost");
  });

  it("rejects unknown fields on the pack and on a term", () => {
    expect(issuesOf({ ...pack(), author: "someone" })[0]?.message).toContain("author");
    const issues = issuesOf(pack({ terms: [{ term: "发烧", language: "zh", weight: -1 } as never] }));
    expect(issues[0]?.path).toBe("terms.0");
    expect(issues[0]?.message).toContain("weight");
  });

  it("rejects ids that are not lowercase slugs and versions that are not semantic versions", () => {
    expect(issuesOf(pack({ id: "Medical Pack" }))[0]?.path).toBe("id");
    expect(issuesOf(pack({ version: "v1" }))[0]?.path).toBe("version");
  });

  it("rejects terms in undeclared languages, English with Han, Chinese without Han and one-character terms", () => {
    expect(issuesOf(pack({ languages: ["en"], terms: [{ term: "过敏", language: "zh" }] }))[0]?.path).toBe("terms.0.language");
    expect(issuesOf(pack({ terms: [{ term: "fever 发烧", language: "en" }] }))[0]?.path).toBe("terms.0.term");
    expect(issuesOf(pack({ terms: [{ term: "fever", language: "zh" }] }))[0]?.path).toBe("terms.0.term");
    expect(issuesOf(pack({ terms: [{ term: "药", language: "zh" }] }))[0]?.message).toContain("too short");
    expect(issuesOf(pack({ languages: ["en", "en"] }))[0]?.path).toBe("languages");
  });

  it("rejects an emotion weight outside 0..1", () => {
    expect(issuesOf(pack({ scenarioWeights: { emotionWeight: 1.5 } }))[0]?.path).toBe("scenarioWeights.emotionWeight");
  });
});

describe("parseDomainPack", () => {
  it("throws INPUT_INVALID with zod's issues and the source", () => {
    let caught: unknown;
    try {
      parseDomainPack({
        value: pack({ terms: [{ term: "青霉素", language: "zh", entityType: "medicine" as never }] }),
        source: "packs/x.json",
      });
    } catch (error) {
      caught = error;
    }
    expect(MnemoError.isInstance(caught)).toBe(true);
    const error = caught as MnemoError;
    expect(error.code).toBe("INPUT_INVALID");
    expect(error.message).toContain("packs/x.json");
    expect(error.details).toMatchObject({
      source: "packs/x.json",
      issues: [{ code: "invalid_value", path: ["terms", "0", "entityType"] }],
    });
  });
});
