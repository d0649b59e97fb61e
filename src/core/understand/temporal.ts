import type { ParsedComponents, ParsedResult } from "chrono-node";
import * as chrono from "chrono-node";
import { wordTable } from "../text/word-table.js";
import { boundDurationRuns } from "./duration-runs.js";
import { detectLanguage, type Language } from "./language.js";
import { applyTemporalRules, type ClaimedSpan, type TemporalRule, type TimeExpression } from "./temporal-rule.js";
import { chineseTemporalRules } from "./temporal-rules-chinese.js";
import { englishTemporalRules } from "./temporal-rules-english.js";
import { speaksOfThePast } from "./tense.js";
import {
  addDays,
  dayRange,
  HOUR_MILLISECONDS,
  monthRange,
  type TimeGranularity,
  type TimeRange,
  timeRange,
  yearRange,
} from "./time-range.js";

export type { TimeExpression } from "./temporal-rule.js";
export { formatTimeRange, type TimeGranularity, type TimeRange } from "./time-range.js";

const chronoOptions = { forwardDate: false } as const;

/** Every chrono parse goes through here: its text with long duration runs cut first (see boundDurationRuns). */
function parseWithChrono(parser: chrono.Chrono, text: string, reference: Date): ParsedResult[] {
  return parser.parse(boundDurationRuns(text), reference, chronoOptions);
}

/**
 * chrono-node computes in the process's local time zone. Handing it a reference whose local fields equal
 * the UTC fields of the real reference makes every field it returns a UTC field, whatever TZ the process
 * runs in (only instants inside a local daylight-saving gap can shift by an hour).
 */
function utcFieldsAsLocal(date: Date): Date {
  return new Date(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  );
}

/** Explicit time-zone text ("UTC", "GMT+8", "EST", "+02:00", trailing "Z") inside a chrono match. */
const explicitZonePattern = /\b(?:UTC|GMT|[A-Z]{2,4}T)\b|[+-]\d{1,2}:?\d{2}\b|\dZ\b/;

function componentInstant(components: ParsedComponents, text: string): Date {
  const fields = Date.UTC(
    components.get("year") ?? 1970,
    (components.get("month") ?? 1) - 1,
    components.get("day") ?? 1,
    components.get("hour") ?? 0,
    components.get("minute") ?? 0,
    components.get("second") ?? 0,
    components.get("millisecond") ?? 0,
  );
  const offsetMinutes = components.get("timezoneOffset");
  const explicitZone = components.isCertain("timezoneOffset") && offsetMinutes !== null && explicitZonePattern.test(text);
  return new Date(explicitZone ? fields - offsetMinutes * 60_000 : fields);
}

function granularityOf(components: ParsedComponents): TimeGranularity {
  if (components.isCertain("hour")) return "time";
  if (components.isCertain("day") || components.isCertain("weekday")) return "day";
  if (components.isCertain("month")) return "month";
  if (components.isCertain("year")) return "year";
  return "day";
}

function componentRange(components: ParsedComponents, granularity: TimeGranularity, text: string): TimeRange {
  const instant = componentInstant(components, text);
  switch (granularity) {
    case "time":
      return timeRange({ instant });
    case "day":
    case "week":
      return dayRange({ date: instant });
    case "month":
      return monthRange({ year: instant.getUTCFullYear(), monthIndex: instant.getUTCMonth() });
    case "year":
      return yearRange({ year: instant.getUTCFullYear() });
  }
}

/** chrono matches that are ordinary words or durations, not points in time. */
const englishNoise =
  /^(?:sun|sat|mon|tue|tues|wed|thu|thur|thurs|fri|may|march|second|now|right now|just now)$|^for\s|^(?:in\s+)?a\s+(?:sec|second|moment|minute|bit)\b/;

/**
 * A date whose year the text leaves out ("in May", "on June 3") is read by chrono-node as the nearest one,
 * which can lie ahead even in a sentence about the past. In the past tense, with nothing pointing ahead, it
 * is the last one that has begun: the number of years to move it by (0 or -1).
 */
function yearShift(options: { start: Date; result: ParsedResult; text: string; referenceTime: Date }): number {
  const { start, result, text, referenceTime } = options;
  if (result.start.isCertain("year") || !result.start.isCertain("month") || start.getTime() <= referenceTime.getTime()) return 0;
  return speaksOfThePast({ text, index: result.index, length: result.text.length }) ? -1 : 0;
}

function shiftYears(date: Date, years: number): Date {
  if (years === 0) return date;
  const shifted = new Date(date.getTime());
  shifted.setUTCFullYear(date.getUTCFullYear() + years);
  return shifted;
}

