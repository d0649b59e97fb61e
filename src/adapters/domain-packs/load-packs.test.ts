import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entityTypes } from "../../core/domain/graph.js";
import { compilePacks } from "../../core/domain-packs/compile-packs.js";
import type { DomainPack } from "../../core/domain-packs/domain-pack.js";
import { MnemoError } from "../../core/errors.js";
import { scoreEmotion } from "../../core/understand/index.js";
import { builtInPacksDirectory, listPackIds, loadBuiltInPacks, loadPackFile, loadPacks } from "./load-packs.js";

async function caught(promise: Promise<unknown>): Promise<MnemoError> {
  try {
    await promise;
  } catch (error) {
    if (MnemoError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a MnemoError");
}

describe("built-in packs", () => {
  const ids = ["medical", "finance", "ecommerce", "education"];
  let packs: DomainPack[] = [];
  beforeAll(async () => {
    packs = await loadBuiltInPacks(ids);
  });

  it("are all listed, load and validate", async () => {
    expect(await listPackIds()).toEqual(["ecommerce", "education", "finance", "medical"]);
    expect(packs.map((pack) => pack.id)).toEqual(ids);
  });

  it("each hold 60–120 terms in both Chinese and English, typed within the allowlist", () => {
    for (const pack of packs) {
      expect(pack.languages).toEqual(["en", "zh"]);
      expect(pack.terms.length, pack.id).toBeGreaterThanOrEqual(60);
      expect(pack.terms.length, pack.id).toBeLessThanOrEqual(125);
      for (const language of ["en", "zh"] as const) {
        expect(pack.terms.filter((term) => term.language === language).length, `${pack.id} ${language}`).toBeGreaterThanOrEqual(40);
      }
      for (const term of pack.terms) if (term.entityType !== undefined) expect(entityTypes).toContain(term.entityType);
    }
  });

  it("declare scenario emotion weights as in the vision: facts first for medical and finance, emotion for support and education", () => {
    const weights = Object.fromEntries(packs.map((pack) => [pack.id, pack.scenarioWeights?.emotionWeight]));
    expect(weights).toEqual({ medical: 0.15, finance: 0.15, ecommerce: 0.45, education: 0.45 });
  });

  it("medical: types a drug as a product and a symptom as a concept (Chinese)", () => {
    const [medical] = packs;
    const vocabulary = compilePacks([medical as DomainPack]);
    expect(
      vocabulary.findTerms("我对青霉素过敏，吃了布洛芬以后头痛").map((match) => [match.surface, match.entityType, match.category]),
    ).toEqual([
      ["青霉素", "product", "drug"],
      ["过敏", "concept", "allergy"],
      ["布洛芬", "product", "drug"],
      ["头痛", "concept", "symptom"],
    ]);
    expect(
      vocabulary
        .findTerms("I'm allergic to penicillin; ibuprofen gave me side-effects and headaches")
        .map((match) => [match.term, match.entityType]),
    ).toEqual([
      ["allergy", "concept"],
      ["penicillin", "product"],
      ["ibuprofen", "product"],
      ["side effect", "concept"],
      ["headache", "concept"],
    ]);
  });

  it("medical: its emotion terms make a complication report more negative", () => {
    const vocabulary = compilePacks(packs.filter((pack) => pack.id === "medical"));
    const text = "手术后并发症很严重";
    const without = scoreEmotion({ text }).score;
    const withPack = scoreEmotion({ text, extraTerms: vocabulary.emotionTerms() }).score;
    expect(withPack).toBeLessThan(without);
    expect(withPack).toBeLessThan(10);
    expect(scoreEmotion({ text: "奶奶手术后已经痊愈出院了", extraTerms: vocabulary.emotionTerms() }).polarity).toBe("positive");
  });

  it("finance: finds terms with finance categories in English and Chinese, longest match first", () => {
    const vocabulary = compilePacks(packs.filter((pack) => pack.id === "finance"));
    expect(vocabulary.findTerms("I had a margin call and closed my position").map((match) => [match.term, match.category])).toEqual([
      ["margin call", "risk-event"],
      ["position", "position"],
    ]);
    expect(vocabulary.findTerms("I set a stop-loss order after the stop-loss").map((match) => match.term)).toEqual([
      "stop-loss order",
      "stop-loss",
    ]);
    expect(
      vocabulary.findTerms("昨天被强制平仓，基金净值回撤了20%，股票还在涨").map((match) => [match.term, match.surface, match.category]),
    ).toEqual([
      ["爆仓", "强制平仓", "risk-event"],
      ["净值", "基金净值", "metric"],
      ["回撤", "回撤", "metric"],
      ["股票", "股票", "instrument"],
    ]);
    expect(scoreEmotion({ text: "I placed a stop-loss order", extraTerms: vocabulary.emotionTerms() }).score).toBe(50);
  });

  it("e-commerce: after-sales terms and synonyms in both languages", () => {
    const vocabulary = compilePacks(packs.filter((pack) => pack.id === "ecommerce"));
    expect(vocabulary.findTerms("我要退钱，快递单号查不到，包裹还破损了").map((match) => [match.term, match.category])).toEqual([
      ["退款", "after-sales"],
      ["快递单号", "tracking"],
      ["快递", "logistics"],
      ["破损", "product-issue"],
    ]);
    expect(
      vocabulary.findTerms("Late delivery again, the parcel arrived damaged and I want my money back").map((match) => match.term),
    ).toEqual(["late delivery", "package", "damaged", "refund"]);
    expect(vocabulary.synonymsOf("退钱")).toContain("退款");
    expect(scoreEmotion({ text: "退款到账了", extraTerms: vocabulary.emotionTerms() }).polarity).toBe("positive");
  });

  it("education: coursework, results and roles in both languages", () => {
    const vocabulary = compilePacks(packs.filter((pack) => pack.id === "education"));
    expect(vocabulary.findTerms("期末考试挂科了，班主任说要重修，奖学金也没了").map((match) => [match.term, match.entityType])).toEqual([
      ["期末考试", "activity"],
      ["挂科", "concept"],
      ["班主任", "person"],
      ["重修", "activity"],
      ["奖学金", "concept"],
    ]);
    expect(
      vocabulary.findTerms("My tutor says my GPA dropped after I failed the exam").map((match) => [match.term, match.category]),
    ).toEqual([
      ["tutor", "role"],
      ["GPA", "grade"],
      ["failed the exam", "grade"],
    ]);
  });
});

describe("loading errors", () => {
  let directory = "";
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "mnemo-packs-"));
    const valid = {
      id: "legal",
      version: "0.1.0",
      name: "Legal",
      languages: ["en"],
      description: "Test.",
      terms: [{ term: "contract", language: "en" }],
    };
    await writeFile(join(directory, "legal.json"), JSON.stringify(valid));
    await writeFile(join(directory, "renamed.json"), JSON.stringify(valid));
    await writeFile(join(directory, "broken.json"), "{ not json");
    await writeFile(
      join(directory, "invalid.json"),
      JSON.stringify({ ...valid, id: "invalid", terms: [{ term: "contract", language: "en", entityType: "law", polarity: 5 }] }),
    );
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("loads packs from a given directory", async () => {
    expect(await listPackIds({ directory })).toEqual(["broken", "invalid", "legal", "renamed"]);
    const [legal] = await loadPacks({ ids: ["legal", "legal"], directory });
    expect(legal?.terms[0]).toEqual({ term: "contract", language: "en", synonyms: [], boost: 1 });
  });

  it("refuses an unknown id, listing the available packs", async () => {
    const error = await caught(loadBuiltInPacks(["medical", "legal"]));
    expect(error.code).toBe("INPUT_INVALID");
    expect(error.message).toBe('Unknown domain pack "legal"; available: ecommerce, education, finance, medical');
    expect(error.details).toMatchObject({ unknown: ["legal"], available: ["ecommerce", "education", "finance", "medical"] });
  });

  it("refuses ids that are not slugs (no path traversal)", async () => {
    const error = await caught(loadPacks({ ids: ["../package"], directory }));
    expect(error.details).toMatchObject({ unknown: ["../package"] });
  });

  it("reports an invalid pack file with zod's issues", async () => {
    const error = await caught(loadPackFile(join(directory, "invalid.json")));
    expect(error.code).toBe("INPUT_INVALID");
    expect(error.details?.source).toBe(join(directory, "invalid.json"));
    expect(error.details?.issues).toEqual([
      expect.objectContaining({ path: ["terms", "0", "entityType"] }),
      expect.objectContaining({ path: ["terms", "0", "polarity"] }),
    ]);
  });

  it("reports invalid JSON, a missing file and an id that does not match the file name", async () => {
    expect((await caught(loadPackFile(join(directory, "broken.json")))).message).toContain("is not valid JSON");
    expect((await caught(loadPackFile(join(directory, "missing.json")))).code).toBe("INPUT_INVALID");
    expect((await caught(loadPacks({ ids: ["renamed"], directory }))).message).toContain('declares id "legal"');
    expect((await caught(listPackIds({ directory: join(directory, "nowhere") }))).code).toBe("INPUT_INVALID");
  });

  it("resolves the built-in folder to the repository's packs/", () => {
    expect(builtInPacksDirectory.pathname.endsWith("/packs/")).toBe(true);
  });
});
