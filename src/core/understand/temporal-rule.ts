import type { TimeRange } from "./time-range.js";

/** A time expression found in a text, resolved to an absolute UTC range. */
export interface TimeExpression extends TimeRange {
  /** The expression as written. */
  text: string;
  /** UTF-16 offset of the expression in the text. */
  index: number;
}

/**
 * What a rule returns for a match that looks like a time expression but is part of an ordinary word or is
 * anchored to another event (以后天气, "the day before my birthday"): the span is claimed, so chrono-node
 * results inside it are dropped too.
 *
 * @example
 * resolve: ({ match }) => (/^\s+my\b/.test(match.input.slice(match.index + match[0].length)) ? NOT_A_TIME_EXPRESSION : undefined)
 */
export const NOT_A_TIME_EXPRESSION = "not-a-time-expression";

/**
 * A hand-written recognizer for time expressions that chrono-node misses or resolves differently.
 * `pattern` must carry the global flag. `resolve` returns the range (optionally with a narrower `text` and
 * `index`), {@link NOT_A_TIME_EXPRESSION} to veto the span, or undefined to pass without an opinion.
 */
export interface TemporalRule {
  name: string;
  pattern: RegExp;
  resolve(options: { match: RegExpExecArray; referenceTime: Date }): TimeRange | TimeExpression | typeof NOT_A_TIME_EXPRESSION | undefined;
}

/** A span of text a rule has decided on (resolved or vetoed), as [index, end). */
export interface ClaimedSpan {
  index: number;
  end: number;
}

function hasText(value: TimeRange | TimeExpression): value is TimeExpression {
  return "text" in value;
}

/**
 * Runs every rule over the text and returns every (possibly overlapping) expression they resolve, plus the
 * spans the rules decided on (whole matches, resolved or vetoed), which outrank other parsers' results
 * lying inside them.
 *
 * @example
 * applyTemporalRules({ text: "see you tomorrow", referenceTime, rules: englishTemporalRules }).expressions;
 * // [{ text: "tomorrow", index: 8, granularity: "day", ... }]
 */
export function applyTemporalRules(options: { text: string; referenceTime: Date; rules: readonly TemporalRule[] }): {
  expressions: TimeExpression[];
  claimedSpans: ClaimedSpan[];
} {
  const { text, referenceTime, rules } = options;
  const expressions: TimeExpression[] = [];
  const claimedSpans: ClaimedSpan[] = [];
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    for (let match = rule.pattern.exec(text); match !== null; match = rule.pattern.exec(text)) {
      if (match[0] === "") {
        rule.pattern.lastIndex++;
        continue;
      }
      const resolved = rule.resolve({ match, referenceTime });
      if (resolved === undefined) continue;
      claimedSpans.push({ index: match.index, end: match.index + match[0].length });
      if (resolved === NOT_A_TIME_EXPRESSION) continue;
      expressions.push(hasText(resolved) ? resolved : { ...resolved, text: match[0], index: match.index });
    }
  }
  return { expressions, claimedSpans };
}
