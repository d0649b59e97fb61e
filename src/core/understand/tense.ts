/** A verb in the past tense (or "did"): "I went there in May" happened in the May that has passed. */
const pastTense =
  /\b(?:since|did|was|were|had|went|got|saw|came|took|made|met|gave|bought|found|left|began|ran|spent|told|felt|thought|wrote|ate|drank|sang|flew|drove|won|lost|\p{L}{3,40}ed)\b/iu;
/** Words that point ahead: "I'll go in May", "we plan to go in May", "next May". */
const futureCue =
  /\b(?:will|shall|going to|gonna|plan|plans|planned|planning|next|upcoming|coming|hope|hoping|want|wants|would)\b|['’]ll\b/iu;

/**
 * An "-ed" word after a form of "be" or "get" (and at most one word between) is a participle or an
 * adjective, not the past: "is getting married in September", "I'm excited about May".
 */
const participle = /\b(?:am|is|are|be|being|get|gets|getting|['’](?:s|re|m))\s+(?:\p{L}{1,20}\s+)?\p{L}{3,40}ed\b/giu;

const sentenceMarks = [".", "!", "?", "\n"] as const;
/** How far from the time expression its sentence is read (a "sentence" without marks can be a whole document). */
const sentenceReach = 300;

/**
 * Does the sentence around `[index, index + length)` of `text` speak of the past, with nothing pointing
 * ahead? Then a month or day it names without a year is the last one that has begun, not chrono-node's
 * nearest one. The sentence is read at most {@link sentenceReach} characters on each side: unbounded, every
 * date in a long unpunctuated text read the whole text (100,000 characters of "May getting, in" took 6 s).
 *
 * @example
 * speaksOfThePast({ text: "I went to Paris in May.", index: 19, length: 3 }); // true
 * speaksOfThePast({ text: "I'll go to Paris in May.", index: 20, length: 3 }); // false
 */
export function speaksOfThePast(options: { text: string; index: number; length: number }): boolean {
  const { text, index, length } = options;
  const before = text.slice(Math.max(0, index - sentenceReach), index);
  const after = text.slice(index + length, index + length + sentenceReach);
  const start = Math.max(0, ...sentenceMarks.map((mark) => before.lastIndexOf(mark) + 1));
  const ends = sentenceMarks.map((mark) => after.indexOf(mark)).filter((at) => at >= 0);
  const sentence = `${before.slice(start)}${text.slice(index, index + length)}${after.slice(0, ends.length > 0 ? Math.min(...ends) : after.length)}`;
  return pastTense.test(sentence.replace(participle, " ")) && !futureCue.test(sentence);
}
