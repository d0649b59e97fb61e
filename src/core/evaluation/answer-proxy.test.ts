import { describe, expect, it } from "vitest";
import { answerProxy, contextWords } from "./answer-proxy.js";

describe("answer-in-context proxy", () => {
  const words = contextWords(["[8 May 2023] I went to the support group yesterday.", "[27 June 2023] We hiked in Porto."]);

  it("joins item texts and splits on whitespace", () => {
    expect(words).toHaveLength(17);
    expect(words[0]).toBe("[8");
  });

  it("hits when every sub-answer occurs as a phrase within the budget", () => {
    expect(answerProxy({ answerParts: ["8 May 2023"], words, budget: 256 })).toEqual({ hit: 1, tokenOverlap: 1 });
    expect(answerProxy({ answerParts: ["support group", "Porto"], words, budget: 0 })).toEqual({ hit: 1, tokenOverlap: 1 });
    expect(answerProxy({ answerParts: ["support group", "Porto"], words, budget: 9 })).toEqual({ hit: 0, tokenOverlap: 2 / 3 });
  });

  it("credits tokens without the phrase ('May 8, 2023' vs '8 May 2023')", () => {
    expect(answerProxy({ answerParts: ["May 8, 2023"], words, budget: 0 })).toEqual({ hit: 0, tokenOverlap: 1 });
  });
});
