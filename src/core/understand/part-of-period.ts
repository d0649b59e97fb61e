import { wordTable } from "../text/word-table.js";
import { amountSource, parseAmount } from "./english-amounts.js";
import { periodOf, periodSource, relativeOffset } from "./english-periods.js";
import { calendarUnitRange, yearlyPeriodRange } from "./relative-ranges.js";
import type { TemporalRule } from "./temporal-rule.js";
import { speaksOfThePast } from "./tense.js";
import { addDays, DAY_MILLISECONDS, dayRange, monthRange, type TimeRange, yearRange } from "./time-range.js";

/**
 * Which part of a period a phrase picks.
 *
 * @example
 * const firstWeekend: PeriodPart = { kind: "weekend", ordinal: 1 }; // "the first weekend of …"
 * const lastTwoWeeks: PeriodPart = { kind: "leading", unit: "week", amount: 2, fromEnd: true }; // "the last two weeks of …"
 */
export type PeriodPart =
  | { kind: "week"; ordinal: number }
  | { kind: "weekend"; ordinal: number }
  | { kind: "leading"; unit: "day" | "week"; amount: number; fromEnd: boolean }
  | { kind: "half"; ordinal: 1 | 2 }
  | { kind: "third"; ordinal: 1 | 2 | 3 };

function daysIn(range: TimeRange): number {
  return Math.round((range.end.getTime() - range.start.getTime()) / DAY_MILLISECONDS);
}

