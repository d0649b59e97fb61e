import { amountSource, countSource, parseAmount, parseEnglishCount } from "./english-amounts.js";
import { periodOf, periodSource, relativeOffset } from "./english-periods.js";
import { partOfPeriodRule } from "./part-of-period.js";
import {
  type CalendarUnit,
  calendarUnitRange,
  elapsedRange,
  fuzzyElapsedRange,
  rollingRange,
  weekendRange,
  yearlyPeriodRange,
} from "./relative-ranges.js";
import { NOT_A_TIME_EXPRESSION, type TemporalRule } from "./temporal-rule.js";
import { monthRange, yearRange } from "./time-range.js";

const unitSource = "(day|week|month|year)s?";

function unitOf(text: string | undefined): CalendarUnit {
  const normalized = (text ?? "").toLowerCase();
  if (normalized.startsWith("week")) return "week";
  if (normalized.startsWith("month")) return "month";
  if (normalized.startsWith("year")) return "year";
  return "day";
}

function amountRange(options: { referenceTime: Date; amountText: string; unit: CalendarUnit; direction: -1 | 1 }) {
  const amount = parseAmount(options.amountText);
  if (amount === undefined || amount.maximum === 0) return undefined;
  const { referenceTime, unit, direction } = options;
  return amount.minimum === amount.maximum
    ? elapsedRange({ referenceTime, unit, amount: amount.minimum, direction })
    : fuzzyElapsedRange({ referenceTime, unit, minimum: amount.minimum, maximum: amount.maximum, direction });
}

/** Monday and Tuesday: the weekend just past (-1); Wednesday to Sunday: this week's (0). */
function nearestWeekendOffset(referenceTime: Date): number {
  const weekday = (referenceTime.getUTCDay() + 6) % 7; // 0 = Monday
  return weekday <= 1 ? -1 : 0;
}

/** Words after "the week before" that show it is anchored to another event, not to the reference time. */
const anchoredContinuation = /^\s+(?:last|the|my|his|her|our|their|your|its|that|this|a|an|he|she|i|we|they|it|you)\b/i;

/**
 * Rules for English expressions chrono-node misses or resolves to a single day where a range is meant:
 * last/this/next week, month, year and weekend; "two weeks ago" and "a few days ago"; "the week before";
 * "in/since/during 2019"; rolling windows ("the past three days"); and plain yesterday/today/tomorrow.
 *
 * @example
 * applyTemporalRules({ text: "last week", referenceTime: new Date("2024-05-08T13:56:00Z"), rules: englishTemporalRules });
 * // expressions: [{ text: "last week", granularity: "week", start: 2024-04-29, end: 2024-05-06 }]
 */
