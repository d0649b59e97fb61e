import { describe, expect, it } from "vitest";
import { formatTimeRange, parseSessionDate, resolveTimeExpressions } from "./temporal.js";

/** A Wednesday. */
const referenceTime = new Date("2024-05-08T13:56:00Z");

function resolve(text: string, reference: Date = referenceTime) {
  return resolveTimeExpressions({ text, referenceTime: reference }).map((expression) => ({
    text: expression.text,
    granularity: expression.granularity,
    range: formatTimeRange(expression),
  }));
}

/** The single expression found in `text`, as "granularity range". */
function only(text: string, reference: Date = referenceTime): string {
  const found = resolve(text, reference);
  expect(found, `expressions in ${JSON.stringify(text)}`).toHaveLength(1);
  const [expression] = found;
  return `${expression?.granularity} ${expression?.range}`;
}

describe("resolveTimeExpressions: English", () => {
  it.each([
    ["yesterday", "day 2024-05-07"],
    ["today", "day 2024-05-08"],
    ["tomorrow", "day 2024-05-09"],
    ["the day before yesterday", "day 2024-05-06"],
    ["last Saturday", "day 2024-05-04"],
    ["last Friday", "day 2024-05-03"],
    ["two weeks ago", "day 2024-04-24"],
    ["2 weeks ago", "day 2024-04-24"],
    ["3 days ago", "day 2024-05-05"],
    ["twenty-one days ago", "day 2024-04-17"],
    ["a few days ago", "day 2024-05-04 to 2024-05-06"],
    ["a couple of days ago", "day 2024-05-05 to 2024-05-06"],
    ["a few weeks ago", "week 2024-04-08 to 2024-04-28"],
    ["a month ago", "month 2024-04"],
    ["three months ago", "month 2024-02"],
    ["5 years ago", "year 2019"],
    ["last week", "week week of 2024-04-29"],
    ["this week", "week week of 2024-05-06"],
    ["next week", "week week of 2024-05-13"],
    ["the week before", "week week of 2024-04-29"],
    ["the week before last", "week week of 2024-04-22"],
    ["last month", "month 2024-04"],
    ["next month", "month 2024-06"],
    ["earlier this month", "month 2024-05"],
    ["last year", "year 2023"],
    ["next year", "year 2025"],
    ["this weekend", "day 2024-05-11 to 2024-05-12"],
    ["last weekend", "day 2024-05-04 to 2024-05-05"],
    ["this past weekend", "day 2024-05-04 to 2024-05-05"],
    ["next weekend", "day 2024-05-18 to 2024-05-19"],
    ["over the weekend", "day 2024-05-11 to 2024-05-12"],
    ["last May", "month 2023-05"],
    ["next May", "month 2025-05"],
    ["last summer", "month 2023-06 to 2023-08"],
    ["summer 2022", "month 2022-06 to 2022-08"],
    ["the past three days", "day 2024-05-05 to 2024-05-08"],
    ["in two weeks", "day 2024-05-22"],
    ["2 weeks from now", "day 2024-05-22"],
    ["on 8 May, 2023", "day 2023-05-08"],
    ["She started the job in June 2022", "month 2022-06"],
    ["It happened on 2023-05-07", "day 2023-05-07"],
    ["The meeting is at 3pm", "time 2024-05-08 15:00"],
    ["I went to a support group yesterday at 3pm", "time 2024-05-07 15:00"],
    ["We adopted a dog back in 2015", "year 2015"],
  ])("%s → %s", (text, expected) => {
    expect(only(text)).toBe(expected);
  });

  it("keeps every expression of a long text, the longest where they overlap", () => {
    const referenceTime = new Date("2024-05-08T13:56:00Z");
    const found = resolveTimeExpressions({ text: "last Saturday and the week before 16 November 2023. ".repeat(2_000), referenceTime });
    expect(found).toHaveLength(4_000);
    expect(new Set(found.map((expression) => expression.text))).toEqual(new Set(["last Saturday", "the week before 16 November 2023"]));
  });

  it("dates the start of a state that has lasted up to now, in the perfect tense only", () => {
    expect(only("I've had them for 3 years now")).toBe("year 2021");
    expect(only("We have been together for three years.")).toBe("year 2021");
    expect(only("She has worked at the bakery for six months")).toBe("month 2023-11");
    expect(only("We've known each other for about 10 years")).toBe("year 2014");
    const [expression] = resolveTimeExpressions({ text: "I have had them for 3 years!", referenceTime });
    expect(expression).toMatchObject({ text: "for 3 years", index: 16 });
    // Past, future and possession say nothing of when something began.
    expect(resolve("I was there for 3 years")).toEqual([]);
    expect(resolve("I will stay for two weeks")).toEqual([]);
    expect(resolve("I have a meeting for two hours")).toEqual([]);
  });

  it("reads the date in 'the evening of 7 July, 2023' (chrono alone read it as this evening)", () => {
    expect(only("later on the evening of 7 July, 2023")).toBe("day 2023-07-07");
    expect(only("in the afternoon of March 2, 2022")).toBe("day 2022-03-02");
    const [expression] = resolveTimeExpressions({ text: "on the morning of 3 June 2023 we left", referenceTime });
    expect(expression).toMatchObject({ text: "3 June 2023", index: 18 });
    expect(only("tomorrow morning")).toBe("day 2024-05-09");
  });

  it("reads 'the week before 16 November 2023' as the seven days before it (chrono gave one day)", () => {
    expect(only("in the week before 16 November 2023")).toBe("day 2023-11-09 to 2023-11-15");
    expect(only("the week after 16 November 2023")).toBe("day 2023-11-17 to 2023-11-23");
    expect(only("the day before 16 November 2023")).toBe("day 2023-11-15");
  });

  it("reads a month without a year in a sentence about the past as the one that has passed", () => {
    const november = new Date("2026-11-23T10:00:00Z");
    // The nearest May is ahead (chrono's reading), but "went" says it is behind.
    expect(only("I went to Paris in May", november)).toBe("month 2026-05");
    expect(only("I visited my aunt on June 3.", november)).toBe("day 2026-06-03");
    // Both ends of a range move together.
    expect(only("I was in Lisbon from May to June", november)).toBe("month 2026-05 to 2026-06");
    expect(only("I will go to Paris in May", november)).toBe("month 2027-05");
    expect(only("We are planning to go in May", november)).toBe("month 2027-05");
    // An "-ed" word after "is", "getting", "'m" … is no past tense (it read as one: the wedding was dated a year back).
    const june = new Date("2024-06-10T09:00:00Z");
    expect(only("My brother Max is getting married in September.", june)).toBe("month 2024-09");
    expect(only("I'm so excited about the concert in September!", june)).toBe("month 2024-09");
    expect(only("We got married in September.", june)).toBe("month 2023-09");
  });

  it("finds the expression inside a sentence with its position", () => {
    const [expression] = resolveTimeExpressions({ text: "I moved to Lisbon last month", referenceTime });
    expect(expression).toMatchObject({ text: "last month", index: 18, granularity: "month" });
    expect(expression?.start.toISOString()).toBe("2024-04-01T00:00:00.000Z");
    expect(expression?.end.toISOString()).toBe("2024-05-01T00:00:00.000Z");
  });

  it("returns exact UTC day boundaries", () => {
    const [expression] = resolveTimeExpressions({ text: "yesterday", referenceTime });
    expect(expression?.start.toISOString()).toBe("2024-05-07T00:00:00.000Z");
    expect(expression?.end.toISOString()).toBe("2024-05-08T00:00:00.000Z");
  });

  it("resolves 'last <weekday>' to the weekday before the reference date", () => {
    expect(only("last Saturday", new Date("2024-05-12T10:00:00Z"))).toBe("day 2024-05-11");
    expect(only("last Saturday", new Date("2024-05-11T10:00:00Z"))).toBe("day 2024-05-04");
    expect(only("last Monday", new Date("2024-05-06T10:00:00Z"))).toBe("day 2024-04-29");
  });

  it("reads a bare weekend as the nearest one, and counts weekends ago", () => {
    const monday = new Date("2024-05-13T10:00:00Z");
    expect(only("I had a quiet weekend", monday)).toBe("day 2024-05-11 to 2024-05-12");
    expect(only("We went camping two weekends ago", monday)).toBe("day 2024-05-04 to 2024-05-05");
    expect(only("a weekend ago", new Date("2024-05-11T10:00:00Z"))).toBe("day 2024-05-04 to 2024-05-05");
    expect(only("over the weekend", new Date("2024-05-09T10:00:00Z"))).toBe("day 2024-05-11 to 2024-05-12");
  });

  it("resolves weeks Monday-first, also on a Sunday", () => {
    const sunday = new Date("2024-05-12T10:00:00Z");
    expect(only("this week", sunday)).toBe("week week of 2024-05-06");
    expect(only("this weekend", sunday)).toBe("day 2024-05-11 to 2024-05-12");
  });

  it("finds several expressions in order, without duplicates", () => {
    expect(resolve("Last week was tough, but this week is better.")).toEqual([
      { text: "Last week", granularity: "week", range: "week of 2024-04-29" },
      { text: "this week", granularity: "week", range: "week of 2024-05-06" },
    ]);
    expect(resolve("We met in 2019 and have lived together since 2020")).toEqual([
      { text: "2019", granularity: "year", range: "2019" },
      { text: "2020", granularity: "year", range: "2020" },
    ]);
  });

  it("prefers the longest of overlapping matches", () => {
    expect(resolve("see you tomorrow at 10:30am")).toEqual([
      { text: "tomorrow at 10:30am", granularity: "time", range: "2024-05-09 10:30" },
    ]);
    expect(resolve("the week before last")).toHaveLength(1);
  });

  it("ignores text without time expressions and ordinary words chrono mistakes for dates", () => {
    expect(resolve("I love painting landscapes")).toEqual([]);
    expect(resolve("The sun is hot and we sat for 2 hours")).toEqual([]);
    expect(resolve("I may go there, this may be fun")).toEqual([]);
    expect(resolve("I now understand")).toEqual([]);
    expect(resolve("I have 2023 photos")).toEqual([]);
    expect(resolve("the day before my birthday")).toEqual([]);
  });

  it("returns nothing for blank text or an invalid reference time", () => {
    expect(resolve("")).toEqual([]);
    expect(resolveTimeExpressions({ text: "yesterday", referenceTime: new Date(Number.NaN) })).toEqual([]);
  });

  it("resolves against the reference's UTC day even just after midnight", () => {
    expect(only("yesterday", new Date("2024-05-08T00:05:00Z"))).toBe("day 2024-05-07");
    expect(only("tomorrow", new Date("2024-05-08T23:55:00Z"))).toBe("day 2024-05-09");
    expect(only("明天", new Date("2024-05-08T00:30:00Z"))).toBe("day 2024-05-09");
  });
});

