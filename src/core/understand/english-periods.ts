import { wordTable } from "../text/word-table.js";
import { SEASON_START_MONTH_INDEX } from "./relative-ranges.js";

/** English month names (and "sept") by 0-based month index. */
const monthIndexes: Readonly<Record<string, number>> = wordTable({
  january: 0,
  february: 1,
  march: 2,
  april: 3,
  may: 4,
  june: 5,
  july: 6,
  august: 7,
  september: 8,
  sept: 8,
  october: 9,
  november: 10,
  december: 11,
});

/**
 * The first month (0-based) and length in months of an English month or season name, any case.
 *
 * @example
 * periodOf("May"); // { startMonthIndex: 4, months: 1 }
 * periodOf("fall"); // { startMonthIndex: 8, months: 3 }
 */
export function periodOf(name: string): { startMonthIndex: number; months: number } | undefined {
  const normalized = name.toLowerCase();
  const monthIndex = monthIndexes[normalized];
  if (monthIndex !== undefined) return { startMonthIndex: monthIndex, months: 1 };
  if (normalized === "spring") return { startMonthIndex: SEASON_START_MONTH_INDEX.spring, months: 3 };
  if (normalized === "summer") return { startMonthIndex: SEASON_START_MONTH_INDEX.summer, months: 3 };
  if (normalized === "fall" || normalized === "autumn") return { startMonthIndex: SEASON_START_MONTH_INDEX.autumn, months: 3 };
  if (normalized === "winter") return { startMonthIndex: SEASON_START_MONTH_INDEX.winter, months: 3 };
  return undefined;
}

/**
 * The month and season names as a regular-expression source, no capturing group.
 *
 * @example
 * new RegExp(`^(?:${periodSource})$`, "i").test("Sept"); // true
 */
export const periodSource = `${Object.keys(monthIndexes).join("|")}|spring|summer|fall|autumn|winter`;

/**
 * Which occurrence a modifier points at: -1 for "last" / "previous" / "this past" / "past", 1 for "next" /
 * "coming" / "upcoming" / "this coming", 0 for anything else ("this", "the").
 *
 * @example
 * relativeOffset("this past"); // -1
 */
export function relativeOffset(modifier: string): number {
  const normalized = modifier.toLowerCase().replace(/\s+/g, " ");
  if (/^(?:the )?(?:last|previous|this past|past)$/.test(normalized)) return -1;
  if (/^(?:the )?(?:next|coming|upcoming|this coming)$/.test(normalized)) return 1;
  return 0;
}
