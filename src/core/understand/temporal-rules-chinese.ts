import { CHINESE_NUMERAL_CHARACTERS, parseChineseNumber } from "./chinese-numerals.js";
import {
  type CalendarUnit,
  calendarUnitRange,
  elapsedRange,
  fuzzyElapsedRange,
  rollingRange,
  SEASON_START_MONTH_INDEX,
  weekdayRange,
  weekendRange,
} from "./relative-ranges.js";
import { NOT_A_TIME_EXPRESSION, type TemporalRule } from "./temporal-rule.js";
import { dayRange, monthRange, yearRange } from "./time-range.js";

const numeral = `[${CHINESE_NUMERAL_CHARACTERS}]`;
const smallNumber = `\\d{1,2}|${numeral}{1,3}`;

/**
 * Characters that, right before 前 or 后, make 前天/后天/前年/后年 part of another word:
 * 以前年轻 (when young), 以后天气 (the weather later), 提前天数, 目前天津.
 */
const beforeWordGlue = "之以从先事提目面眼当跟门空向此日年月";
const afterWordGlue = "之以然今最随背落先前此日年月";

/** Characters that, right before 上/下, make them part of another word: 晚上, 马上, 一下, 楼上, 线下. */
const glueBeforeShift = "一晚早马馬楼樓路身手线線网網街门門车車台山桌床顶頂天地往向以之爬";

function isGlued(previous: string, glue: string): boolean {
  return previous !== "" && glue.includes(previous);
}

/** Week prefixes: 上上 (two weeks back) .. 下下 (two weeks ahead). */
function prefixOffset(prefix: string): number {
  switch (prefix) {
    case "上上":
      return -2;
    case "上":
      return -1;
    case "下":
      return 1;
    case "下下":
      return 2;
    default:
      return 0; // 这, 這, 本
  }
}

const weekdayNumbers: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
};

const dayWordOffsets: Readonly<Record<string, number>> = {
  大前天: -3,
  前天: -2,
  昨天: -1,
  昨日: -1,
  昨晚: -1,
  昨夜: -1,
  今天: 0,
  今日: 0,
  今晚: 0,
  今早: 0,
  今夜: 0,
  明天: 1,
  明日: 1,
  明晚: 1,
  明早: 1,
  后天: 2,
  後天: 2,
  大后天: 3,
  大後天: 3,
};

const yearWordOffsets: Readonly<Record<string, number>> = {
  大前年: -3,
  前年: -2,
  去年: -1,
  今年: 0,
  明年: 1,
  后年: 2,
  後年: 2,
  大后年: 3,
  大後年: 3,
};

function unitOf(word: string): CalendarUnit | undefined {
  if (word === "天" || word === "日") return "day";
  if (word === "周" || word === "週" || word === "星期" || word === "礼拜" || word === "禮拜") return "week";
  if (word === "月") return "month";
  if (word === "年") return "year";
  return undefined;
}

/** A month (and optional day) resolved within the year `year`. */
function monthOrDayRange(options: { year: number; monthText: string; dayText: string | undefined }) {
  const month = parseChineseNumber(options.monthText);
  if (month === undefined || month < 1 || month > 12) return undefined;
  if (options.dayText === undefined) return monthRange({ year: options.year, monthIndex: month - 1 });
  const day = parseChineseNumber(options.dayText);
  if (day === undefined || day < 1 || day > 31) return undefined;
  return dayRange({ date: new Date(Date.UTC(options.year, month - 1, day)) });
}

/**
 * Rules for Chinese expressions chrono-node misses or resolves differently: 昨天/前天/明天/后天;
 * 上周/这周/下周 (ISO weeks, Monday first, so 上周日 is last week's Sunday); 上周五; 周末; 上个月/这个月/
 * 下个月 (optionally with a day: 上个月5号); 去年/今年/明年/前年 (optionally with a month and day:
 * 去年5月); 三天前, 两周前, 一个月前, 三年后, 几天前, 一个多月前, 半年前; and 2023年 on its own.
 * Simplified and traditional forms (週, 個, 後, 禮拜) are both accepted.
 *
 * @example
 * applyTemporalRules({ text: "上周五", referenceTime: new Date("2024-05-08T13:56:00Z"), rules: chineseTemporalRules });
 * // expressions: [{ text: "上周五", granularity: "day", start: 2024-05-03, end: 2024-05-04 }]
 */