function wholeMonthsIn(range: TimeRange): number | undefined {
  const { start, end } = range;
  if (start.getUTCDate() !== 1 || end.getUTCDate() !== 1) return undefined;
  return (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
}

/** Splits a period into `parts` equal pieces, in whole months when it is made of them, else in days. */
function piece(options: { range: TimeRange; parts: number; index: number; pieces?: number }): TimeRange {
  const { range, parts, index } = options;
  const pieces = options.pieces ?? 1;
  const months = wholeMonthsIn(range);
  if (months !== undefined && months >= parts && months % parts === 0) {
    const size = months / parts;
    return monthRange({
      year: range.start.getUTCFullYear(),
      monthIndex: range.start.getUTCMonth() + index * size,
      months: size * pieces,
    });
  }
  const days = daysIn(range);
  const from = Math.round((days * index) / parts);
  const to = Math.round((days * (index + pieces)) / parts);
  return dayRange({ date: addDays({ date: range.start, days: from }), days: Math.max(1, to - from) });
}

/**
 * The part of `range` a phrase picks: the nth (or last, ordinal -1) week (seven days from the period's start
 * or back from its end) or weekend (Saturday and Sunday, by the Saturday's place in the period); the first or
 * last few days or weeks; a half; a third (early / mid / late, beginning / middle / end: mid and middle take
 * the middle half). Whole months split in months when they divide evenly (early 2023 is January to April).
 *
 * @example
 * partOfRange({ range: monthRange({ year: 2023, monthIndex: 9 }), part: { kind: "weekend", ordinal: 1 } });
 * // [2023-10-07, 2023-10-09): the first Saturday of October 2023 and the Sunday after it
 */
export function partOfRange(options: { range: TimeRange; part: PeriodPart }): TimeRange | undefined {
  const { range, part } = options;
  const days = daysIn(range);
  switch (part.kind) {
    case "week": {
      if (days < 14) return undefined;
      const from = part.ordinal > 0 ? 7 * (part.ordinal - 1) : days - 7;
      if (from + 7 > days) return undefined;
      return dayRange({ date: addDays({ date: range.start, days: from }), days: 7 });
    }
    case "weekend": {
      if (days < 14) return undefined;
      const firstSaturday = (6 - range.start.getUTCDay() + 7) % 7;
      const lastSaturday = firstSaturday + 7 * Math.floor((days - 1 - firstSaturday) / 7);
      const saturday = part.ordinal > 0 ? firstSaturday + 7 * (part.ordinal - 1) : lastSaturday;
      if (saturday >= days) return undefined;
      return dayRange({ date: addDays({ date: range.start, days: saturday }), days: 2 });
    }
    case "leading": {
      const length = part.amount * (part.unit === "week" ? 7 : 1);
      if (length >= days) return undefined;
      return dayRange({ date: addDays({ date: range.start, days: part.fromEnd ? days - length : 0 }), days: length });
    }
    case "half":
      return piece({ range, parts: 2, index: part.ordinal - 1 });
    case "third":
      // The middle is the middle half (a quarter in from each end): "mid-May" is about the 8th to the 23rd.
      return part.ordinal === 2 && wholeMonthsIn(range) !== 12
        ? piece({ range, parts: 4, index: 1, pieces: 2 })
        : piece({ range, parts: 3, index: part.ordinal - 1 });
  }
}

const ordinals: Readonly<Record<string, number>> = wordTable({ first: 1, second: 2, third: 3, fourth: 4, last: -1, final: -1 });
const partSource =
  "(?:the\\s+)?(first|second|third|fourth|last|final)\\s+(week|weekend)\\s+of\\s+" +
  `|(?:the\\s+)?(first|last|final)\\s+${amountSource}\\s+(days|weeks)\\s+of\\s+` +
  "|(?:the\\s+)?(first|second|latter)\\s+half\\s+of\\s+" +
  "|(early|mid|late)(?:\\s+|-)" +
  "|(?:the\\s+)?(beginning|start|middle|end)\\s+of\\s+";
const namedPeriodSource =
  `(?:the\\s+month\\s+of\\s+)?(${periodSource})(?:,?\\s+(?:of\\s+)?((?:19|20)\\d{2}))?` +
  "|((?:19|20)\\d{2})(?![-/.:]\\d)" +
  "|(the|this|last|previous|next|coming)\\s+(week|month|year)";

function partOf(match: RegExpExecArray): PeriodPart | undefined {
  const [, weekOrdinal, weekKind, leadingSide, leadingAmount, leadingUnit, halfWord, edgeWord, edgeNoun] = match;
  if (weekOrdinal !== undefined && weekKind !== undefined) {
    const ordinal = ordinals[weekOrdinal.toLowerCase()] ?? 1;
    return weekKind.toLowerCase() === "weekend" ? { kind: "weekend", ordinal } : { kind: "week", ordinal };
  }
  if (leadingSide !== undefined && leadingAmount !== undefined && leadingUnit !== undefined) {
    const amount = parseAmount(leadingAmount)?.maximum;
    if (amount === undefined || amount < 1) return undefined;
    const unit = leadingUnit.toLowerCase().startsWith("week") ? "week" : "day";
    return { kind: "leading", unit, amount, fromEnd: leadingSide.toLowerCase() !== "first" };
  }
  if (halfWord !== undefined) return { kind: "half", ordinal: halfWord.toLowerCase() === "first" ? 1 : 2 };
  const edge = (edgeWord ?? edgeNoun ?? "").toLowerCase();
  if (edge === "early" || edge === "beginning" || edge === "start") return { kind: "third", ordinal: 1 };
  if (edge === "mid" || edge === "middle") return { kind: "third", ordinal: 2 };
  if (edge === "late" || edge === "end") return { kind: "third", ordinal: 3 };
  return undefined;
}

/** A month or season named without a year is this year's, or last year's in a sentence about the past. */
function yearlessPeriod(options: { match: RegExpExecArray; startMonthIndex: number; months: number; referenceTime: Date }): TimeRange {
  const { match, startMonthIndex, months, referenceTime } = options;
  const range = yearlyPeriodRange({ referenceTime, startMonthIndex, months, relation: 0 });
  if (range.start.getTime() <= referenceTime.getTime()) return range;
  const past = speaksOfThePast({ text: match.input, index: match.index, length: match[0].length });
  return past ? yearlyPeriodRange({ referenceTime, startMonthIndex, months, relation: -1 }) : range;
}

function namedPeriodOf(match: RegExpExecArray, referenceTime: Date): TimeRange | undefined {
  const [name, nameYear, year, relation, unit] = match.slice(9);
  const period = name === undefined ? undefined : periodOf(name);
  if (name !== undefined && period !== undefined) {
    // "late may be", "the end of march forward": without a year, May and March need their capital.
    if (nameYear === undefined && /^(?:may|march)$/.test(name)) return undefined;
    if (nameYear !== undefined)
      return monthRange({ year: Number.parseInt(nameYear, 10), monthIndex: period.startMonthIndex, months: period.months });
    return yearlessPeriod({ match, ...period, referenceTime });
  }
  if (year !== undefined) return yearRange({ year: Number.parseInt(year, 10) });
  if (relation !== undefined && unit !== undefined) {
    const offset = relativeOffset(relation);
    return calendarUnitRange({ referenceTime, unit: unit.toLowerCase() as "week" | "month" | "year", offset });
  }
  return undefined;
}

/**
 * Part of a named period: "the first weekend of October 2023", "the last week of the year", "the first few
 * days of July", "the second half of 2022", "early May", "mid-2022", "late summer", "the end of the month".
 * chrono-node reads these as the whole period, as a single last day ("the end of May") or as something else
 * ("the last week of the year" as last week); the rule claims the whole phrase.
 *
 * @example
 * applyTemporalRules({ text: "in the last two weeks of August 2023", referenceTime, rules: [partOfPeriodRule] }).expressions;
 * // [{ text: "the last two weeks of August 2023", start: 2023-08-18, end: 2023-09-01, granularity: "day" }]
 */
export const partOfPeriodRule: TemporalRule = {
  name: "part-of-period",
  pattern: new RegExp(`\\b(?:${partSource})(?:${namedPeriodSource})\\b`, "gi"),
  resolve: ({ match, referenceTime }) => {
    const part = partOf(match);
    const period = namedPeriodOf(match, referenceTime);
    if (part === undefined || period === undefined) return undefined;
    return partOfRange({ range: period, part });
  },
};
