import { describe, expect, it } from "vitest";
import { type EmotionTerm, scoreEmotion } from "./emotion.js";
import { ENGLISH_EMOTION_TERMS } from "./emotion-lexicon-en.js";
import { CHINESE_EMOTION_TERMS } from "./emotion-lexicon-zh.js";

const score = (text: string): number => scoreEmotion({ text }).score;

/** Asserts that the texts score in strictly decreasing order. */
function expectDescending(texts: string[]): void {
  const scores = texts.map(score);
  for (let position = 1; position < texts.length; position++) {
    expect(
      scores[position - 1],
      `${JSON.stringify(texts[position - 1])} (${scores[position - 1]}) > ${JSON.stringify(texts[position])} (${scores[position]})`,
    ).toBeGreaterThan(scores[position] as number);
  }
}

describe("scoreEmotion: English", () => {
  it("orders English messages as a person would", () => {
    expectDescending([
      "I absolutely love this, best day ever!",
      "I like it",
      "The meeting is at 3pm",
      "I don't like it",
      "This is terrible, I hate it!!",
    ]);
  });

  it("scores neutral text at 50 with no intensity", () => {
    expect(scoreEmotion({ text: "The meeting is at 3pm" })).toEqual({
      score: 50,
      intensity: 0,
      polarity: "neutral",
      matchedTerms: [],
    });
    expect(score("")).toBe(50);
  });

  it("reads 'not bad' as mildly positive", () => {
    const result = scoreEmotion({ text: "not bad" });
    expect(result.score).toBeGreaterThan(50);
    expect(result.score).toBeLessThan(75);
    expect(result.polarity).toBe("positive");
  });

  it("flips negated terms and dampens them", () => {
    expect(score("I'm not happy")).toBeLessThan(50);
    expect(score("I'm not happy")).toBeGreaterThan(score("I'm sad"));
    expect(score("I never liked it")).toBeLessThan(50);
    expect(score("It wasn't great")).toBeLessThan(50);
  });

  it("stops negation at the end of a clause", () => {
    expect(score("I did not sleep. Today I feel great")).toBeGreaterThan(70);
  });

  it("applies intensifiers and dampeners", () => {
    expect(score("I am very happy")).toBeGreaterThan(score("I am happy"));
    expect(score("I am extremely happy")).toBeGreaterThan(score("I am very happy"));
    expect(score("I am a bit sad")).toBeGreaterThan(score("I am sad"));
    expect(score("pretty good")).toBeGreaterThan(score("good"));
  });

  it("finds inflected forms", () => {
    expect(scoreEmotion({ text: "She loved the gift" }).matchedTerms).toEqual(["love"]);
    expect(scoreEmotion({ text: "He hates mornings" }).matchedTerms).toEqual(["hate"]);
    expect(scoreEmotion({ text: "I've never been happier" }).matchedTerms).toEqual(["happy"]);
    expect(scoreEmotion({ text: "That was upsetting" }).matchedTerms).toEqual(["upset"]);
  });

  it("reads 'like' as a feeling only when it is a verb", () => {
    expect(score("It looks like rain")).toBe(50);
    expect(score("I like rain")).toBeGreaterThan(50);
  });

  it("matches phrases before single words", () => {
    const result = scoreEmotion({ text: "I can't wait to see you" });
    expect(result.matchedTerms).toEqual(["can't wait"]);
    expect(result.polarity).toBe("positive");
    expect(score("My grandmother passed away")).toBeLessThan(30);
  });

  it("weighs the clause after 'but' more", () => {
    expect(score("It was hard, but I loved it")).toBeGreaterThan(60);
    expect(score("The food was good, but the service was terrible")).toBeLessThan(50);
  });

  it("treats capitals as emphasis", () => {
    expect(score("I LOVE it")).toBeGreaterThan(score("I love it"));
  });

  it("raises intensity with exclamation marks and lowers it for questions", () => {
    const plain = scoreEmotion({ text: "I am happy" });
    const excited = scoreEmotion({ text: "I am happy!!!" });
    expect(excited.intensity).toBeGreaterThan(plain.intensity);
    expect(excited.score).toBeGreaterThan(plain.score);
    expect(scoreEmotion({ text: "Are you happy?" }).intensity).toBeLessThan(plain.intensity);
  });

  it("keeps score within 0..100 and intensity within 0..1", () => {
    const extreme = scoreEmotion({ text: "TERRIBLE!!!! awful, horrible, disgusting, I hate hate hate it!!!!" });
    expect(extreme.score).toBeGreaterThanOrEqual(0);
    expect(extreme.score).toBeLessThan(5);
    expect(extreme.intensity).toBeLessThanOrEqual(1);
    expect(extreme.polarity).toBe("negative");
  });

  it("dilutes a single term in a long message", () => {
    const long = `good ${"the report covers the quarterly numbers and the plan for the next sprint ".repeat(4)}`;
    expect(score(long)).toBeLessThan(score("good"));
    expect(score(long)).toBeGreaterThan(50);
  });
});

