import { describe, expect, it } from "vitest";
import { extractRelations } from "./relations.js";

const ended = (text: string) =>
  extractRelations(text).map((relation) => [relation.ended === true ? "ended" : "holds", relation.predicate, relation.object]);
const triples = (text: string) => extractRelations(text).map((relation) => [relation.predicate, relation.object, relation.qualifier ?? ""]);

describe("extractRelations (English)", () => {
  it("finds residence, work and study", () => {
    expect(triples("I moved to Lisbon last month for a job.")).toEqual([["lives_in", "Lisbon", ""]]);
    expect(triples("I live in Porto now.")).toEqual([["lives_in", "Porto", ""]]);
    expect(triples("I work at Acme Labs since May")).toEqual([["works_at", "Acme Labs", ""]]);
    expect(triples("I got a new job at Globex")).toEqual([["works_at", "Globex", ""]]);
  });

  it("finds favourites, likes, dislikes and allergies", () => {
    expect(triples("My favourite colour is now green!")).toEqual([["favourite", "green", "colour"]]);
    expect(triples("I really love green tea, but I hate coffee.")).toEqual([
      ["likes", "green tea", ""],
      ["dislikes", "coffee", ""],
    ]);
    expect(triples("I'm allergic to peanuts")).toEqual([["allergic_to", "peanuts", ""]]);
  });

  it("finds family, friends and pets", () => {
    expect(triples("My sister Anna and my friend Tom came over with my dog Pixel")).toEqual([
      ["family_member", "Anna", "sister"],
      ["friend_of", "Tom", "friend"],
      ["has_pet", "Pixel", "dog"],
    ]);
  });

  it("gives someone else's residence and work to them, and nothing else of theirs to the speaker", () => {
    const withSubjects = (text: string) =>
      extractRelations(text).map((relation) => [relation.subject ?? "(speaker)", relation.predicate, relation.object]);
    expect(withSubjects("Anna moved to Porto and she loves it")).toEqual([["Anna", "lives_in", "Porto"]]);
    expect(withSubjects("My friend Tom works at Globex now")).toEqual([
      ["(speaker)", "friend_of", "Tom"],
      ["Tom", "works_at", "Globex"],
    ]);
    expect(withSubjects("Tom got a new job at Initech")).toEqual([["Tom", "works_at", "Initech"]]);
  });

  it("finds statements that end a relation, and no positive one in them", () => {
    expect(ended("I don't live in Porto anymore.")).toEqual([["ended", "lives_in", "Porto"]]);
    expect(ended("I no longer live in Lisbon")).toEqual([["ended", "lives_in", "Lisbon"]]);
    expect(ended("I moved out of Berlin last year")).toEqual([["ended", "lives_in", "Berlin"]]);
    expect(ended("I quit my job at Acme Labs yesterday")).toEqual([["ended", "works_at", "Acme Labs"]]);
    expect(ended("I stopped working for Globex in May")).toEqual([["ended", "works_at", "Globex"]]);
    expect(ended("I'm not allergic to peanuts anymore")).toEqual([["ended", "allergic_to", "peanuts"]]);
    expect(ended("I am no longer allergic to shellfish.")).toEqual([["ended", "allergic_to", "shellfish"]]);
    expect(ended("I don't like coffee anymore.")).toEqual([
      ["holds", "dislikes", "coffee"],
      ["ended", "likes", "coffee"],
    ]);
    expect(ended("I stopped liking jazz")).toEqual([["ended", "likes", "jazz"]]);
    // Only "anymore" makes "don't like" an ending; without it, it is a dislike.
    expect(ended("I don't like coffee.")).toEqual([["holds", "dislikes", "coffee"]]);
  });
});

describe("extractRelations (Chinese)", () => {
  it("finds residence, work, likes, allergies and favourites", () => {
    expect(triples("我上个月搬到了里斯本。")).toEqual([["lives_in", "里斯本", ""]]);
    expect(triples("我在阿里巴巴工作")).toEqual([["works_at", "阿里巴巴", ""]]);
    expect(triples("我对青霉素过敏")).toEqual([["allergic_to", "青霉素", ""]]);
    expect(triples("我最喜欢的颜色是绿色。")).toEqual([["favourite", "绿色", "颜色"]]);
    expect(triples("我特别喜欢喝咖啡，但我不喜欢茶。")).toEqual([
      ["likes", "喝咖啡", ""],
      ["dislikes", "茶", ""],
    ]);
  });

  it("finds family members", () => {
    expect(triples("我妹妹安娜也来了")).toEqual([["family_member", "安娜", "妹妹"]]);
  });

  it("finds statements that end a relation", () => {
    expect(ended("我不再住在北京了。")).toEqual([["ended", "lives_in", "北京"]]);
    expect(ended("我已经不在腾讯工作了")).toEqual([["ended", "works_at", "腾讯"]]);
    expect(ended("我对花生不过敏了")).toEqual([["ended", "allergic_to", "花生"]]);
    expect(ended("我不再喜欢咖啡了。")).toEqual([["ended", "likes", "咖啡"]]);
  });
});
