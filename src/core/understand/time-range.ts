/**
 * How wide a resolved time expression is: a calendar day, an ISO week (Monday to Monday), a calendar
 * month, a calendar year, or a clock time (a one-hour window starting at the stated time).
 */
export type TimeGranularity = "day" | "week" | "month" | "year" | "time";

/**
 * An absolute UTC time range [start, end). Fuzzy expressions ("a few days ago", "this weekend") span
 * several units of their granularity.
 */
export interface TimeRange {
  start: Date;
  end: Date;
  granularity: TimeGranularity;
}

/**
 * Milliseconds in a day.
 *
 * @example
 * new Date(Date.UTC(2024, 4, 8) + DAY_MILLISECONDS).toISOString(); // "2024-05-09T00:00:00.000Z"
 */
export const DAY_MILLISECONDS = 86_400_000;

/**
 * Milliseconds in an hour.
 *
 * @example
 * new Date(Date.UTC(2024, 4, 8, 15) + HOUR_MILLISECONDS).toISOString(); // "2024-05-08T16:00:00.000Z"
 */
export const HOUR_MILLISECONDS = 3_600_000;

/**
 * UTC midnight that starts the day containing `date`.
 *
 * @example
 * startOfDay(new Date("2024-05-08T13:56:00Z")).toISOString(); // "2024-05-08T00:00:00.000Z"
 */
export function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/**
 * `date` moved by a whole number of days (negative moves back).
 *
 * @example
 * addDays({ date: new Date("2024-05-08T00:00:00Z"), days: -1 }).toISOString(); // "2024-05-07T00:00:00.000Z"
 */
export function addDays(options: { date: Date; days: number }): Date {
  return new Date(options.date.getTime() + options.days * DAY_MILLISECONDS);
}

/**
 * UTC midnight of the Monday that starts the ISO week containing `date`.
 *
 * @example
 * startOfWeek(new Date("2024-05-08T13:56:00Z")).toISOString(); // "2024-05-06T00:00:00.000Z"
 */
export function startOfWeek(date: Date): Date {
  const day = startOfDay(date);
  const daysSinceMonday = (day.getUTCDay() + 6) % 7;
  return addDays({ date: day, days: -daysSinceMonday });
}

/**
 * The range of `days` whole days starting with the day that contains `date` (default one day).
 *
 * @example
 * dayRange({ date: new Date("2024-05-07T10:00:00Z") }); // [2024-05-07, 2024-05-08), "day"
 */
export function dayRange(options: { date: Date; days?: number }): TimeRange {
  const start = startOfDay(options.date);
  return { start, end: addDays({ date: start, days: options.days ?? 1 }), granularity: "day" };
}

/**
 * The range of `weeks` ISO weeks (Monday 00:00 to Monday 00:00) starting with the week containing `date`.
 *
 * @example
 * weekRange({ date: new Date("2024-05-01T00:00:00Z") }); // [2024-04-29, 2024-05-06), "week"
 */
export function weekRange(options: { date: Date; weeks?: number }): TimeRange {
  const start = startOfWeek(options.date);
  return { start, end: addDays({ date: start, days: 7 * (options.weeks ?? 1) }), granularity: "week" };
}

/**
 * The range of `months` calendar months starting with the given month. `monthIndex` is 0-based and may
 * overflow in either direction (-1 is December of the previous year).
 *
 * @example
 * monthRange({ year: 2024, monthIndex: 3 }); // [2024-04-01, 2024-05-01), "month"
 */
export function monthRange(options: { year: number; monthIndex: number; months?: number }): TimeRange {
  return {
    start: new Date(Date.UTC(options.year, options.monthIndex, 1)),
    end: new Date(Date.UTC(options.year, options.monthIndex + (options.months ?? 1), 1)),
    granularity: "month",
  };
}

/**
 * The range of `years` calendar years starting with `year`.
 *
 * @example
 * yearRange({ year: 2023 }); // [2023-01-01, 2024-01-01), "year"
 */
export function yearRange(options: { year: number; years?: number }): TimeRange {
  return {
    start: new Date(Date.UTC(options.year, 0, 1)),
    end: new Date(Date.UTC(options.year + (options.years ?? 1), 0, 1)),
    granularity: "year",
  };
}

/**
 * A one-hour window starting at an exact instant, for clock times ("at 3pm").
 *
 * @example
 * timeRange({ instant: new Date("2024-05-08T15:00:00Z") }); // [15:00, 16:00), "time"
 */
export function timeRange(options: { instant: Date }): TimeRange {
  return {
    start: new Date(options.instant.getTime()),
    end: new Date(options.instant.getTime() + HOUR_MILLISECONDS),
    granularity: "time",
  };
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function isoMonth(date: Date): string {
  return date.toISOString().slice(0, 7);
}

function isoYear(date: Date): string {
  return String(date.getUTCFullYear());
}

/**
 * A short human-readable form of a range, by granularity: "2023-05-07", "week of 2023-05-01", "2023-05",
 * "2023", "2023-05-07 15:00" (UTC). Ranges spanning several units read "A to B", both ends inclusive.
 *
 * @example
 * formatTimeRange(dayRange({ date: new Date("2023-05-07T00:00:00Z") })); // "2023-05-07"
 * formatTimeRange(weekRange({ date: new Date("2023-05-03T00:00:00Z") })); // "week of 2023-05-01"
 * formatTimeRange(monthRange({ year: 2023, monthIndex: 4 })); // "2023-05"
 * formatTimeRange(yearRange({ year: 2023 })); // "2023"
 * formatTimeRange(dayRange({ date: new Date("2024-05-04T00:00:00Z"), days: 2 })); // "2024-05-04 to 2024-05-05"
 */
export function formatTimeRange(range: TimeRange): string {
  const { start, end, granularity } = range;
  const last = new Date(Math.max(start.getTime(), end.getTime() - 1));
  switch (granularity) {
    case "time":
      return `${isoDay(start)} ${start.toISOString().slice(11, 16)}`;
    case "day":
      return isoDay(start) === isoDay(last) ? isoDay(start) : `${isoDay(start)} to ${isoDay(last)}`;
    case "week":
      return end.getTime() - start.getTime() <= 7 * DAY_MILLISECONDS ? `week of ${isoDay(start)}` : `${isoDay(start)} to ${isoDay(last)}`;
    case "month":
      return isoMonth(start) === isoMonth(last) ? isoMonth(start) : `${isoMonth(start)} to ${isoMonth(last)}`;
    case "year":
      return isoYear(start) === isoYear(last) ? isoYear(start) : `${isoYear(start)} to ${isoYear(last)}`;
  }
}
