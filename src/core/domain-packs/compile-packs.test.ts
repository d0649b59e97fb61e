import { describe, expect, it } from "vitest";
import { MnemoError } from "../errors.js";
import { scoreEmotion } from "../understand/index.js";
import { compilePacks } from "./compile-packs.js";
import type { DomainPackInput } from "./domain-pack.js";

const finance: DomainPackInput = {
  id: "finance-mini",
  version: "1.0.0",
  name: "Finance (mini)",
  languages: ["en", "zh"],
  description: "Test vocabulary.",
  scenarioWeights: { emotionWeight: 0.15 },
  terms: [
    { term: "stop-loss", language: "en", synonyms: ["stoploss"], entityType: "activity", category: "risk-management", polarity: -1 },
    { term: "stop-loss order", language: "en", entityType: "concept", category: "order-type", polarity: 0 },
    { term: "margin call", language: "en", entityType: "concept", category: "risk-event", polarity: -2, boost: 1.5 },
    { term: "position", language: "en", synonyms: ["holding"], entityType: "concept", category: "position" },
    { term: "平仓", language: "zh", entityType: "activity", category: "trade-action" },
    { term: "爆仓", language: "zh", synonyms: ["强制平仓"], entityType: "concept", category: "risk-event", polarity: -3 },
    { term: "大盘", language: "zh", synonyms: ["A股"], entityType: "concept", category: "market" },
    { term: "return", language: "en", entityType: "concept", category: "metric" },
  ],
};

const shop: DomainPackInput = {
  id: "shop-mini",
  version: "2.1.0",
  name: "Shop (mini)",
  languages: ["en", "zh"],
  description: "Test vocabulary.",
  scenarioWeights: { emotionWeight: 0.45 },
  terms: [
    { term: "return", language: "en", synonyms: ["send back"], entityType: "activity", category: "after-sales", polarity: -1 },
    { term: "returns", language: "en", entityType: "activity", category: "after-sales-plural" },
    { term: "refund", language: "en", synonyms: ["money back"], entityType: "activity", category: "after-sales", polarity: -1 },
    { term: "退款", language: "zh", synonyms: ["退钱", "返款"], entityType: "activity", category: "after-sales", polarity: -1, boost: 1.5 },
    { term: "快递单号", language: "zh", synonyms: ["运单号"], entityType: "concept", category: "tracking" },
    { term: "快递", language: "zh", entityType: "concept", category: "logistics" },
  ],
};

describe("findTerms", () => {
  const vocabulary = compilePacks([finance, shop]);

  it("finds English terms case-insensitively, with offsets, categories and the matched surface", () => {
    const text = "I had a Margin Call and closed my position";
    const matches = vocabulary.findTerms(text);
    expect(matches).toEqual([
      {
        term: "margin call",
        surface: "Margin Call",
        start: 8,
        end: 19,
        language: "en",
        packId: "finance-mini",
        entityType: "concept",
        category: "risk-event",
        polarity: -2,
        boost: 1.5,
      },
      {
        term: "position",
        surface: "position",
        start: 34,
        end: 42,
        language: "en",
        packId: "finance-mini",
        entityType: "concept",
        category: "position",
        boost: 1,
      },
    ]);
    for (const match of matches) expect(text.slice(match.start, match.end)).toBe(match.surface);
  });

  it("prefers the longest match and treats hyphens and spaces alike", () => {
    expect(vocabulary.findTerms("Set a stop loss order, then my stop-loss hit").map((match) => [match.term, match.surface])).toEqual([
      ["stop-loss order", "stop loss order"],
      ["stop-loss", "stop-loss"],
    ]);
  });

  it("respects word boundaries in Latin script", () => {
    expect(vocabulary.findTerms("repositioning the holdings returned nothing")).toEqual([
      expect.objectContaining({ term: "position", surface: "holdings" }),
    ]);
  });

  it("matches regular English plurals, but a written surface beats a generated plural", () => {
    expect(vocabulary.findTerms("two margin calls and three refunds").map((match) => match.surface)).toEqual(["margin calls", "refunds"]);
    // "returns" is written in the shop pack; finance's "return" would otherwise generate it and win by precedence.
    expect(vocabulary.findTerms("free returns")[0]).toMatchObject({ packId: "shop-mini", category: "after-sales-plural" });
  });

  it("matches Chinese as substrings, longest first, including mixed-script terms", () => {
    expect(
      vocabulary.findTerms("被强制平仓后我要退钱，快递单号是SF123，A股大跌").map((match) => [match.term, match.surface, match.start]),
    ).toEqual([
      ["爆仓", "强制平仓", 1],
      ["退款", "退钱", 8],
      ["快递单号", "快递单号", 11],
      ["大盘", "A股", 22],
    ]);
    expect(vocabulary.findTerms("我买了iPhone然后平仓")).toEqual([expect.objectContaining({ term: "平仓", start: 11 })]);
  });

  it("gives a surface defined by two packs to the earlier pack", () => {
    expect(compilePacks([finance, shop]).findTerms("return")[0]?.packId).toBe("finance-mini");
    expect(compilePacks([shop, finance]).findTerms("return")[0]?.packId).toBe("shop-mini");
  });

  it("returns nothing for text without pack terms", () => {
    expect(vocabulary.findTerms("")).toEqual([]);
    expect(vocabulary.findTerms("The weather is nice today, 今天天气很好")).toEqual([]);
  });
});

