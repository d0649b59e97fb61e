import { createHash } from "node:crypto";

/**
 * A stable hash of a text's meaning-bearing form (NFKC, lower case, collapsed spaces, no trailing
 * punctuation), used to find exact duplicates and kept as a tombstone after deletion.
 *
 * @example
 * contentHash("I like tea.") === contentHash("i like  tea"); // true
 */
export function contentHash(text: string): string {
  const normalized = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[\s\p{P}]+$/u, "")
    .trim();
  return createHash("sha256").update(normalized).digest("hex");
}