describe("resolveTimeExpressions: Chinese", () => {
  it.each([
    ["昨天", "day 2024-05-07"],
    ["前天", "day 2024-05-06"],
    ["大前天", "day 2024-05-05"],
    ["今天", "day 2024-05-08"],
    ["明天", "day 2024-05-09"],
    ["后天", "day 2024-05-10"],
    ["昨晚", "day 2024-05-07"],
    ["上周五", "day 2024-05-03"],
    ["上星期五", "day 2024-05-03"],
    ["上礼拜三", "day 2024-05-01"],
    ["上周日", "day 2024-05-05"],
    ["下周三", "day 2024-05-15"],
    ["上周", "week week of 2024-04-29"],
    ["这周", "week week of 2024-05-06"],
    ["本周", "week week of 2024-05-06"],
    ["这个星期", "week week of 2024-05-06"],
    ["下周", "week week of 2024-05-13"],
    ["上上周", "week week of 2024-04-22"],
    ["周末", "day 2024-05-11 to 2024-05-12"],
    ["上周末", "day 2024-05-04 to 2024-05-05"],
    ["这周末", "day 2024-05-11 to 2024-05-12"],
    ["三天前", "day 2024-05-05"],
    ["3天前", "day 2024-05-05"],
    ["十五天前", "day 2024-04-23"],
    ["二十三天前", "day 2024-04-15"],
    ["九十九天前", "day 2024-01-30"],
    ["两周前", "day 2024-04-24"],
    ["两个星期前", "day 2024-04-24"],
    ["三天后", "day 2024-05-11"],
    ["几天前", "day 2024-05-04 to 2024-05-06"],
    ["前几天", "day 2024-05-04 to 2024-05-06"],
    ["十多天前", "day 2024-04-19 to 2024-04-27"],
    ["半个月前", "day 2024-04-23"],
    ["一个月前", "month 2024-04"],
    ["一个多月前", "month 2024-03 to 2024-04"],
    ["半年前", "month 2023-11"],
    ["上个月", "month 2024-04"],
    ["上月", "month 2024-04"],
    ["下个月", "month 2024-06"],
    ["这个月", "month 2024-05"],
    ["本月", "month 2024-05"],
    ["上个月5号", "day 2024-04-05"],
    ["下个月十五号", "day 2024-06-15"],
    ["三年前", "year 2021"],
    ["两年后", "year 2026"],
    ["去年", "year 2023"],
    ["今年", "year 2024"],
    ["明年", "year 2025"],
    ["前年", "year 2022"],
    ["去年5月", "month 2023-05"],
    ["今年十月", "month 2024-10"],
    ["去年夏天", "month 2023-06 to 2023-08"],
    ["2023年", "year 2023"],
    ["二〇一九年", "year 2019"],
    ["2023年5月", "month 2023-05"],
    ["5月8日", "day 2024-05-08"],
    ["五月八号", "day 2024-05-08"],
    ["2023年5月8日", "day 2023-05-08"],
    ["下午三点", "time 2024-05-08 15:00"],
    ["明天下午三点", "time 2024-05-09 15:00"],
  ])("%s → %s", (text, expected) => {
    expect(only(text)).toBe(expected);
  });

  it("finds expressions inside sentences", () => {
    expect(resolve("我昨天去了医院")).toEqual([{ text: "昨天", granularity: "day", range: "2024-05-07" }]);
    expect(resolve("上周五我们见面了，下个月再聚")).toEqual([
      { text: "上周五", granularity: "day", range: "2024-05-03" },
      { text: "下个月", granularity: "month", range: "2024-06" },
    ]);
  });

  it("resolves 上周五 in Monday-first weeks, also on a Sunday", () => {
    const sunday = new Date("2024-05-12T10:00:00Z");
    expect(only("上周五", sunday)).toBe("day 2024-05-03");
    expect(only("这周五", sunday)).toBe("day 2024-05-10");
  });

  it("does not read time words glued into ordinary words", () => {
    expect(resolve("以后天气会变好")).toEqual([]);
    expect(resolve("以前年轻的时候")).toEqual([]);
    expect(resolve("看一下周报")).toEqual([]);
    expect(resolve("这周围有很多餐馆")).toEqual([]);
    expect(resolve("上周一起吃饭")).toEqual([{ text: "上周", granularity: "week", range: "week of 2024-04-29" }]);
  });

  it("reads 3月前 as 'before March' and 三月前 as three months ago", () => {
    expect(resolve("3月前完成")).toEqual([{ text: "3月", granularity: "month", range: "2024-03" }]);
    expect(only("我三月前就说过")).toBe("month 2024-02");
  });

  it("returns nothing for Chinese text without time expressions", () => {
    expect(resolve("我很喜欢画画")).toEqual([]);
  });

  it("handles Chinese and English expressions in one message", () => {
    expect(resolve("我 last week 去了上海，昨天回来")).toEqual([
      { text: "last week", granularity: "week", range: "week of 2024-04-29" },
      { text: "昨天", granularity: "day", range: "2024-05-07" },
    ]);
  });
});

