/**
 * Edit distance with adjacent transpositions (optimal string alignment): "tournamnet" is 1 from "tournament".
 * Stops counting past `limit` and then returns `limit + 1`.
 *
 * @example
 * editDistance({ left: "persue", right: "pursue", limit: 2 }); // 1
 */
export function editDistance(options: { left: string; right: string; limit: number }): number {
  const { left, right, limit } = options;
  if (Math.abs(left.length - right.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    let best = row;
    for (let column = 1; column <= right.length; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let value = Math.min((previous[column] as number) + 1, (current[column - 1] as number) + 1, (previous[column - 1] as number) + cost);
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1]) {
        value = Math.min(value, (beforePrevious[column - 2] as number) + 1);
      }
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[right.length] as number, limit + 1);
}

/** How many letters a stem of the index may lack at the end of the word it stands for ("pursue" → "pursu"). */
const stemSlack = 2;

/**
 * The terms of a scope's index vocabulary (stems, as the index stores them) that a word matching nothing may
 * have meant: a misspelling ("persue", "Andew", "tournamnet") one edit away (two for words of eight letters or
 * more), compared whole or, against a shorter stem, by the word's first letters. A stem the word merely extends
 * ("cart" for "carton") is not a correction. Best first (fewest edits, then most rows), at most `count`.
 *
 * @example
 * nearTerms({ word: "persue", terms: [{ term: "pursu", rows: 3 }, { term: "purs", rows: 9 }], count: 2 }); // ["pursu"]
 */
export function nearTerms(options: { word: string; terms: ReadonlyArray<{ term: string; rows: number }>; count: number }): string[] {
  const { word, count } = options;
  const limit = word.length >= 8 ? 2 : 1;
  const found: Array<{ term: string; rows: number; distance: number }> = [];
  for (const { term, rows } of options.terms) {
    if (term === word || term.length < 4) continue;
    let distance = editDistance({ left: word, right: term, limit });
    const missing = word.length - term.length;
    if (missing > 0 && missing <= stemSlack) {
      // Against a stem: one edit in the letters it keeps, and a stem of five letters at least ("air" is no
      // stem of "april").
      const head = term.length >= 5 ? editDistance({ left: word.slice(0, term.length), right: term, limit: 1 }) : 2;
      distance = head === 0 ? limit + 1 : Math.min(distance, head === 1 ? 1 : limit + 1);
    }
    if (distance <= limit) found.push({ term, rows, distance });
  }
  found.sort((left, right) => left.distance - right.distance || right.rows - left.rows);
  return found.slice(0, count).map((entry) => entry.term);
}