describe("scoreEmotion: Chinese", () => {
  it("orders Chinese messages as a person would", () => {
    expectDescending(["我今天特别开心！", "还行", "我很失望", "太糟糕了，我非常生气！"]);
  });

  it("flips negated terms", () => {
    expect(score("我不开心")).toBeLessThan(50);
    expect(score("我没有很满意")).toBeLessThan(50);
    expect(score("别担心")).toBeGreaterThan(50);
  });

  it("cancels double negation into a weak positive", () => {
    const result = score("我没有不开心");
    expect(result).toBeGreaterThan(50);
    expect(result).toBeLessThan(score("我开心"));
  });

  it("does not read negators inside fixed words", () => {
    expect(score("这个不错")).toBeGreaterThan(60);
    expect(score("没问题")).toBeGreaterThan(50);
    expect(scoreEmotion({ text: "不好意思，请问几点了" }).matchedTerms).toEqual([]);
  });

  it("does not read terms inside ordinary words", () => {
    expect(scoreEmotion({ text: "好像要下雨了，我出差去上海" }).matchedTerms).toEqual([]);
    expect(scoreEmotion({ text: "你好，我们积累了很多数据" }).matchedTerms).toEqual([]);
  });

  it("uses intensifiers and dampeners", () => {
    expect(score("我非常开心")).toBeGreaterThan(score("我开心"));
    expect(score("我有点失望")).toBeGreaterThan(score("我失望"));
    expect(score("好开心")).toBeGreaterThan(score("开心"));
  });

  it("recognises domain words for health, customer service and trading", () => {
    for (const text of ["我对青霉素过敏", "术后出现了并发症", "我要投诉并申请退款", "这个月亏损严重", "昨晚爆仓了", "被迫平仓"]) {
      expect(scoreEmotion({ text }).polarity, text).toBe("negative");
    }
    expect(scoreEmotion({ text: "谢谢你，服务很满意" }).polarity).toBe("positive");
  });

  it("weighs the clause after 但是 more", () => {
    expect(score("虽然很累，但是很开心")).toBeGreaterThan(60);
  });

  it("scores mixed Chinese and English", () => {
    expect(score("今天的 demo 太棒了, love it!")).toBeGreaterThan(80);
  });
});

describe("scoreEmotion: options", () => {
  it("adds domain terms through extraTerms", () => {
    const tradingTerms: EmotionTerm[] = [
      { term: "margin call", weight: -3 },
      { term: "moon", weight: 2 },
      { term: "止损", weight: -2 },
    ];
    expect(score("Got a margin call today")).toBe(50);
    expect(scoreEmotion({ text: "Got a margin call today", extraTerms: tradingTerms }).score).toBeLessThan(30);
    expect(scoreEmotion({ text: "to the moon", extraTerms: tradingTerms }).polarity).toBe("positive");
    expect(scoreEmotion({ text: "今天又止损了", extraTerms: tradingTerms }).matchedTerms).toEqual(["止损"]);
  });

  it("clamps extra term weights to -3..+3", () => {
    const loud: EmotionTerm[] = [{ term: "meh", weight: -100 }];
    expect(scoreEmotion({ text: "meh", extraTerms: loud }).score).toBe(scoreEmotion({ text: "terrible" }).score);
  });

  it("skips the Chinese lexicon when told the text is English", () => {
    expect(scoreEmotion({ text: "I visited 开心 park", language: "en" }).matchedTerms).toEqual([]);
    expect(scoreEmotion({ text: "I visited 开心 park" }).matchedTerms).toEqual(["开心"]);
  });
});

describe("emotion lexicons", () => {
  it("hold about 300 entries each, weighted within -3..+3", () => {
    const english = Object.values(ENGLISH_EMOTION_TERMS);
    const chinese = Object.values(CHINESE_EMOTION_TERMS);
    expect(english.length).toBeGreaterThanOrEqual(300);
    expect(chinese.length).toBeGreaterThanOrEqual(300);
    for (const weight of [...english, ...chinese]) {
      expect(weight).toBeGreaterThanOrEqual(-3);
      expect(weight).toBeLessThanOrEqual(3);
    }
  });

  it("contains the required Chinese words with the right polarity", () => {
    for (const word of ["开心", "高兴", "喜欢", "满意", "感谢"]) expect(CHINESE_EMOTION_TERMS[word], word).toBeGreaterThan(0);
    for (const word of ["失望", "生气", "难过", "糟糕", "讨厌", "焦虑", "疼痛", "过敏", "并发症", "投诉", "退款", "亏损", "平仓", "爆仓"]) {
      expect(CHINESE_EMOTION_TERMS[word], word).toBeLessThan(0);
    }
  });
});
