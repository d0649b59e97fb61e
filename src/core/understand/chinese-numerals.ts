const digitValues: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const unitValues: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 千: 1000 };

/**
 * Characters that can appear in a Chinese number handled by {@link parseChineseNumber}.
 *
 * @example
 * new RegExp(`[${CHINESE_NUMERAL_CHARACTERS}]+天前`).test("二十三天前"); // true
 */
export const CHINESE_NUMERAL_CHARACTERS = "零〇一二两兩三四五六七八九十拾百千廿";

/**
 * Parses an Arabic (ASCII or full-width) or Chinese numeral: 三 → 3, 十五 → 15, 二十三 → 23, 九十九 → 99,
 * 两 → 2, 一百零五 → 105, 廿 → 20. A run of digits without units reads digit by digit (二〇二三 → 2023).
 * Returns undefined for anything else (including 几 and 半, which callers treat as fuzzy amounts).
 *
 * @example
 * parseChineseNumber("二十三"); // 23
 * parseChineseNumber("两"); // 2
 * parseChineseNumber("12"); // 12
 * parseChineseNumber("几"); // undefined
 */
export function parseChineseNumber(text: string): number | undefined {
  if (text === "") return undefined;
  const ascii = text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(ascii)) return Number.parseInt(ascii, 10);

  const hasUnits = /[十拾百千廿]/.test(text);
  if (!hasUnits) {
    let value = 0;
    for (const character of text) {
      const digit = digitValues[character];
      if (digit === undefined) return undefined;
      value = value * 10 + digit;
    }
    return value;
  }

  let total = 0;
  let pending = 0;
  let sawPending = false;
  for (const character of text) {
    const digit = digitValues[character];
    if (digit !== undefined) {
      pending = digit;
      sawPending = true;
      continue;
    }
    if (character === "廿") {
      total += 20;
      pending = 0;
      sawPending = false;
      continue;
    }
    const unit = unitValues[character];
    if (unit === undefined) return undefined;
    total += (sawPending ? pending : 1) * unit;
    pending = 0;
    sawPending = false;
  }
  return total + pending;
}
