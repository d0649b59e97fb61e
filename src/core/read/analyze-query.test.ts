import { describe, expect, it } from "vitest";
import { createIntlSegmenter } from "../text/intl-segmenter.js";
import { analyzeQuery, resolveQueryTime } from "./analyze-query.js";

const referenceTime = new Date("2023-10-20T00:00:00Z");
const read = (text: string) => resolveQueryTime({ text, referenceTime });

describe("resolveQueryTime", () => {
  it("reads a named time as its own range", () => {
    expect(read("What did I do in June?")).toEqual({ start: "2023-06-01T00:00:00.000Z", end: "2023-07-01T00:00:00.000Z", text: "June" });
    // "after" inside the expression is part of it.
    expect(read("What will I eat the day after tomorrow?")?.text).toBe("the day after tomorrow");
  });

  it("opens the range on the side a bound word names, up to a year, nearest to the bound first", () => {
    expect(read("What did Anna do before May 2023?")).toEqual({
      start: "2022-04-30T00:00:00.000Z",
      end: "2023-05-01T00:00:00.000Z",
      text: "before May 2023",
      near: "2023-05-01T00:00:00.000Z",
    });
    // "after" starts where the month ends; "since" and "until" include the named time.
    expect(read("What happened after June 2022?")).toMatchObject({ start: "2022-07-01T00:00:00.000Z", near: "2022-07-01T00:00:00.000Z" });
    expect(read("What has he done since March 2023?")).toMatchObject({
      start: "2023-03-01T00:00:00.000Z",
      end: "2024-03-01T00:00:00.000Z",
    });
    expect(read("What did I buy until last week?")).toMatchObject({ end: "2023-10-16T00:00:00.000Z", text: "until last week" });
  });

  it("reads a relative day or week next to a dated time against that date, not against now", () => {
    expect(read("What did Joanna share on the Sunday before October 25, 2022?")).toMatchObject({
      start: "2022-10-18T00:00:00.000Z",
      end: "2022-10-25T00:00:00.000Z",
      near: "2022-10-25T00:00:00.000Z",
    });
    expect(read("What did they plan for the Saturday after October 28, 2023?")).toMatchObject({
      start: "2023-10-29T00:00:00.000Z",
      end: "2023-11-05T00:00:00.000Z",
    });
    expect(read("Where was John between August 11 and August 15 2023?")).toMatchObject({
      start: "2023-08-11T00:00:00.000Z",
      end: "2023-08-16T00:00:00.000Z",
    });
    // Otherwise the dated time stands for the question's.
    expect(read("Where did Andrew go at the weekend, in August 2023?")).toMatchObject({
      start: "2023-08-01T00:00:00.000Z",
      end: "2023-09-01T00:00:00.000Z",
    });
    // A part of a dated period is one expression, read to that part.
    expect(read("Where did Andrew go during the first weekend of August 2023?")).toMatchObject({
      start: "2023-08-05T00:00:00.000Z",
      end: "2023-08-07T00:00:00.000Z",
    });
    expect(read("What was his writing issue last week, as mentioned on November 6, 2023?")?.start).toBe("2023-11-06T00:00:00.000Z");
  });

  it("reads Chinese bounds, which follow the time", () => {
    expect(read("2023年5月之前她住在哪里？")).toMatchObject({ end: "2023-05-01T00:00:00.000Z", text: "2023年5月之前" });
    expect(read("三月以来他做了什么？")).toMatchObject({ start: "2023-03-01T00:00:00.000Z", text: "三月以来" });
  });
});

describe("analyzeQuery", () => {
  const segmenter = createIntlSegmenter();
  const named = (text: string) => analyzeQuery({ text, referenceTime, segmenter }).timeRange?.named;

  it("offers a role after a possessive as an entity to resolve by alias ('my sister' → the sister named before)", () => {
    const candidates = (text: string) => analyzeQuery({ text, referenceTime, segmenter }).entityCandidates;
    expect(candidates("Where does my sister live?")).toContain("sister");
    expect(candidates("What does Lena's best friend do?")).toEqual(expect.arrayContaining(["Lena", "best friend"]));
    expect(candidates("Where does the sister of a friend live?")).toEqual([]);
  });

  it("marks a range named outright, which does not move with the day it is asked", () => {
    expect(named("What did Nate change in April 2022?")).toBe(true);
    expect(named("How was John feeling on 10 April 2022?")).toBe(true);
    expect(named("2023年5月她做了什么？")).toBe(true);
    // Relative to the day asked: not named.
    expect(named("What did Nate change last month?")).toBeUndefined();
    expect(named("What did I do in June?")).toBeUndefined();
    expect(named("What did I eat yesterday?")).toBeUndefined();
  });

  it("reads 'which year' and 'in what month' as when-questions", () => {
    const typeOf = (text: string) => analyzeQuery({ text, referenceTime, segmenter }).questionType;
    expect(typeOf("Which year did Audrey adopt her dogs?")).toBe("when");
    expect(typeOf("In what month did they move?")).toBe("when");
    expect(typeOf("Which dog did Audrey adopt first?")).toBe("what");
  });

  it("reads a question asking for a plural as one that combines facts", () => {
    const multiHop = (text: string) => analyzeQuery({ text, referenceTime, segmenter }).multiHop;
    expect(multiHop("What books has Tim read?")).toBe(true);
    expect(multiHop("Which new games did John start to play?")).toBe(true);
    expect(multiHop("What activities does Melanie partake in?")).toBe(true);
    // One thing asked for, or a word ending in -ss: not a list.
    expect(multiHop("What book did Tim read last week?")).toBe(false);
    expect(multiHop("What class does Tim take?")).toBe(false);
    expect(multiHop("What is Tim reading?")).toBe(false);
  });

  it("tells the other party of a question from its subject", () => {
    const parties = (text: string) => analyzeQuery({ text, referenceTime, segmenter }).otherParties;
    expect(parties("What advice does Dara give to Ben about the shop?")).toEqual(["Ben"]);
    expect(parties("Which game did Ana play with Ben last week?")).toEqual(["Ben"]);
    expect(parties("What did Ana say about Ben's new job?")).toEqual(["Ben"]);
    // Both subjects, one name, or only parties: nobody is set apart.
    expect(parties("What do Ana and Ben both like?")).toEqual([]);
    expect(parties("What is a shared worry for Ana and Ben?")).toEqual([]);
    expect(parties("What did Ana buy?")).toEqual([]);
    expect(parties("What did people say to Ana about Ben?")).toEqual([]);
  });
});
