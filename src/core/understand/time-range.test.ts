import { describe, expect, it } from "vitest";
import { addDays, dayRange, formatTimeRange, monthRange, startOfDay, startOfWeek, timeRange, weekRange, yearRange } from "./time-range.js";

const iso = (date: Date): string => date.toISOString();

describe("calendar helpers", () => {
  it("finds UTC day and ISO week starts", () => {
    expect(iso(startOfDay(new Date("2024-05-08T23:59:59Z")))).toBe("2024-05-08T00:00:00.000Z");
    expect(iso(startOfWeek(new Date("2024-05-08T13:56:00Z")))).toBe("2024-05-06T00:00:00.000Z");
    // A Sunday belongs to the week that started the Monday before.
    expect(iso(startOfWeek(new Date("2024-05-12T10:00:00Z")))).toBe("2024-05-06T00:00:00.000Z");
    expect(iso(startOfWeek(new Date("2024-05-06T00:00:00Z")))).toBe("2024-05-06T00:00:00.000Z");
  });

  it("adds days across month and year boundaries", () => {
    expect(iso(addDays({ date: new Date("2024-03-01T00:00:00Z"), days: -1 }))).toBe("2024-02-29T00:00:00.000Z");
    expect(iso(addDays({ date: new Date("2023-12-31T00:00:00Z"), days: 1 }))).toBe("2024-01-01T00:00:00.000Z");
  });

  it("builds ranges of each granularity", () => {
    const day = dayRange({ date: new Date("2024-05-07T10:00:00Z") });
    expect([iso(day.start), iso(day.end), day.granularity]).toEqual(["2024-05-07T00:00:00.000Z", "2024-05-08T00:00:00.000Z", "day"]);
    const week = weekRange({ date: new Date("2024-05-01T00:00:00Z") });
    expect([iso(week.start), iso(week.end)]).toEqual(["2024-04-29T00:00:00.000Z", "2024-05-06T00:00:00.000Z"]);
    const december = monthRange({ year: 2024, monthIndex: -1 });
    expect([iso(december.start), iso(december.end)]).toEqual(["2023-12-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z"]);
    const year = yearRange({ year: 2023 });
    expect([iso(year.start), iso(year.end)]).toEqual(["2023-01-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z"]);
    const time = timeRange({ instant: new Date("2024-05-08T15:00:00Z") });
    expect([iso(time.start), iso(time.end), time.granularity]).toEqual(["2024-05-08T15:00:00.000Z", "2024-05-08T16:00:00.000Z", "time"]);
  });
});

describe("formatTimeRange", () => {
  it("formats single units", () => {
    expect(formatTimeRange(dayRange({ date: new Date("2023-05-07T00:00:00Z") }))).toBe("2023-05-07");
    expect(formatTimeRange(weekRange({ date: new Date("2023-05-03T00:00:00Z") }))).toBe("week of 2023-05-01");
    expect(formatTimeRange(monthRange({ year: 2023, monthIndex: 4 }))).toBe("2023-05");
    expect(formatTimeRange(yearRange({ year: 2023 }))).toBe("2023");
    expect(formatTimeRange(timeRange({ instant: new Date("2023-05-07T15:04:00Z") }))).toBe("2023-05-07 15:04");
  });

  it("formats multi-unit ranges with inclusive ends", () => {
    expect(formatTimeRange(dayRange({ date: new Date("2024-05-04T00:00:00Z"), days: 2 }))).toBe("2024-05-04 to 2024-05-05");
    expect(formatTimeRange(weekRange({ date: new Date("2024-05-06T00:00:00Z"), weeks: 2 }))).toBe("2024-05-06 to 2024-05-19");
    expect(formatTimeRange(monthRange({ year: 2023, monthIndex: 5, months: 3 }))).toBe("2023-06 to 2023-08");
    expect(formatTimeRange(yearRange({ year: 2020, years: 2 }))).toBe("2020 to 2021");
  });
});