export const chineseTemporalRules: readonly TemporalRule[] = [
  {
    name: "adjacent-day",
    pattern: /大前天|大后天|大後天|前天|后天|後天|昨天|昨日|昨晚|昨夜|今天|今日|今晚|今早|今夜|明天|明日|明晚|明早/g,
    resolve: ({ match, referenceTime }) => {
      const word = match[0];
      const previous = match.input[match.index - 1] ?? "";
      const glue = word === "前天" ? beforeWordGlue : word === "后天" || word === "後天" ? afterWordGlue : "";
      if (isGlued(previous, glue)) return NOT_A_TIME_EXPRESSION;
      return calendarUnitRange({ referenceTime, unit: "day", offset: dayWordOffsets[word] ?? 0 });
    },
  },
  {
    name: "relative-week",
    pattern: /(上上|上|这|這|本|下下|下)(?:个|個)?(?:周|週|星期|礼拜|禮拜)(一|二|三|四|五|六|日|天|末)?/g,
    resolve: ({ match, referenceTime }) => {
      const prefix = match[1] ?? "";
      const previous = match.input[match.index - 1] ?? "";
      const following = match.input[match.index + match[0].length] ?? "";
      // 看一下周报, 马上周末: 上/下 glued to the word before; 这周围 (around here), 周期, 周刊, 周年.
      if ((prefix === "上" || prefix === "下") && isGlued(previous, glueBeforeShift)) return NOT_A_TIME_EXPRESSION;
      let suffix = match[2];
      // 上周一起 (together), 下周一定 (surely), 这星期天气 (weather): the suffix belongs to the next word.
      if (
        (suffix === "一" && /[起定直些样樣般切共点點]/.test(following)) ||
        (suffix === "天" && /[气氣]/.test(following)) ||
        (suffix === "日" && /[子常期记記]/.test(following))
      ) {
        suffix = undefined;
      }
      const weekOffset = prefixOffset(prefix);
      if (suffix === undefined) {
        const text = match[2] === undefined ? match[0] : match[0].slice(0, -1);
        const next = match.input[match.index + text.length] ?? "";
        if (/[围圍边邊期刊岁歲年]/.test(next)) return NOT_A_TIME_EXPRESSION;
        return { ...calendarUnitRange({ referenceTime, unit: "week", offset: weekOffset }), text, index: match.index };
      }
      if (suffix === "末") return weekendRange({ referenceTime, weekOffset });
      return weekdayRange({ referenceTime, weekOffset, weekday: weekdayNumbers[suffix] ?? 1 });
    },
  },
  {
    name: "bare-weekend",
    pattern: /周末|週末/g,
    resolve: ({ referenceTime }) => weekendRange({ referenceTime, weekOffset: 0 }),
  },
  {
    name: "relative-month",
    pattern: new RegExp(`(上上|上|这|這|本|下下|下)(个|個)?月(?:份)?(?:(${smallNumber})(?:日|号|號))?`, "g"),
    resolve: ({ match, referenceTime }) => {
      const prefix = match[1] ?? "";
      if (match[2] === undefined) {
        // 上月/下月 without 个 can be glued into other words: 晚上月亮, 马上月底, 月球, 月饼.
        const previous = match.input[match.index - 1] ?? "";
        const following = match.input[match.index + match[0].length] ?? "";
        if ((prefix === "上" || prefix === "下") && isGlued(previous, glueBeforeShift)) return NOT_A_TIME_EXPRESSION;
        if (match[3] === undefined && /[亮光球饼餅色]/.test(following)) return NOT_A_TIME_EXPRESSION;
      }
      const offset = prefixOffset(prefix);
      const month = calendarUnitRange({ referenceTime, unit: "month", offset });
      if (match[3] === undefined) return month;
      return monthOrDayRange({
        year: month.start.getUTCFullYear(),
        monthText: String(month.start.getUTCMonth() + 1),
        dayText: match[3],
      });
    },
  },
  {
    name: "relative-year",
    pattern: new RegExp(
      `(大前年|大后年|大後年|前年|去年|今年|明年|后年|後年)(?:(${smallNumber})月(?:份)?(?:(${smallNumber})(?:日|号|號))?)?`,
      "g",
    ),
    resolve: ({ match, referenceTime }) => {
      const word = match[1] ?? "";
      const previous = match.input[match.index - 1] ?? "";
      if (
        (word === "前年" && isGlued(previous, beforeWordGlue)) ||
        ((word === "后年" || word === "後年") && isGlued(previous, afterWordGlue))
      ) {
        return NOT_A_TIME_EXPRESSION;
      }
      const year = referenceTime.getUTCFullYear() + (yearWordOffsets[word] ?? 0);
      if (match[2] === undefined) return yearRange({ year });
      const resolved = monthOrDayRange({ year, monthText: match[2], dayText: match[3] });
      return resolved ?? { ...yearRange({ year }), text: word, index: match.index };
    },
  },
  {
    name: "amount-ago-or-later",
    pattern: new RegExp(
      `(?<![\\d${CHINESE_NUMERAL_CHARACTERS}])(\\d{1,3}|${numeral}{1,4}|几|幾|半)(多)?(个|個)?(多)?(天|日|周|週|星期|礼拜|禮拜|月|年)(半)?(?:之|以)?(前|后|後)`,
      "g",
    ),
    resolve: ({ match, referenceTime }) => {
      const [, amountText = "", moreBefore, classifier, moreAfter, unitWord = "", half, directionWord] = match;
      const unit = unitOf(unitWord);
      if (unit === undefined) return undefined;
      // 3月前 reads as "before March" and 5日前 as "before the 5th": with Arabic digits and no 个 the
      // expression is the date itself (三月前, in Chinese numerals, stays colloquial for three months ago).
      if ((unit === "month" || unitWord === "日") && classifier === undefined && /\d/.test(amountText)) {
        if (moreBefore !== undefined || moreAfter !== undefined || half !== undefined) return NOT_A_TIME_EXPRESSION;
        const year = referenceTime.getUTCFullYear();
        const resolved =
          unit === "month"
            ? monthOrDayRange({ year, monthText: amountText, dayText: undefined })
            : monthOrDayRange({ year, monthText: String(referenceTime.getUTCMonth() + 1), dayText: amountText });
        if (resolved === undefined) return NOT_A_TIME_EXPRESSION;
        return { ...resolved, text: `${amountText}${unitWord}`, index: match.index };
      }
      const direction = directionWord === "前" ? -1 : 1;
      const fuzzy = amountText === "几" || amountText === "幾";
      const more = moreBefore !== undefined || moreAfter !== undefined;

      let amount: number | undefined;
      if (fuzzy) return fuzzyElapsedRange({ referenceTime, unit, minimum: 2, maximum: 4, direction });
      if (amountText === "半") amount = 0.5;
      else amount = parseChineseNumber(amountText);
      if (amount === undefined || amount === 0) return undefined;
      if (half !== undefined) amount += 0.5;

      if (more && Number.isInteger(amount)) {
        // 十多天 is 11 to 19 days; 一个多月 is one to two months.
        const maximum = amount >= 10 && amount % 10 === 0 ? amount + 9 : amount + 1;
        const minimum = amount >= 10 && amount % 10 === 0 ? amount + 1 : amount;
        return fuzzyElapsedRange({ referenceTime, unit, minimum, maximum, direction });
      }
      return elapsedRange({ referenceTime, unit, amount, direction });
    },
  },
  {
    name: "recent-days",
    pattern: /前几天|前幾天|前两天|前兩天|前些天|前些日子|这几天|這幾天|这两天|這兩天/g,
    resolve: ({ match, referenceTime }) => {
      const word = match[0];
      if (word.startsWith("这") || word.startsWith("這")) return rollingRange({ referenceTime, unit: "day", amount: 2 });
      if (word.includes("些")) return fuzzyElapsedRange({ referenceTime, unit: "day", minimum: 3, maximum: 7, direction: -1 });
      const maximum = word.includes("几") || word.includes("幾") ? 4 : 3;
      return fuzzyElapsedRange({ referenceTime, unit: "day", minimum: 2, maximum, direction: -1 });
    },
  },
  {
    name: "season-of-relative-year",
    pattern: /(大前年|前年|去年|今年|明年|后年|後年)(?:的)?(春天|夏天|秋天|冬天|春季|夏季|秋季|冬季)/g,
    resolve: ({ match, referenceTime }) => {
      const year = referenceTime.getUTCFullYear() + (yearWordOffsets[match[1] ?? ""] ?? 0);
      const season = (match[2] ?? "")[0];
      const startMonthIndex =
        season === "春"
          ? SEASON_START_MONTH_INDEX.spring
          : season === "夏"
            ? SEASON_START_MONTH_INDEX.summer
            : season === "秋"
              ? SEASON_START_MONTH_INDEX.autumn
              : SEASON_START_MONTH_INDEX.winter;
      return monthRange({ year, monthIndex: startMonthIndex, months: 3 });
    },
  },
  {
    name: "bare-year",
    pattern: /(?<![\d〇零一二三四五六七八九])((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年(?!代|级|級|龄|齡)/g,
    resolve: ({ match }) => {
      const year = parseChineseNumber(match[1] ?? "");
      return year === undefined ? undefined : yearRange({ year });
    },
  },
];
