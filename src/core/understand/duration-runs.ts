/** Words chrono reads as the amount of a duration ("a couple of", "few", "half an", "three"). */
const amountWords = new Set([
  "a",
  "an",
  "the",
  "half",
  "few",
  "several",
  "couple",
  "of",
  "about",
  "around",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
]);
const unitSource = "s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|mo|mon|mos|months?|qtr|quarters?|y|yrs?|years?";
/** A duration unit, alone or glued to its amount ("hours", "2h", "couplehour"). */
const unitToken = new RegExp(`^(?:\\d+(?:\\.\\d+)?|couple|few|several|half|an?)?(?:${unitSource})$`, "iu");
const amountToken = /^\d+(?:\.\d+)?$/u;
/** Words, numbers with a decimal part, or single other characters; whitespace separates them. */
const tokenPattern = /[\p{L}\p{N}]+(?:\.\d+)?|[^\s\p{L}\p{N}]/gu;
/** Durations chrono reads in one run ("2 years, 3 months and 4 days ago" has three). */
const longestRun = 4;

/**
 * `text` with every run of more than four consecutive durations ("couple hour couple hour …") cut by a ";" in
 * place of the character before the fifth (same length, so positions hold). chrono-node reads a run of up to
 * eleven durations with a regular expression whose optional spaces can be shared out in many ways: when the
 * words after the run do not complete a match, it tries them all, about six times as many per duration ("couple
 * hour" said twelve times took minutes, and held the whole process). A run of four is read as before.
 *
 * @example
 * boundDurationRuns("2 years, 3 months and 4 days ago"); // unchanged
 * boundDurationRuns("couple hour couple hour couple hour couple hour couple hour"); // "… couple hour;couple hour"
 */
export function boundDurationRuns(text: string): string {
  const cuts: number[] = [];
  let units = 0;
  /** Where the current duration begins: its first amount word, or the unit itself. */
  let phraseStart = -1;
  for (const match of text.matchAll(tokenPattern)) {
    const token = match[0];
    const lower = token.toLowerCase();
    if (unitToken.test(token)) {
      units += 1;
      if (units > longestRun) {
        // The character before the duration (a space, a comma, or the end of a glued unit) becomes ";".
        cuts.push(Math.max(0, (phraseStart === -1 ? match.index : phraseStart) - 1));
        units = 1;
      }
      phraseStart = -1;
    } else if (amountToken.test(token) || amountWords.has(lower)) {
      if (phraseStart === -1) phraseStart = match.index;
    } else if (token === "," || lower === "and") {
      phraseStart = -1;
    } else {
      units = 0;
      phraseStart = -1;
    }
  }
  if (cuts.length === 0) return text;
  let bounded = "";
  let from = 0;
  for (const cut of cuts) {
    bounded += `${text.slice(from, cut)};`;
    from = cut + 1;
  }
  return bounded + text.slice(from);
}
