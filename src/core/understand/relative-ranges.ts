import { addDays, dayRange, monthRange, startOfDay, startOfWeek, type TimeRange, weekRange, yearRange } from "./time-range.js";

/** Calendar units that relative expressions count in. */
export type CalendarUnit = "day" | "week" | "month" | "year";

/**
 * The calendar unit `offset` units away from the one containing `referenceTime`, optionally `count`
 * units wide: day → that day, week → that ISO week (Monday..Monday), month → that month, year → that year.
 *
 * @example
 * // Reference Wednesday 2024-05-08: last week is the week of Monday 2024-04-29.
 * calendarUnitRange({ referenceTime: new Date("2024-05-08T13:56:00Z"), unit: "week", offset: -1 });
 */
export function calendarUnitRange(options: { referenceTime: Date; unit: CalendarUnit; offset: number; count?: number }): TimeRange {
  const { referenceTime, unit, offset } = options;
  const count = options.count ?? 1;
  switch (unit) {
    case "day":
      return dayRange({ date: addDays({ date: startOfDay(referenceTime), days: offset }), days: count });
    case "week":
      return weekRange({ date: addDays({ date: startOfWeek(referenceTime), days: 7 * offset }), weeks: count });
    case "month":
      return monthRange({
        year: referenceTime.getUTCFullYear(),
        monthIndex: referenceTime.getUTCMonth() + offset,
        months: count,
      });
    case "year":
      return yearRange({ year: referenceTime.getUTCFullYear() + offset, years: count });
  }
}

/**
 * Saturday and Sunday (a two-day, day-granularity range) of the ISO week `weekOffset` weeks from the one
 * containing `referenceTime`: 0 is this weekend, -1 last weekend, 1 next weekend.
 *
 * @example
 * weekendRange({ referenceTime: new Date("2024-05-08T13:56:00Z"), weekOffset: -1 }); // [2024-05-04, 2024-05-06)
 */
export function weekendRange(options: { referenceTime: Date; weekOffset: number }): TimeRange {
  const monday = addDays({ date: startOfWeek(options.referenceTime), days: 7 * options.weekOffset });
  return dayRange({ date: addDays({ date: monday, days: 5 }), days: 2 });
}

/**
 * One weekday (1 = Monday .. 7 = Sunday) of the ISO week `weekOffset` weeks from the one containing
 * `referenceTime`. Chinese 上周五 is `{ weekOffset: -1, weekday: 5 }`; 上周日 is last week's Sunday.
 *
 * @example
 * weekdayRange({ referenceTime: new Date("2024-05-08T13:56:00Z"), weekOffset: -1, weekday: 5 }); // 2024-05-03
 */
export function weekdayRange(options: { referenceTime: Date; weekOffset: number; weekday: number }): TimeRange {
  const monday = addDays({ date: startOfWeek(options.referenceTime), days: 7 * options.weekOffset });
  return dayRange({ date: addDays({ date: monday, days: options.weekday - 1 }) });
}

/**
 * The time an exact amount of units before (direction -1) or after (direction 1) `referenceTime`.
 *
 * Decisions: days and weeks resolve to the single day (two weeks ago on Wednesday 2024-05-08 is
 * Wednesday 2024-04-24, day granularity); months resolve to the whole calendar month (three months ago →
 * February 2024); years to the whole calendar year. Fractional amounts (半个月, 一年半) fall back to the
 * next finer unit: half a month is 15 days, one and a half years is 18 months.
 *
 * @example
 * elapsedRange({ referenceTime: new Date("2024-05-08T13:56:00Z"), unit: "week", amount: 2, direction: -1 });
 * // [2024-04-24, 2024-04-25), "day"
 */
export function elapsedRange(options: { referenceTime: Date; unit: CalendarUnit; amount: number; direction: -1 | 1 }): TimeRange {
  const { referenceTime, unit, amount, direction } = options;
  switch (unit) {
    case "day":
      return calendarUnitRange({ referenceTime, unit: "day", offset: direction * Math.round(amount) });
    case "week":
      return calendarUnitRange({ referenceTime, unit: "day", offset: direction * Math.round(amount * 7) });
    case "month":
      return Number.isInteger(amount)
        ? calendarUnitRange({ referenceTime, unit: "month", offset: direction * amount })
        : calendarUnitRange({ referenceTime, unit: "day", offset: direction * Math.round(amount * 30) });
    case "year":
      return Number.isInteger(amount)
        ? calendarUnitRange({ referenceTime, unit: "year", offset: direction * amount })
        : calendarUnitRange({ referenceTime, unit: "month", offset: direction * Math.round(amount * 12) });
  }
}

