import { wordTable } from "../text/word-table.js";

/** English counts and fuzzy amounts ("twenty-one", "a few", "a couple of"), shared by the English time rules. */

const smallNumbers: Readonly<Record<string, number>> = wordTable({
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
});

const tens: Readonly<Record<string, number>> = wordTable({
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
});

/** Fuzzy amounts and the range of units they stand for. */
const fuzzyAmounts: ReadonlyArray<{ pattern: RegExp; minimum: number; maximum: number }> = [
  { pattern: /^(?:a\s+)?couple(?:\s+of)?$/, minimum: 2, maximum: 3 },
  { pattern: /^(?:a\s+)?few$/, minimum: 2, maximum: 4 },
  { pattern: /^(?:several|some|a\s+number\s+of)$/, minimum: 3, maximum: 7 },
];

const unitDigits = "one|two|three|four|five|six|seven|eight|nine";
/**
 * A count (digits or number words up to ninety-nine) as a regular-expression source, no capturing group.
 *
 * @example
 * new RegExp(`^(?:${countSource})$`, "i").test("twenty-one"); // true
 */
export const countSource =
  `\\d{1,3}|(?:${Object.keys(tens).join("|")})(?:[- ](?:${unitDigits}))?|` +
  `${Object.keys(smallNumbers)
    .sort((left, right) => right.length - left.length)
    .join("|")}`;
const fuzzySource = "a\\s+couple(?:\\s+of)?|couple\\s+of|a\\s+few|few|several|some|a\\s+number\\s+of";
/**
 * A count or fuzzy amount as a regular-expression source, one capturing group.
 *
 * @example
 * new RegExp(`${amountSource} days ago`, "i").exec("a few days ago")?.[1]; // "a few"
 */
export const amountSource = `(${fuzzySource}|${countSource})`;

/**
 * Parses an English count: digits, number words up to ninety-nine, "a"/"an".
 *
 * @example
 * parseEnglishCount("twenty-one"); // 21
 * parseEnglishCount("a"); // 1
 */
export function parseEnglishCount(text: string): number | undefined {
  const normalized = text.toLowerCase().trim();
  if (/^\d+$/.test(normalized)) return Number.parseInt(normalized, 10);
  const small = smallNumbers[normalized];
  if (small !== undefined) return small;
  const [tensWord, unitWord] = normalized.split(/[- ]/);
  const tensValue = tensWord === undefined ? undefined : tens[tensWord];
  if (tensValue === undefined) return undefined;
  if (unitWord === undefined) return tensValue;
  const unitValue = smallNumbers[unitWord];
  return unitValue !== undefined && unitValue < 10 ? tensValue + unitValue : undefined;
}

/**
 * The amount of units an English amount stands for: exact, or fuzzy with a minimum and maximum.
 *
 * @example
 * parseAmount("a few"); // { minimum: 2, maximum: 4 }
 * parseAmount("twelve"); // { minimum: 12, maximum: 12 }
 */
export function parseAmount(text: string): { minimum: number; maximum: number } | undefined {
  const normalized = text.toLowerCase().replace(/\s+/g, " ").trim();
  for (const fuzzy of fuzzyAmounts) {
    if (fuzzy.pattern.test(normalized)) return { minimum: fuzzy.minimum, maximum: fuzzy.maximum };
  }
  const count = parseEnglishCount(normalized);
  return count === undefined ? undefined : { minimum: count, maximum: count };
}