function fromChrono(result: ParsedResult, text: string, referenceTime: Date): TimeExpression | undefined {
  if (englishNoise.test(result.text.trim())) return undefined;
  const granularity = granularityOf(result.start);
  const read = componentRange(result.start, granularity, result.text);
  const years = yearShift({ start: read.start, result, text, referenceTime });
  const range = { ...read, start: shiftYears(read.start, years), end: shiftYears(read.end, years) };
  if (result.end) {
    const endRange = componentRange(result.end, granularityOf(result.end), result.text);
    const end = result.end.isCertain("year") ? endRange.end : shiftYears(endRange.end, years);
    if (end.getTime() > range.start.getTime()) range.end = end;
  }
  if (granularity === "time" && range.end.getTime() - range.start.getTime() < HOUR_MILLISECONDS) {
    range.end = new Date(range.start.getTime() + HOUR_MILLISECONDS);
  }
  // chrono reads "the week before 16 November 2023" as the one day 9 November; the week is the seven days.
  const week = /^(?:the\s+)?week\s+(before|after)\b/iu.exec(result.text);
  if (week !== null && granularity === "day") {
    if (week[1]?.toLowerCase() === "before") range.end = addDays({ date: range.start, days: 7 });
    else range.start = addDays({ date: range.end, days: -7 });
  }
  return { ...range, text: result.text, index: result.index };
}

interface Candidate {
  expression: TimeExpression;
  /** Hand-written rules (1) win over chrono (0) for matches of equal length. */
  priority: number;
}

/**
 * Keeps the longest of overlapping candidates (rules before chrono on ties), then orders by position.
 * Chrono candidates lying inside a span a rule decided on are dropped first: the rule knows better there.
 */
function selectNonOverlapping(candidates: Candidate[], claimedSpans: readonly ClaimedSpan[]): TimeExpression[] {
  // Linear in the text's length, not quadratic in the expressions (a 100,000-character message holds thousands):
  // the furthest end of a claimed span starting at or before each position, and the positions already taken.
  const length = candidates.reduce((longest, { expression }) => Math.max(longest, expression.index + expression.text.length), 0);
  const claimedEnd = new Int32Array(length + 1).fill(-1);
  for (const span of claimedSpans) {
    if (span.index <= length) claimedEnd[span.index] = Math.max(claimedEnd[span.index] ?? -1, span.end);
  }
  for (let position = 1; position <= length; position += 1) {
    claimedEnd[position] = Math.max(claimedEnd[position] ?? -1, claimedEnd[position - 1] ?? -1);
  }
  const eligible = candidates.filter(({ expression, priority }) => {
    if (priority > 0) return true;
    return (claimedEnd[expression.index] ?? -1) < expression.index + expression.text.length;
  });
  const ordered = eligible.sort(
    (left, right) =>
      right.expression.text.length - left.expression.text.length ||
      right.priority - left.priority ||
      left.expression.index - right.expression.index,
  );
  const taken = new Uint8Array(length);
  const chosen: TimeExpression[] = [];
  for (const { expression } of ordered) {
    const start = expression.index;
    const end = start + expression.text.length;
    if (taken.subarray(start, end).includes(1)) continue;
    taken.fill(1, start, end);
    chosen.push(expression);
  }
  return chosen.sort((left, right) => left.index - right.index);
}

const hanPattern = /[\u3400-\u9fff]/;

/**
 * Every English expression chrono can read contains one of these: a digit, a month or weekday name (or its
 * abbreviation), a time unit, or a word such as "today" or "noon". Text without any of them skips chrono, the
 * costliest step (the check is a superset: it lets through far more than chrono keeps).
 */
const mayNameEnglishTime =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|sec|min|hour|hr|day|week|wk|fortnight|month|mo\b|quarter|qtr|year|yr|decade|centur|today|tonight|tomorrow|tmr|yesterday|now\b|noon|midnight|morning|afternoon|evening|night|eod|weekend|christmas|xmas|spring|summer|autumn|fall|winter)/iu;
const latinWordPattern = /[A-Za-z]{3,}|\d/;

/**
 * Finds the time expressions in a message and resolves each to an absolute UTC range [start, end),
 * relative to `referenceTime` (the time the message was sent). English uses chrono-node's casual parser,
 * Chinese its simplified-Chinese parser, both with `forwardDate: false`, plus hand-written rules for what
 * chrono misses (see {@link englishTemporalRules} and {@link chineseTemporalRules}). Overlapping matches
 * keep the longest; on ties the hand-written rule wins. Results are ordered by position.
 *
 * Granularity decides the width: day → [00:00, next 00:00); week → Monday to Monday; month and year →
 * whole calendar units; time → one hour from the stated time. "Two weeks ago" is the single day 14 days
 * back; "a few days ago" is the range 2 to 4 days back; "three months ago" is the whole month.
 *
 * `language` defaults to {@link detectLanguage}; English rules also run on Chinese text containing Latin
 * words or digits, and Chinese rules on any text containing Han characters.
 *
 * @example
 * const referenceTime = new Date("2024-05-08T13:56:00Z"); // a Wednesday
 * resolveTimeExpressions({ text: "I moved to Lisbon last month", referenceTime });
 * // [{ text: "last month", index: 18, granularity: "month", start: 2024-04-01, end: 2024-05-01 }]
 * resolveTimeExpressions({ text: "我上周五去了医院", referenceTime });
 * // [{ text: "上周五", index: 1, granularity: "day", start: 2024-05-03, end: 2024-05-04 }]
 */
