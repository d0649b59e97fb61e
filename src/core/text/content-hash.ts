import { createHash } from "node:crypto";

/**
 * A text's meaning-bearing form: NFKC, lower case, collapsed spaces, no trailing punctuation.
 *
 * @example
 * normalizeText("  Where does she LIVE?? "); // "where does she live"
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/(?<![\s\p{P}])[\s\p{P}]+$/u, "")
    .trim();
}

/**
 * A stable hash of a text's meaning-bearing form ({@link normalizeText}), used to find exact duplicates and
 * kept as a tombstone after deletion.
 *
 * @example
 * contentHash("I like tea.") === contentHash("i like  tea"); // true
 */
export function contentHash(text: string): string {
  return createHash("sha256").update(normalizeText(text)).digest("hex");
}
