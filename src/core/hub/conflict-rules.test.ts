import { describe, expect, it } from "vitest";
import { detectConflicts, findAversions, findDeniedAversions, findSingleValuedFacts, isProposal, mentionOf } from "./conflict-rules.js";

describe("conflict rules", () => {
  it("finds aversions in English and Chinese, first and third person", () => {
    const terms = (text: string) => findAversions(text).map((aversion) => aversion.term);
    expect(terms("The user is allergic to peanuts")).toEqual(["peanuts"]);
    expect(terms("I'm allergic to peanuts and shellfish.")).toEqual(expect.arrayContaining(["peanuts", "shellfish"]));
    expect(terms("She has a severe peanut allergy")).toEqual(["peanut"]);
    expect(terms("He is lactose intolerant")).toEqual(["lactose"]);
    expect(terms("The customer can't eat gluten anymore")).toEqual(["gluten"]);
    expect(terms("The user hates cilantro")).toEqual(["cilantro"]);
    expect(terms("用户对花生过敏")).toEqual(["花生"]);
    expect(terms("患者青霉素过敏，不能吃海鲜")).toEqual(expect.arrayContaining(["青霉素", "海鲜"]));
    expect(terms("他有青霉素过敏史")).toEqual(["青霉素"]);
    expect(terms("我讨厌香菜")).toEqual(["香菜"]);
    expect(terms("忌口：辛辣")).toEqual(["辛辣"]);
    expect(terms("The user lives in Lisbon")).toEqual([]);
    expect(terms("She has a food allergy")).toEqual([]);
  });

  it("finds no aversion where a statement denies or ends one", () => {
    const terms = (text: string) => findAversions(text).map((aversion) => aversion.term);
    for (const text of [
      "Lena is not allergic to peanuts anymore.",
      "I'm no longer allergic to shellfish",
      "She isn't really allergic to cats.",
      "No peanut allergy.",
      "Lena对花生不过敏了。",
      "患者对青霉素没有过敏",
    ]) {
      expect(terms(text), text).toEqual([]);
    }
    expect(terms("The user is not only allergic to peanuts")).toEqual(["peanuts"]);
    expect(findDeniedAversions("Lena is no longer allergic to peanuts")).toEqual(["peanuts"]);
    expect(findDeniedAversions("Lena对花生不过敏了。")).toEqual(["花生"]);
    expect(findDeniedAversions("The user is allergic to peanuts")).toEqual([]);
  });

  it("tells proposals from statements, and negated mentions from real ones", () => {
    expect(isProposal({ text: "Recommended the Thai peanut satay kit to the user" })).toBe(true);
    expect(isProposal({ text: "给用户开了青霉素" })).toBe(true);
    expect(isProposal({ text: "Ordered a box of chocolates for the user" })).toBe(true);
    for (const text of [
      "Try the peanut cookies",
      "You should try the satay",
      "How about the walnut cake?",
      "You'll love the shrimp",
      "尝尝花生酥",
      "要不要来一份虾饺",
    ])
      expect(isProposal({ text })).toBe(true);
    expect(isProposal({ text: "The user is allergic to peanuts" })).toBe(false);
    expect(isProposal({ text: "Recommended avoiding peanuts" })).toBe(false);
    expect(isProposal({ text: "The user likes jazz", kind: "plan" })).toBe(true);
    expect(mentionOf({ text: "Recommended the Thai peanut satay kit", term: "peanuts" })).toEqual({ mentioned: true, negated: false });
    expect(mentionOf({ text: "Recommended a peanut-free snack box", term: "peanuts" })).toEqual({ mentioned: true, negated: true });
    expect(mentionOf({ text: "Suggested a curry without peanuts", term: "peanuts" }).negated).toBe(true);
    expect(mentionOf({ text: "推荐了不含花生的零食", term: "花生" }).negated).toBe(true);
    expect(mentionOf({ text: "Recommended the almond cake", term: "peanuts" }).mentioned).toBe(false);
  });

  it("finds where the user lives and works, not where others do", () => {
    expect(findSingleValuedFacts("The user lives in Lisbon")).toEqual([{ predicate: "lives_in", value: "lisbon" }]);
    expect(findSingleValuedFacts("User moved to Porto last month")).toEqual([{ predicate: "lives_in", value: "porto" }]);
    expect(findSingleValuedFacts("I work at Google")).toEqual([{ predicate: "works_at", value: "google" }]);
    expect(findSingleValuedFacts("The user's sister lives in Madrid")).toEqual([]);
    expect(findSingleValuedFacts("用户住在上海")).toEqual([{ predicate: "lives_in", value: "上海" }]);
    expect(findSingleValuedFacts("他在腾讯工作")).toEqual([{ predicate: "works_at", value: "腾讯" }]);
  });

  it("reads clauses of any length in linear time (these inputs took minutes, or hours, before)", () => {
    // Spaces before a word that is no subject: the old pattern backtracked exponentially (76 s at ten spaces).
    expect(findSingleValuedFacts(`I${" ".repeat(40)}x lives in Lisbon`)).toEqual([]);
    expect(findSingleValuedFacts(`The user${" ".repeat(40)}now lives in Lisbon`)).toEqual([{ predicate: "lives_in", value: "lisbon" }]);
    // "刚刚" or "刚" twice: exponential in the old alternation.
    expect(findSingleValuedFacts(`${"刚".repeat(60)}的朋友住在北京`)).toEqual([]);
    expect(findSingleValuedFacts(`我${"刚".repeat(60)}住在北京`)).toEqual([{ predicate: "lives_in", value: "北京" }]);
    // A fact in every clause of a 100,000-character text (a search back from each was quadratic: 8.5 s).
    expect(findSingleValuedFacts("我住在北京，".repeat(16_000))).toEqual([{ predicate: "lives_in", value: "北京" }]);
  });

  it("reads aversions of any length in linear time", () => {
    const recommended = { id: "n1", agentId: "b", text: "Recommended shellfish soup" };
    const termsOf = (text: string) =>
      detectConflicts({ added: [recommended], others: [{ id: "m1", agentId: "a", text }] }).map((conflict) => conflict.term);
    // Each of these backtracked over its run (seconds at 100,000 characters); the last two make no clean term.
    expect(termsOf(`The user is allergic to shellfish${" ".repeat(30_000)}`)).toEqual(["shellfish"]);
    expect(termsOf(`The user is allergic to shellfish${" now".repeat(8_000)}x`)).toEqual([]);
    expect(termsOf(`The user is allergic to ${"y-".repeat(15_000)}x allergy`)).toEqual([]);
  });

  it("reports an aversion against a proposal in either order, and contradictory single-valued facts", () => {
    const allergy = { id: "m1", agentId: "consulting", text: "The user is allergic to peanuts" };
    const offer = { id: "n1", agentId: "after-sales", text: "Recommended the Thai peanut satay kit to the user" };
    expect(detectConflicts({ added: [offer], others: [allergy] })).toEqual([
      expect.objectContaining({ memoryId: "m1", agentId: "consulting", rule: "aversion", term: "peanuts", newMemoryId: "n1" }),
    ]);
    expect(detectConflicts({ added: [allergy], others: [offer] })).toEqual([
      expect.objectContaining({ memoryId: "n1", agentId: "after-sales", rule: "aversion", newMemoryId: "m1" }),
    ]);
    expect(
      detectConflicts({
        added: [{ id: "n2", text: "开了青霉素注射液" }],
        others: [{ id: "m2", agentId: "triage", text: "患者青霉素过敏" }],
      }),
    ).toEqual([expect.objectContaining({ memoryId: "m2", term: "青霉素" })]);
    expect(
      detectConflicts({
        added: [{ id: "n3", agentId: "b", text: "The user lives in Porto" }],
        others: [{ id: "m3", text: "The user lives in Lisbon" }],
      }),
    ).toEqual([expect.objectContaining({ memoryId: "m3", agentId: null, rule: "single-valued", term: "lisbon" })]);
    expect(detectConflicts({ added: [{ id: "n4", text: "Recommended a peanut-free cookie box" }], others: [allergy] })).toEqual([]);
    expect(
      detectConflicts({
        added: [{ id: "n5", text: "The user lives in Lisbon" }],
        others: [{ id: "m5", text: "User lives in Lisbon now" }],
      }),
    ).toEqual([]);
  });
});
