import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences.js";

describe("splitSentences", () => {
  it("splits English on . ! ?", () => {
    expect(splitSentences("I moved to Lisbon. It is sunny! Do you like it?")).toEqual([
      "I moved to Lisbon.",
      "It is sunny!",
      "Do you like it?",
    ]);
  });

  it("keeps titles, decimals, versions, domains and initials inside sentences", () => {
    expect(splitSentences("Mr. Smith paid $3.5 million. He was happy!")).toEqual(["Mr. Smith paid $3.5 million.", "He was happy!"]);
    expect(splitSentences("Dr. Lee and Mrs. Wong met at St. Mary's. They talked.")).toEqual([
      "Dr. Lee and Mrs. Wong met at St. Mary's.",
      "They talked.",
    ]);
    expect(splitSentences("We run version 2.10.3 on example.com now. Thanks")).toEqual([
      "We run version 2.10.3 on example.com now.",
      "Thanks",
    ]);
    expect(splitSentences("J. K. Rowling wrote it. Cool!")).toEqual(["J. K. Rowling wrote it.", "Cool!"]);
    expect(splitSentences("Bring fruit, e.g. apples. Then go.")).toEqual(["Bring fruit, e.g. apples.", "Then go."]);
  });

  it("ends at a closing abbreviation only before a capitalised word", () => {
    expect(splitSentences("We met at 7 a.m. on Monday. It was early.")).toEqual(["We met at 7 a.m. on Monday.", "It was early."]);
    expect(splitSentences("I bought pens, paper, etc. Then I left.")).toEqual(["I bought pens, paper, etc.", "Then I left."]);
  });

  it("treats ellipses as pauses unless a capitalised sentence follows", () => {
    expect(splitSentences("I was thinking... maybe not. Wait... What?")).toEqual(["I was thinking... maybe not.", "Wait...", "What?"]);
    expect(splitSentences("Well… maybe so.")).toEqual(["Well… maybe so."]);
    expect(splitSentences("我……不知道。")).toEqual(["我……不知道。"]);
  });

  it("keeps runs of terminators and closing quotes with their sentence", () => {
    expect(splitSentences("Really?! Yes!!")).toEqual(["Really?!", "Yes!!"]);
    expect(splitSentences('He said "Hi." Then he left.')).toEqual(['He said "Hi."', "Then he left."]);
    expect(splitSentences("She asked (why?) and left.")).toEqual(["She asked (why?) and left."]);
  });

  it("splits Chinese without spaces", () => {
    expect(splitSentences("我昨天去了医院。医生说没事！你呢？")).toEqual(["我昨天去了医院。", "医生说没事！", "你呢？"]);
    expect(splitSentences("他说：“走吧！”然后就走了。")).toEqual(["他说：“走吧！”", "然后就走了。"]);
    expect(splitSentences("第一点；第二点。")).toEqual(["第一点；", "第二点。"]);
    expect(splitSentences("价格是3.5元。好的")).toEqual(["价格是3.5元。", "好的"]);
  });

  it("splits mixed English and Chinese", () => {
    expect(splitSentences("I love it!我也是。")).toEqual(["I love it!", "我也是。"]);
  });

  it("treats line breaks as boundaries and keeps list numbers", () => {
    expect(splitSentences("1. Buy milk\n2. Call Mom\n\nDone")).toEqual(["1. Buy milk", "2. Call Mom", "Done"]);
  });

  it("returns no sentences for blank text and one for text without terminators", () => {
    expect(splitSentences("")).toEqual([]);
    expect(splitSentences("   \n ")).toEqual([]);
    expect(splitSentences("just a fragment")).toEqual(["just a fragment"]);
  });
});
