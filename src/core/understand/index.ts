/**
 * Offline understanding of English and Chinese messages: language, sentences, time expressions and
 * emotion. Pure functions, no I/O; fast enough to run on every message at ingest.
 */
export { CHINESE_NUMERAL_CHARACTERS, parseChineseNumber } from "./chinese-numerals.js";
export {
  type EmotionScore,
  type EmotionTerm,
  scoreEmotion,
} from "./emotion.js";
export {
  ENGLISH_CONTRAST_WORDS,
  ENGLISH_EMOTION_TERMS,
  ENGLISH_INTENSIFIERS,
  ENGLISH_NEGATORS,
} from "./emotion-lexicon-en.js";
export {
  CHINESE_CONTRAST_WORDS,
  CHINESE_EMOTION_TERMS,
  CHINESE_INTENSIFIERS,
  CHINESE_NEGATORS,
  CHINESE_NEUTRAL_WORDS,
} from "./emotion-lexicon-zh.js";
export { parseEnglishCount } from "./english-amounts.js";
export { CHINESE_SHARE_THRESHOLD, countScripts, detectLanguage, type Language, type ScriptCounts } from "./language.js";
export {
  type CalendarUnit,
  calendarUnitRange,
  elapsedRange,
  fuzzyElapsedRange,
  rollingRange,
  SEASON_START_MONTH_INDEX,
  weekdayRange,
  weekendRange,
  yearlyPeriodRange,
} from "./relative-ranges.js";
export { splitSentences } from "./sentences.js";
export { parseSessionDate, resolveTimeExpressions } from "./temporal.js";
export {
  applyTemporalRules,
  type ClaimedSpan,
  NOT_A_TIME_EXPRESSION,
  type TemporalRule,
  type TimeExpression,
} from "./temporal-rule.js";
export { chineseTemporalRules } from "./temporal-rules-chinese.js";
export { englishTemporalRules } from "./temporal-rules-english.js";
export {
  addDays,
  DAY_MILLISECONDS,
  dayRange,
  formatTimeRange,
  HOUR_MILLISECONDS,
  monthRange,
  startOfDay,
  startOfWeek,
  type TimeGranularity,
  type TimeRange,
  timeRange,
  weekRange,
  yearRange,
} from "./time-range.js";
