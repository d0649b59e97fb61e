import { describe, expect, it } from "vitest";
import { isSmallTalk } from "./small-talk.js";

describe("isSmallTalk", () => {
  it("finds greetings, thanks, praise and agreement that say nothing of their own", () => {
    for (const sentence of [
      "Hey Joanna! Long time no see!",
      "Wow, that is awesome!",
      "Keep up the good work!",
      "You've got this!",
      "See ya!",
      "Sounds like a plan!",
      "Yeah, totally! It's such a good one.",
    ]) {
      expect(isSmallTalk(sentence), sentence).toBe(true);
    }
  });

  it("keeps what carries a fact, a thing or a time", () => {
    for (const sentence of [
      "Wow Nate! Congrats on winning!",
      "Your support means a lot.",
      "Glad Max is bringing you lots of joy.",
      "Thanks for the recommendation!",
      "We have been together for 3 years.",
      "谢谢你的帮助",
    ]) {
      expect(isSmallTalk(sentence), sentence).toBe(false);
    }
  });
});
