import { describe, expect, it } from "vitest";
import {
  calendarUnitRange,
  elapsedRange,
  fuzzyElapsedRange,
  rollingRange,
  weekdayRange,
  weekendRange,
  yearlyPeriodRange,
} from "./relative-ranges.js";
import { formatTimeRange, type TimeRange } from "./time-range.js";

const wednesday = new Date("2024-05-08T13:56:00Z");
const sunday = new Date("2024-05-12T10:00:00Z");
const describeRange = (range: TimeRange): string => `${range.granularity} ${formatTimeRange(range)}`;

describe("relative ranges", () => {
  it("moves by calendar units", () => {
    expect(describeRange(calendarUnitRange({ referenceTime: wednesday, unit: "day", offset: -1 }))).toBe("day 2024-05-07");
    expect(describeRange(calendarUnitRange({ referenceTime: wednesday, unit: "week", offset: -1 }))).toBe("week week of 2024-04-29");
    expect(describeRange(calendarUnitRange({ referenceTime: wednesday, unit: "month", offset: -5 }))).toBe("month 2023-12");
    expect(describeRange(calendarUnitRange({ referenceTime: wednesday, unit: "year", offset: 1 }))).toBe("year 2025");
  });

  it("resolves weekends and weekdays in Monday-first weeks", () => {
    expect(describeRange(weekendRange({ referenceTime: wednesday, weekOffset: 0 }))).toBe("day 2024-05-11 to 2024-05-12");
    expect(describeRange(weekendRange({ referenceTime: sunday, weekOffset: 0 }))).toBe("day 2024-05-11 to 2024-05-12");
    expect(describeRange(weekendRange({ referenceTime: wednesday, weekOffset: -1 }))).toBe("day 2024-05-04 to 2024-05-05");
    expect(describeRange(weekdayRange({ referenceTime: sunday, weekOffset: -1, weekday: 5 }))).toBe("day 2024-05-03");
    expect(describeRange(weekdayRange({ referenceTime: wednesday, weekOffset: -1, weekday: 7 }))).toBe("day 2024-05-05");
  });

  it("resolves exact amounts: days and weeks to a day, months and years to the whole unit", () => {
    const range = (unit: "day" | "week" | "month" | "year", amount: number, direction: -1 | 1 = -1) =>
      describeRange(elapsedRange({ referenceTime: wednesday, unit, amount, direction }));
    expect(range("day", 3)).toBe("day 2024-05-05");
    expect(range("week", 2)).toBe("day 2024-04-24");
    expect(range("month", 3)).toBe("month 2024-02");
    expect(range("year", 5)).toBe("year 2019");
    expect(range("month", 0.5)).toBe("day 2024-04-23");
    expect(range("year", 1.5)).toBe("month 2022-11");
    expect(range("day", 3, 1)).toBe("day 2024-05-11");
  });

  it("resolves fuzzy amounts to a range", () => {
    expect(describeRange(fuzzyElapsedRange({ referenceTime: wednesday, unit: "day", minimum: 2, maximum: 4, direction: -1 }))).toBe(
      "day 2024-05-04 to 2024-05-06",
    );
    expect(describeRange(fuzzyElapsedRange({ referenceTime: wednesday, unit: "week", minimum: 2, maximum: 3, direction: -1 }))).toBe(
      "week 2024-04-15 to 2024-04-28",
    );
    expect(describeRange(fuzzyElapsedRange({ referenceTime: wednesday, unit: "month", minimum: 1, maximum: 2, direction: 1 }))).toBe(
      "month 2024-06 to 2024-07",
    );
  });

  it("builds rolling windows that end with the reference day", () => {
    expect(describeRange(rollingRange({ referenceTime: wednesday, unit: "day", amount: 3 }))).toBe("day 2024-05-05 to 2024-05-08");
    expect(describeRange(rollingRange({ referenceTime: wednesday, unit: "month", amount: 1 }))).toBe("day 2024-04-08 to 2024-05-08");
  });

  it("finds the last, this and next occurrence of a yearly period", () => {
    const summer = (relation: -1 | 0 | 1, referenceTime = wednesday) =>
      formatTimeRange(yearlyPeriodRange({ referenceTime, startMonthIndex: 5, months: 3, relation }));
    expect(summer(-1)).toBe("2023-06 to 2023-08");
    expect(summer(0)).toBe("2024-06 to 2024-08");
    expect(summer(1)).toBe("2024-06 to 2024-08");
    expect(summer(-1, new Date("2024-09-15T00:00:00Z"))).toBe("2024-06 to 2024-08");
    const winter = (relation: -1 | 0 | 1, referenceTime: Date) =>
      formatTimeRange(yearlyPeriodRange({ referenceTime, startMonthIndex: 11, months: 3, relation }));
    expect(winter(0, new Date("2024-01-15T00:00:00Z"))).toBe("2023-12 to 2024-02");
    expect(winter(0, wednesday)).toBe("2024-12 to 2025-02");
  });
});