describe("resolveTimeExpressions: process time zone", () => {
  it("gives the same UTC ranges whatever TZ the process runs in", () => {
    const texts = ["yesterday at 3pm", "last week", "上周五", "明天", "8 May 2023", "two weeks ago", "下午三点"];
    const snapshot = () => texts.map((text) => resolve(text, new Date("2024-05-08T23:30:00Z")));
    const original = process.env.TZ;
    try {
      process.env.TZ = "UTC";
      const inUtc = snapshot();
      for (const zone of ["America/New_York", "Asia/Shanghai", "Pacific/Kiritimati"]) {
        process.env.TZ = zone;
        expect(snapshot(), zone).toEqual(inUtc);
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe("parseSessionDate", () => {
  it("parses LoCoMo session times as UTC", () => {
    expect(parseSessionDate("1:56 pm on 8 May, 2023")?.toISOString()).toBe("2023-05-08T13:56:00.000Z");
    expect(parseSessionDate("10:37 am on 27 June, 2023")?.toISOString()).toBe("2023-06-27T10:37:00.000Z");
    expect(parseSessionDate("12:05 am on 1 January, 2024")?.toISOString()).toBe("2024-01-01T00:05:00.000Z");
    expect(parseSessionDate("12:30 pm on 3 Sept, 2023")?.toISOString()).toBe("2023-09-03T12:30:00.000Z");
  });

  it("falls back to chrono for other complete dates", () => {
    expect(parseSessionDate("May 8, 2023")?.toISOString()).toBe("2023-05-08T00:00:00.000Z");
    expect(parseSessionDate("2023-05-08T10:00:00+02:00")?.toISOString()).toBe("2023-05-08T08:00:00.000Z");
    expect(parseSessionDate("2023年5月8日 下午1:56")?.toISOString()).toBe("2023-05-08T13:56:00.000Z");
  });

  it("returns undefined without a complete date", () => {
    expect(parseSessionDate("sometime last week")).toBeUndefined();
    expect(parseSessionDate("May 8")).toBeUndefined();
    expect(parseSessionDate("")).toBeUndefined();
  });
});