describe("emotionTerms", () => {
  const vocabulary = compilePacks([finance, shop]);

  it("lists every term and synonym with a polarity, in scoreEmotion's form, as one frozen array", () => {
    const terms = vocabulary.emotionTerms();
    expect(terms).toBe(vocabulary.emotionTerms());
    expect(Object.isFrozen(terms)).toBe(true);
    expect(terms).toContainEqual({ term: "stop loss", weight: -1 });
    expect(terms).toContainEqual({ term: "stop loss order", weight: 0 });
    expect(terms).toContainEqual({ term: "强制平仓", weight: -3 });
    expect(terms).toContainEqual({ term: "退钱", weight: -1 });
    expect(terms.some((entry) => entry.term === "position")).toBe(false);
    // "return" belongs to finance (the earlier pack), which gives it no polarity: the shop's -1 does not apply.
    expect(terms.some((entry) => entry.term === "return")).toBe(false);
    expect(compilePacks([shop, finance]).emotionTerms()).toContainEqual({ term: "return", weight: -1 });
  });

  it("changes scoreEmotion: neutral jargon is neutralised and domain terms count", () => {
    const extraTerms = vocabulary.emotionTerms();
    expect(scoreEmotion({ text: "I placed a stop-loss order" }).score).toBeLessThan(50);
    expect(scoreEmotion({ text: "I placed a stop-loss order", extraTerms }).score).toBe(50);
    expect(scoreEmotion({ text: "I had a margin call", extraTerms }).score).toBeLessThan(
      scoreEmotion({ text: "I had a margin call" }).score,
    );
  });
});

describe("synonymsOf, expandTerms, boostOf, emotionWeight", () => {
  const vocabulary = compilePacks([shop, finance]);

  it("returns an entry's canonical term and synonyms for any of its forms", () => {
    expect(vocabulary.synonymsOf("返款")).toEqual(["退款", "退钱", "返款"]);
    expect(vocabulary.synonymsOf("Money-Back")).toEqual(["refund", "money back"]);
    expect(vocabulary.synonymsOf("refunds")).toEqual(["refund", "money back"]);
    expect(vocabulary.synonymsOf("banana")).toEqual([]);
  });

  it("expands query tokens, multi-word terms and segmented Chinese terms, without the tokens themselves", () => {
    expect(vocabulary.expandTerms(["refund", "stop", "loss"])).toEqual(["money back", "stoploss"]);
    expect(vocabulary.expandTerms(["快递", "单号"])).toEqual(["运单号"]);
    expect(vocabulary.expandTerms(["退款", "退钱"])).toEqual(["返款"]);
    expect(vocabulary.expandTerms(["weather"])).toEqual([]);
  });

  it("gives each word its entry's boost, 1 when unknown", () => {
    expect(vocabulary.boostOf("退钱")).toBe(1.5);
    expect(vocabulary.boostOf("Margin Call")).toBe(1.5);
    expect(vocabulary.boostOf("weather")).toBe(1);
  });

  it("takes the emotion weight of the first pack that declares one", () => {
    expect(vocabulary.emotionWeight).toBe(0.45);
    expect(compilePacks([finance, shop]).emotionWeight).toBe(0.15);
    const { scenarioWeights: _, ...withoutWeights } = finance;
    expect(compilePacks([withoutWeights, shop]).emotionWeight).toBe(0.45);
    expect(compilePacks([]).emotionWeight).toBeUndefined();
  });

  it("reports the packs in precedence order and the number of written surfaces", () => {
    expect(vocabulary.packs).toEqual([
      { id: "shop-mini", version: "2.1.0" },
      { id: "finance-mini", version: "1.0.0" },
    ]);
    expect(compilePacks([shop]).surfaceCount).toBe(11);
  });
});

describe("compilePacks validation", () => {
  it("refuses the same pack twice and a hand-built invalid pack", () => {
    expect(() => compilePacks([shop, shop])).toThrow(expect.objectContaining({ code: "INPUT_INVALID" }));
    const broken = { ...shop, terms: [{ term: "refund", language: "en" as const, polarity: 9 }] };
    try {
      compilePacks([broken]);
      expect.unreachable();
    } catch (error) {
      expect(MnemoError.isInstance(error) && error.code).toBe("INPUT_INVALID");
    }
  });
});
