import { describe, expect, it } from "vitest";
import { partOfRange } from "./part-of-period.js";
import { formatTimeRange, resolveTimeExpressions } from "./temporal.js";
import { monthRange, yearRange } from "./time-range.js";

/** A Monday. */
const referenceTime = new Date("2023-11-20T12:00:00Z");

function only(text: string): string {
  const found = resolveTimeExpressions({ text, referenceTime });
  expect(found, `expressions in ${JSON.stringify(text)}`).toHaveLength(1);
  const [expression] = found;
  return `${expression?.text} | ${expression?.granularity} ${expression === undefined ? "" : formatTimeRange(expression)}`;
}

describe("part of a named period", () => {
  it.each([
    ["What was he doing in the first weekend of October 2023?", "the first weekend of October 2023 | day 2023-10-07 to 2023-10-08"],
    ["the second weekend of October 2023", "the second weekend of October 2023 | day 2023-10-14 to 2023-10-15"],
    ["the last weekend of June 2024", "the last weekend of June 2024 | day 2024-06-29 to 2024-06-30"],
    ["Where was he in the last two weeks of August 2023?", "the last two weeks of August 2023 | day 2023-08-18 to 2023-08-31"],
    ["the first week of March 2023", "the first week of March 2023 | day 2023-03-01 to 2023-03-07"],
    ["the last week of the year", "the last week of the year | day 2023-12-25 to 2023-12-31"],
    ["the first few days of July 2023", "the first few days of July 2023 | day 2023-07-01 to 2023-07-04"],
    ["the second half of 2022", "the second half of 2022 | month 2022-07 to 2022-12"],
    ["early 2023", "early 2023 | month 2023-01 to 2023-04"],
    ["mid-2022", "mid-2022 | month 2022-05 to 2022-08"],
    ["late summer 2022", "late summer 2022 | month 2022-08"],
    ["in the middle of June 2023", "the middle of June 2023 | day 2023-06-09 to 2023-06-23"],
    ["at the end of May 2023", "the end of May 2023 | day 2023-05-22 to 2023-05-31"],
    ["by the end of the month", "the end of the month | day 2023-11-21 to 2023-11-30"],
  ])("%s", (text, expected) => {
    expect(only(text)).toBe(expected);
  });

  it("reads a month without a year as this year's, or last year's in a sentence about the past", () => {
    expect(only("We met in late May")).toBe("late May | day 2023-05-22 to 2023-05-31");
    expect(only("I went there in early December")).toBe("early December | day 2022-12-01 to 2022-12-10");
    expect(only("I'll go there in early December")).toBe("early December | day 2023-12-01 to 2023-12-10");
  });

  it("leaves a lower-case may or march without a year to its other senses", () => {
    expect(resolveTimeExpressions({ text: "it may be late may", referenceTime })).toEqual([]);
  });

  it("declines parts a period is too short for", () => {
    const week = { start: new Date("2023-11-20T00:00:00Z"), end: new Date("2023-11-27T00:00:00Z"), granularity: "week" as const };
    expect(partOfRange({ range: week, part: { kind: "weekend", ordinal: 1 } })).toBeUndefined();
    expect(partOfRange({ range: monthRange({ year: 2023, monthIndex: 1 }), part: { kind: "week", ordinal: 5 } })).toBeUndefined();
    expect(
      partOfRange({ range: monthRange({ year: 2023, monthIndex: 1 }), part: { kind: "leading", unit: "week", amount: 4, fromEnd: false } }),
    ).toBeUndefined();
    expect(formatTimeRange(partOfRange({ range: yearRange({ year: 2024 }), part: { kind: "third", ordinal: 2 } }) ?? week)).toBe(
      "2024-05 to 2024-08",
    );
  });
});