/**
 * A fuzzy amount of units before or after `referenceTime` ("a few days ago" = 2 to 4 days ago), as one
 * range covering every unit from `minimum` to `maximum` away, in the unit's granularity (fuzzy weeks
 * resolve to whole ISO weeks, unlike exact weeks).
 *
 * @example
 * fuzzyElapsedRange({ referenceTime: new Date("2024-05-08T13:56:00Z"), unit: "day", minimum: 2, maximum: 4, direction: -1 });
 * // [2024-05-04, 2024-05-07), "day"
 */
export function fuzzyElapsedRange(options: {
  referenceTime: Date;
  unit: CalendarUnit;
  minimum: number;
  maximum: number;
  direction: -1 | 1;
}): TimeRange {
  const { referenceTime, unit, minimum, maximum, direction } = options;
  const nearest = direction === -1 ? -maximum : minimum;
  return calendarUnitRange({ referenceTime, unit, offset: nearest, count: maximum - minimum + 1 });
}

/**
 * A rolling window ending with the reference day: "the past three days" is the three days before the
 * reference day plus the reference day itself, in day granularity.
 *
 * @example
 * rollingRange({ referenceTime: new Date("2024-05-08T13:56:00Z"), unit: "day", amount: 3 }); // [2024-05-05, 2024-05-09)
 */
export function rollingRange(options: { referenceTime: Date; unit: CalendarUnit; amount: number }): TimeRange {
  const { referenceTime, unit, amount } = options;
  const today = startOfDay(referenceTime);
  const end = addDays({ date: today, days: 1 });
  let start: Date;
  switch (unit) {
    case "day":
      start = addDays({ date: today, days: -amount });
      break;
    case "week":
      start = addDays({ date: today, days: -7 * amount });
      break;
    case "month":
      start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - amount, today.getUTCDate()));
      break;
    case "year":
      start = new Date(Date.UTC(today.getUTCFullYear() - amount, today.getUTCMonth(), today.getUTCDate()));
      break;
  }
  return { start, end, granularity: "day" };
}

/**
 * One occurrence of a yearly period (a month or a season) relative to `referenceTime`: relation -1 is the
 * latest occurrence that ended before the current month ("last May", "last summer"), 1 the first that
 * starts after the current month ("next May"), 0 the one containing the reference time, or else the one
 * starting in the reference year ("this May", "this winter"). Seasons follow the northern meteorological
 * calendar and winter starts in December (winter 2023 is December 2023 to February 2024).
 *
 * @example
 * // Reference 2024-05-08: last summer is June to August 2023.
 * yearlyPeriodRange({ referenceTime: new Date("2024-05-08T13:56:00Z"), startMonthIndex: 5, months: 3, relation: -1 });
 */
export function yearlyPeriodRange(options: {
  referenceTime: Date;
  startMonthIndex: number;
  months: number;
  relation: -1 | 0 | 1;
}): TimeRange {
  const { referenceTime, startMonthIndex, months, relation } = options;
  const year = referenceTime.getUTCFullYear();
  const currentMonthStart = Date.UTC(year, referenceTime.getUTCMonth(), 1);
  const occurrence = (occurrenceYear: number): TimeRange => monthRange({ year: occurrenceYear, monthIndex: startMonthIndex, months });
  if (relation === -1) {
    for (let candidateYear = year; candidateYear >= year - 2; candidateYear--) {
      const range = occurrence(candidateYear);
      if (range.end.getTime() <= currentMonthStart) return range;
    }
  } else if (relation === 1) {
    for (let candidateYear = year - 1; candidateYear <= year + 2; candidateYear++) {
      const range = occurrence(candidateYear);
      if (range.start.getTime() > currentMonthStart) return range;
    }
  } else {
    for (const candidateYear of [year - 1, year]) {
      const range = occurrence(candidateYear);
      const time = referenceTime.getTime();
      if (range.start.getTime() <= time && time < range.end.getTime()) return range;
    }
  }
  return occurrence(year);
}

/**
 * First month (0-based) of each season, northern meteorological calendar.
 *
 * @example
 * monthRange({ year: 2023, monthIndex: SEASON_START_MONTH_INDEX.summer, months: 3 }); // June to August 2023
 */
export const SEASON_START_MONTH_INDEX: Readonly<Record<"spring" | "summer" | "autumn" | "winter", number>> = {
  spring: 2,
  summer: 5,
  autumn: 8,
  winter: 11,
};
