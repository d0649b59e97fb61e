import { describe, expect, it } from "vitest";
import * as understand from "./index.js";

const referenceTime = new Date("2024-05-08T13:56:00Z");

/** A realistic mix of short chat messages in both languages. */
const messages = [
  "Hey Mel! Good to see you! How have you been?",
  "I went to a LGBTQ support group yesterday and it was so powerful.",
  "Oh wow, that's great! What happened at the support group last week?",
  "The transgender stories were so inspiring! I was so happy and thankful for all the support.",
  "I'm planning to move to Lisbon next month with my family, can't wait!",
  "我昨天去了医院，医生说没什么大问题。",
  "上周五我们一起吃了饭，非常开心！",
  "这个产品太糟糕了，我要投诉并申请退款。",
  "你好，最近怎么样？",
  "明天下午三点开会，记得带上报告。",
];

describe("understand index", () => {
  it("re-exports every module", () => {
    for (const name of [
      "detectLanguage",
      "splitSentences",
      "resolveTimeExpressions",
      "formatTimeRange",
      "parseSessionDate",
      "scoreEmotion",
      "parseChineseNumber",
    ]) {
      expect(typeof (understand as Record<string, unknown>)[name], name).toBe("function");
    }
  });

  it("understands a message end to end", () => {
    const text = "I moved to Lisbon last month. I love it here!";
    expect(understand.detectLanguage(text)).toBe("en");
    expect(understand.splitSentences(text)).toEqual(["I moved to Lisbon last month.", "I love it here!"]);
    const [time] = understand.resolveTimeExpressions({ text, referenceTime });
    expect(time && understand.formatTimeRange(time)).toBe("2024-04");
    expect(understand.scoreEmotion({ text }).polarity).toBe("positive");
  });

  it("is fast enough to run on every message at ingest", () => {
    const understandMessage = (text: string): void => {
      const language = understand.detectLanguage(text);
      understand.splitSentences(text);
      understand.resolveTimeExpressions({ text, referenceTime, language });
      understand.scoreEmotion({ text, language });
    };
    for (const text of messages) understandMessage(text); // warm up
    const rounds = 200;
    const started = performance.now();
    for (let round = 0; round < rounds; round++) for (const text of messages) understandMessage(text);
    const perSecond = (rounds * messages.length) / ((performance.now() - started) / 1000);
    // About 40,000 messages per second on a laptop; the bound is loose so slow CI machines pass.
    expect(perSecond).toBeGreaterThan(2_000);
  });
});
