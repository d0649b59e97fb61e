/** The languages Mnemo understands natively; everything else is "other". */
export type Language = "en" | "zh" | "other";

/**
 * Share of Han characters, among Han characters plus Latin letters, from which a text counts as Chinese.
 *
 * One Han character carries roughly as much meaning as three Latin letters, so a 25 % character share
 * already means about half of the content is Chinese. This keeps Chinese sentences that embed English
 * product names ("我用了 ChatGPT 和 TypeScript 写代码", 26 %) Chinese, and English sentences that mention a
 * Chinese name ("My friend 王小明 lives in Shanghai", 11 %) English.
 *
 * @example
 * countScripts("abc 中").han / 4 >= CHINESE_SHARE_THRESHOLD; // true: detectLanguage("abc 中") is "zh"
 */
export const CHINESE_SHARE_THRESHOLD = 0.25;

/** Counts of the scripts that decide the language of a text. */
export interface ScriptCounts {
  /** CJK unified ideographs (including extensions and compatibility ideographs). */
  han: number;
  /** Latin letters, ASCII and accented. */
  latin: number;
  /** Hiragana and katakana: their presence marks Japanese. */
  kana: number;
  /** Letters of any other script (Cyrillic, Greek, Hangul, Arabic, ...). */
  otherLetters: number;
}

const letterPattern = /\p{L}/u;

function isHanCode(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    // High surrogates of the supplementary ideographic planes (U+20000..U+3FFFF).
    (code >= 0xd840 && code <= 0xd8bf)
  );
}

/**
 * Counts Han characters, Latin letters, kana and other letters in one pass over the UTF-16 code units.
 *
 * @example
 * countScripts("我用 React"); // { han: 2, latin: 5, kana: 0, otherLetters: 0 }
 */
export function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = { han: 0, latin: 0, kana: 0, otherLetters: 0 };
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) counts.latin++;
    } else if (isHanCode(code)) {
      counts.han++;
      if (code >= 0xd800) position++; // skip the low surrogate
    } else if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) {
      counts.latin++;
    } else if (code >= 0x3040 && code <= 0x30ff) {
      counts.kana++;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      position++; // other astral characters (emoji, ...) are not letters we care about
    } else if (code > 0x2ff && letterPattern.test(text.charAt(position))) {
      counts.otherLetters++;
    }
  }
  return counts;
}

/**
 * Detects whether a text is English, Chinese or something else, from the scripts it is written in.
 *
 * - "zh" when Han characters make up at least {@link CHINESE_SHARE_THRESHOLD} of Han characters plus
 *   Latin letters (mixed text with substantial Chinese is Chinese);
 * - "en" when Latin letters dominate (any Latin-script text is treated as English);
 * - "other" when there are no letters at all (numbers, emoji), when kana marks Japanese, or when other
 *   scripts (Cyrillic, Hangul, ...) outnumber Han and Latin together.
 *
 * @example
 * detectLanguage("I moved to Lisbon last month"); // "en"
 * detectLanguage("我上个月搬到了里斯本"); // "zh"
 * detectLanguage("帮我看看这个 React 组件"); // "zh"
 * detectLanguage("12:30 👍"); // "other"
 */
export function detectLanguage(text: string): Language {
  const counts = countScripts(text);
  const known = counts.han + counts.latin;
  if (known === 0) return "other";
  if (counts.kana >= 2 && counts.kana * 5 >= counts.han) return "other";
  if (counts.otherLetters + counts.kana > known) return "other";
  return counts.han / known >= CHINESE_SHARE_THRESHOLD ? "zh" : "en";
}
