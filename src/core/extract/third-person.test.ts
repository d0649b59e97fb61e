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
  it("rewrites first-person English statements", () => {
    expect(toThirdPerson({ text: "I moved to Lisbon last month", speaker: "Lena" })).toBe("Lena moved to Lisbon last month");
    expect(toThirdPerson({ text: "I love my cat", speaker: "Lena" })).toBe("Lena loves Lena's cat");
    expect(toThirdPerson({ text: "I'm allergic to peanuts", speaker: "Lena" })).toBe("Lena is allergic to peanuts");
    expect(toThirdPerson({ text: "I really enjoy pottery and it relaxes me", speaker: "Sam" })).toBe(
      "Sam really enjoys pottery and it relaxes Sam",
    );
    expect(toThirdPerson({ text: "I've been painting", speaker: "Sam" })).toBe("Sam has been painting");
    expect(toThirdPerson({ text: "Yesterday I went hiking", speaker: "Sam" })).toBe("Yesterday Sam went hiking");
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
