import { createHash } from "node:crypto";

const knownPrefixes = new Map<string, string>();
/** Letters the Porter stemmer counts as consonants ("y" can be either): a prefix made of them leaves stems alone. */
const consonants = "bcdfghjklmnpqrstvwxz";

/**
 * Per-user full-text terms. Every indexed word of a row that belongs to a user is also written with a short
 * prefix derived from its tenant and user ("u3fa9c1e0d2x" + "lisbon"), so a scoped search reads only that
 * user's posting lists instead of every user's (FTS5 has no other way to skip other users' documents). Rows
 * keep their plain words in separate columns for searches that name no user.
 */
export function userKeywordPrefix(options: { tenantId: string; userId?: string | undefined }): string {
  const key = `${options.tenantId}\u0000${options.userId ?? ""}`;
  let prefix = knownPrefixes.get(key);
  if (prefix === undefined) {
    const digest = createHash("sha256").update(key).digest();
    prefix = `q${[...digest.subarray(0, 10)].map((byte) => consonants[byte % consonants.length]).join("")}x`;
    // Every write and search asks for it: remembered (bounded; cleared when full).
    if (knownPrefixes.size >= 10_000) knownPrefixes.clear();
    knownPrefixes.set(key, prefix);
  }
  return prefix;
}

/**
 * Prefixes every word of space-separated keyword text (words are split the way the unicode61 tokenizer splits
 * them, so a prefixed word stays one token).
 *
 * @example
 * prefixKeywords({ prefix: "uabcx", text: "don't panic" }); // "uabcxdon uabcxt uabcxpanic"
 */
export function prefixKeywords(options: { prefix: string; text: string }): string {
  return options.text
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((word) => word !== "")
    .map((word) => `${options.prefix}${word}`)
    .join(" ");
}

/**
 * Rewrites a full-text expression made of quoted phrases and operators so every word carries the prefix.
 *
 * @example
 * prefixMatchExpression({ prefix: "uabcx", expression: '"lisbon" OR "money back"' }); // '"uabcxlisbon" OR "uabcxmoney uabcxback"'
 */
export function prefixMatchExpression(options: { prefix: string; expression: string }): string {
  return options.expression.replace(/"([^"]*(?:""[^"]*)*)"/g, (_match, inner: string) => {
    const words = prefixKeywords({ prefix: options.prefix, text: inner.replaceAll('""', '"') });
    return `"${words.replaceAll('"', '""')}"`;
  });
}