export const englishTemporalRules: readonly TemporalRule[] = [
  partOfPeriodRule,
  {
    name: "unit-before-last-or-after-next",
    pattern: /\bthe\s+(week|month|year)\s+(before\s+last|after\s+next)\b/gi,
    resolve: ({ match, referenceTime }) =>
      calendarUnitRange({
        referenceTime,
        unit: unitOf(match[1]),
        offset: (match[2] ?? "").toLowerCase().startsWith("before") ? -2 : 2,
      }),
  },
  {
    name: "relative-unit",
    pattern: /\b(?:the\s+)?(last|previous|this\s+past|this\s+coming|this|current|next|coming|upcoming)\s+(week|month|year)\b/gi,
    resolve: ({ match, referenceTime }) =>
      calendarUnitRange({ referenceTime, unit: unitOf(match[2]), offset: relativeOffset(match[1] ?? "") }),
  },
  {
    name: "relative-weekend",
    pattern: /\b(?:the\s+)?(last|previous|this\s+past|past|this\s+coming|this|coming|upcoming|next)\s+weekend\b/gi,
    resolve: ({ match, referenceTime }) => weekendRange({ referenceTime, weekOffset: relativeOffset(match[1] ?? "") }),
  },
  {
    name: "weekends-ago",
    pattern: new RegExp(`\\b(a|one|${countSource})\\s+weekends?\\s+(?:ago|back|earlier)\\b`, "gi"),
    resolve: ({ match, referenceTime }) => {
      const count = parseEnglishCount(match[1] ?? "");
      if (count === undefined || count < 1) return undefined;
      // On a Saturday or Sunday the weekend under way is not yet "a weekend ago".
      return weekendRange({ referenceTime, weekOffset: -count });
    },
  },
  {
    name: "bare-weekend",
    pattern: /\b(?:the\s+)?weekend\b/gi,
    // "The weekend" with no last/this/next is the nearest one: early in the week the one just past.
    resolve: ({ referenceTime }) => weekendRange({ referenceTime, weekOffset: nearestWeekendOffset(referenceTime) }),
  },
  {
    name: "relative-month-or-season",
    pattern: new RegExp(`\\b(last|this\\s+past|this\\s+coming|this|next|coming)\\s+(${periodSource})\\b`, "gi"),
    resolve: ({ match, referenceTime }) => {
      const name = match[2] ?? "";
      // "this may be", "next march forward": May and March need their capital to be months.
      if (/^(?:may|march)$/.test(name)) return undefined;
      const period = periodOf(name);
      if (period === undefined) return undefined;
      const offset = relativeOffset(match[1] ?? "");
      const relation = offset < 0 ? -1 : offset > 0 ? 1 : 0;
      return yearlyPeriodRange({ referenceTime, ...period, relation });
    },
  },
  {
    name: "season-of-year",
    pattern: /\b(spring|summer|fall|autumn|winter)\s+(?:of\s+)?((?:19|20)\d{2})\b/gi,
    resolve: ({ match }) => {
      const period = periodOf(match[1] ?? "");
      if (period === undefined) return undefined;
      return monthRange({ year: Number.parseInt(match[2] ?? "", 10), monthIndex: period.startMonthIndex, months: 3 });
    },
  },
  {
    name: "earlier-or-later-this-unit",
    pattern: /\b(?:earlier|later)\s+this\s+(week|month|year)\b/gi,
    resolve: ({ match, referenceTime }) => calendarUnitRange({ referenceTime, unit: unitOf(match[1]), offset: 0 }),
  },
  {
    name: "unit-before",
    pattern: /\bthe\s+(day|week|month|year)\s+before\b/gi,
    resolve: ({ match, referenceTime }) => {
      const rest = match.input.slice(match.index + match[0].length);
      if (anchoredContinuation.test(rest) || /^\s+[A-Z0-9]/.test(rest)) return NOT_A_TIME_EXPRESSION;
      return calendarUnitRange({ referenceTime, unit: unitOf(match[1]), offset: -1 });
    },
  },
  {
    // A state that has lasted up to now ("I've had them for 3 years", "we've been together for three years",
    // "she has worked there for six months now") began that long ago. The perfect tense is what says "up to
    // now": "I was there for 3 years" and "I'll stay for two weeks" say nothing of when something began.
    name: "perfect-for-amount",
    pattern: new RegExp(
      `\\b(?:have|has|[’']ve|[’']s)\\s+(?:been|had|known|kept|done|run|taught|grown|\\w+ed|not|never|always)\\b(?:\\s+[\\w’']+){0,5}?\\s+for\\s+(?:(?:about|almost|nearly|over|around|roughly|more\\s+than|the\\s+(?:past|last))\\s+)?${amountSource}\\s+${unitSource}\\b`,
      "gi",
    ),
    resolve: ({ match, referenceTime }) => {
      const range = amountRange({ referenceTime, amountText: match[1] ?? "", unit: unitOf(match[2]), direction: -1 });
      if (range === undefined) return undefined;
      const text = match[0].slice(match[0].toLowerCase().lastIndexOf("for "));
      return { ...range, text, index: match.index + match[0].length - text.length };
    },
  },
  {
    name: "amount-ago",
    pattern: new RegExp(`\\b${amountSource}\\s+${unitSource}\\s+(?:ago|back|earlier)\\b`, "gi"),
    resolve: ({ match, referenceTime }) =>
      amountRange({ referenceTime, amountText: match[1] ?? "", unit: unitOf(match[2]), direction: -1 }),
  },
  {
    name: "amount-from-now",
    pattern: new RegExp(`\\b${amountSource}\\s+${unitSource}\\s+from\\s+(?:now|today)\\b`, "gi"),
    resolve: ({ match, referenceTime }) => amountRange({ referenceTime, amountText: match[1] ?? "", unit: unitOf(match[2]), direction: 1 }),
  },
  {
    name: "in-amount",
    pattern: new RegExp(`\\bin\\s+${amountSource}\\s+${unitSource}(?:'?\\s*time)?\\b`, "gi"),
    resolve: ({ match, referenceTime }) => amountRange({ referenceTime, amountText: match[1] ?? "", unit: unitOf(match[2]), direction: 1 }),
  },
  {
    name: "rolling-window",
    pattern: new RegExp(`\\bthe\\s+(?:past|last)\\s+${amountSource}\\s+${unitSource}\\b`, "gi"),
    resolve: ({ match, referenceTime }) => {
      const amount = parseAmount(match[1] ?? "");
      if (amount === undefined || amount.maximum === 0) return undefined;
      return rollingRange({ referenceTime, unit: unitOf(match[2]), amount: amount.maximum });
    },
  },
  {
    name: "rolling-past-unit",
    pattern: /\b(?:the\s+)?past\s+(week|month|year)\b/gi,
    resolve: ({ match, referenceTime }) => {
      const before = match.input.slice(Math.max(0, match.index - 5), match.index).toLowerCase();
      if (before.endsWith("this ")) return undefined; // "this past week" is last week
      return rollingRange({ referenceTime, unit: unitOf(match[1]), amount: 1 });
    },
  },
  {
    name: "adjacent-day",
    pattern: /\b(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight|tomorrow)\b/gi,
    resolve: ({ match, referenceTime }) => {
      const word = match[0].toLowerCase();
      let offset = 0;
      if (word.includes("before")) offset = -2;
      else if (word.includes("after")) offset = 2;
      else if (word === "yesterday") offset = -1;
      else if (word === "tomorrow") offset = 1;
      return calendarUnitRange({ referenceTime, unit: "day", offset });
    },
  },
  {
    name: "year-after-preposition",
    pattern:
      /\b(?:in|since|during|by|until|till|before|after|from|around|circa|of|throughout|early|mid|late|back\s+in|the\s+year)\s+((?:19|20)\d{2})\b(?![-/.:]\d)/gi,
    resolve: ({ match }) => {
      const yearText = match[1] ?? "";
      return {
        ...yearRange({ year: Number.parseInt(yearText, 10) }),
        text: yearText,
        index: match.index + match[0].length - yearText.length,
      };
    },
  },
];
