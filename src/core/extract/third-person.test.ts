import { describe, expect, it } from "vitest";
import { thirdPersonVerb, toThirdPerson } from "./third-person.js";

describe("thirdPersonVerb", () => {
  it("conjugates regular and irregular verbs", () => {
    expect(["love", "try", "go", "watch", "have", "am", "play", "did", "moved", "can"].map(thirdPersonVerb)).toEqual([
      "loves",
      "tries",
      "goes",
      "watches",
      "has",
      "is",
      "plays",
      "did",
      "moved",
      "can",
    ]);
  });
});

describe("toThirdPerson", () => {
  const asSaidBy = (speaker: string) => (text: string) => toThirdPerson({ text, speaker });

  it("rewrites first-person English statements", () => {
    expect(toThirdPerson({ text: "I moved to Lisbon last month", speaker: "Lena" })).toBe("Lena moved to Lisbon last month");
    expect(toThirdPerson({ text: "I love my cat", speaker: "Lena" })).toBe("Lena loves Lena's cat");
    expect(toThirdPerson({ text: "I'm allergic to peanuts", speaker: "Lena" })).toBe("Lena is allergic to peanuts");
    expect(toThirdPerson({ text: "I really enjoy pottery and it relaxes me", speaker: "Sam" })).toBe(
      "Sam really enjoys pottery and it relaxes Sam",
    );
    expect(toThirdPerson({ text: "I've been painting", speaker: "Sam" })).toBe("Sam has been painting");
    expect(toThirdPerson({ text: "Yesterday I went hiking", speaker: "Sam" })).toBe("Yesterday Sam went hiking");
  });

  it("skips adverbs before the verb and rewrites every I (was 'probablies', 'highlies', 'Lena thinks I like')", () => {
    const rewrite = asSaidBy("Nate");
    expect(rewrite("I highly recommend it")).toBe("Nate highly recommends it");
    expect(rewrite("I probably also have loads of books")).toBe("Nate probably also has loads of books");
    expect(rewrite("I eventually got the hang of it")).toBe("Nate eventually got the hang of it");
    expect(rewrite("I first watched it 3 years ago")).toBe("Nate first watched it 3 years ago");
    expect(rewrite("I generally don't get competitive")).toBe("Nate generally doesn't get competitive");
    expect(rewrite("I think I like it")).toBe("Nate thinks Nate likes it");
    expect(rewrite("I rely on them and I reply fast")).toBe("Nate relies on them and Nate replies fast");
    expect(rewrite("I said I'd come")).toBe("Nate said Nate would come");
    expect(rewrite("I-95 is busy")).toBe("I-95 is busy");
  });

  it("keeps negative contractions whole (was 'Lena dons't', 'havens't', 'couldns't')", () => {
    const rewrite = asSaidBy("Lena");
    expect(rewrite("I don't live in Porto anymore.")).toBe("Lena doesn't live in Porto anymore.");
    expect(rewrite("I really don't like olives")).toBe("Lena really doesn't like olives");
    expect(rewrite("I haven't tried it yet")).toBe("Lena hasn't tried it yet");
    expect(rewrite("I don’t know")).toBe("Lena doesn’t know");
    expect(["I couldn't agree more", "I didn't go", "I can't wait", "I won't stop", "I wasn't there"].map(rewrite)).toEqual([
      "Lena couldn't agree more",
      "Lena didn't go",
      "Lena can't wait",
      "Lena won't stop",
      "Lena wasn't there",
    ]);
    expect(toThirdPerson({ text: "It reminds me of Italy, Ivy said", speaker: "Dave" })).toBe("It reminds Dave of Italy, Ivy said");
  });

  it("leaves we, you and third-person text alone", () => {
    expect(toThirdPerson({ text: "We went to the beach with you", speaker: "Sam" })).toBe("We went to the beach with you");
    expect(toThirdPerson({ text: "Anna lives in Porto", speaker: "Sam" })).toBe("Anna lives in Porto");
  });

  it("rewrites Chinese first person but not 我们", () => {
    expect(toThirdPerson({ text: "我上周去了辛特拉，我们很开心", speaker: "Lena" })).toBe("Lena上周去了辛特拉，我们很开心");
  });
});