export function resolveTimeExpressions(options: { text: string; referenceTime: Date; language?: Language }): TimeExpression[] {
  const { text, referenceTime } = options;
  if (text.trim() === "" || Number.isNaN(referenceTime.getTime())) return [];
  const language = options.language ?? detectLanguage(text);
  const runChinese = language === "zh" || hanPattern.test(text);
  const runEnglish = language !== "zh" || latinWordPattern.test(text);
  const chronoReference = utcFieldsAsLocal(referenceTime);

  const candidates: Candidate[] = [];
  const claimedSpans: ClaimedSpan[] = [];
  const addRules = (rules: readonly TemporalRule[]): void => {
    const found = applyTemporalRules({ text, referenceTime, rules });
    for (const expression of found.expressions) candidates.push({ expression, priority: 1 });
    for (const span of found.claimedSpans) claimedSpans.push(span);
  };
  const addChrono = (parser: chrono.Chrono, parsed: string = text): void => {
    for (const result of parseWithChrono(parser, parsed, chronoReference)) {
      const expression = fromChrono(result, text, referenceTime);
      if (expression !== undefined) candidates.push({ expression, priority: 0 });
    }
  };

  if (runEnglish) {
    addRules(englishTemporalRules);
    if (mayNameEnglishTime.test(text)) addChrono(chrono.en.casual, withoutPartOfDayOf(text));
  }
  if (runChinese) {
    addRules(chineseTemporalRules);
    addChrono(chrono.zh.hans.casual);
  }
  return selectNonOverlapping(candidates, claimedSpans);
}

/**
 * chrono-node reads "the evening of 7 July, 2023" as this evening, dropping the date. The part of the day is
 * blanked out (same length, so positions hold) and the date is read alone, to the day.
 *
 * @example
 * withoutPartOfDayOf("on the evening of 7 July, 2023"); // "on the             7 July, 2023"
 */
function withoutPartOfDayOf(text: string): string {
  return text.replace(
    /\b(?:early\s+|late\s+)?(?:morning|afternoon|evening|night)\s+of\s+(?=\d|[a-z]+\s+\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/giu,
    (match) => " ".repeat(match.length),
  );
}

const monthNumbers: Readonly<Record<string, number>> = wordTable({
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
});

const monthNames = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
] as const;

const sessionDatePattern =
  /^\s*(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s*m\.?\s*(?:on\s+|,\s*)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})\s*$/i;

/**
 * Two unrelated references for the chrono fallback: a session date must carry its own year, so a result
 * counts only when both references give the same instant (relative phrases like "last week" do not).
 */
const fallbackReferences = [new Date(2000, 0, 1, 0, 0, 0, 0), new Date(2011, 6, 15, 12, 0, 0, 0)] as const;

function absoluteChronoInstant(parser: chrono.Chrono, text: string, reference: Date): Date | undefined {
  const [result] = parseWithChrono(parser, text, reference);
  if (result === undefined) return undefined;
  const components = result.start;
  if (!components.isCertain("year") || !components.isCertain("month") || !components.isCertain("day")) {
    return undefined;
  }
  const instant = componentInstant(components, result.text);
  return components.isCertain("hour") ? instant : dayRange({ date: instant }).start;
}

/**
 * Parses a session timestamp into a UTC Date. The LoCoMo form "1:56 pm on 8 May, 2023" is read directly
 * (as UTC); other complete dates with a year ("May 8, 2023 13:56", "2023-05-08T13:56:00Z",
 * "2023年5月8日 下午1:56") go through chrono-node. Returns undefined when no complete date is found.
 *
 * @example
 * parseSessionDate("1:56 pm on 8 May, 2023")?.toISOString(); // "2023-05-08T13:56:00.000Z"
 * parseSessionDate("10:37 am on 27 June, 2023")?.toISOString(); // "2023-06-27T10:37:00.000Z"
 * parseSessionDate("sometime"); // undefined
 */
export function parseSessionDate(text: string): Date | undefined {
  const match = sessionDatePattern.exec(text);
  if (match !== null) {
    const [, hourText = "", minuteText = "0", meridiem = "", dayText = "", monthText = "", yearText = ""] = match;
    const monthName = monthText.toLowerCase();
    const month = monthNames.some((name) => name.startsWith(monthName)) ? monthNumbers[monthName.slice(0, 3)] : undefined;
    const hour = Number.parseInt(hourText, 10);
    const day = Number.parseInt(dayText, 10);
    if (month !== undefined && hour >= 1 && hour <= 12 && day >= 1 && day <= 31) {
      const hour24 = (hour % 12) + (meridiem.toLowerCase() === "p" ? 12 : 0);
      return new Date(Date.UTC(Number.parseInt(yearText, 10), month - 1, day, hour24, Number.parseInt(minuteText, 10)));
    }
  }
  const parser = hanPattern.test(text) ? chrono.zh.hans.casual : chrono.en.casual;
  const first = absoluteChronoInstant(parser, text, fallbackReferences[0]);
  const second = absoluteChronoInstant(parser, text, fallbackReferences[1]);
  if (first === undefined || second === undefined || first.getTime() !== second.getTime()) return undefined;
  return first;
}
