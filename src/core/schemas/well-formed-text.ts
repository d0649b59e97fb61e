/** A lone UTF-16 surrogate half: no character, and UTF-8 storage would silently turn it into U+FFFD. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Is `text` well-formed Unicode (no lone surrogate halves)? Text that is not would be stored altered, so the
 * input schemas refuse it instead (INPUT_INVALID).
 *
 * @example
 * isWellFormedText("café ☕"); // true
 * isWellFormedText("abc\uD800def"); // false
 */
export function isWellFormedText(text: string): boolean {
  return !loneSurrogate.test(text);
}

/** The message of the refusal. */
export const wellFormedTextMessage = "text must be well-formed Unicode (it has a lone surrogate half)";
