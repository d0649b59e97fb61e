/** Terminators that always end a sentence (Chinese full-width punctuation needs no following space). */
const fullWidthTerminators = new Set(["。", "！", "？", "；", "｡"]);

/** ASCII terminators that end a sentence when followed by a space, a closing quote, Chinese or the end. */
const asciiTerminators = new Set(["!", "?"]);

/** Closing quotes and brackets that stay with the sentence they close. */
const closingMarks = new Set(["”", "’", "」", "』", "）", ")", "]", "】", "》", "〉", "»", "〕"]);

/** Titles that are always followed by a name: a dot after them never ends a sentence. */
const titleAbbreviations = new Set([
  "mr",
  "mrs",
  "ms",
  "mx",
  "dr",
  "prof",
  "sr",
  "jr",
  "st",
  "mt",
  "rev",
  "hon",
  "gen",
  "col",
  "capt",
  "lt",
  "sgt",
  "gov",
  "pres",
  "sen",
  "rep",
]);

/** Abbreviations that are normally followed by more of the same sentence. */
const inlineAbbreviations = new Set([
  "e.g",
  "i.e",
  "vs",
  "cf",
  "approx",
  "fig",
  "no",
  "nos",
  "vol",
  "ch",
  "pp",
  "ca",
  "est",
  "dept",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
]);

/** Abbreviations that can end a sentence: they end one only when a capitalised word follows. */
const closingAbbreviations = new Set(["etc", "a.m", "p.m", "inc", "ltd", "co", "corp", "u.s", "u.k", "jr"]);

function isWhitespace(character: string | undefined): boolean {
  return character === " " || character === "\t" || character === "\u00a0" || character === "\u3000";
}

function isLineBreak(character: string | undefined): boolean {
  return character === "\n" || character === "\r" || character === "\u2028" || character === "\u2029";
}

function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= "0" && character <= "9";
}

function isUppercaseLatin(character: string | undefined): boolean {
  return character !== undefined && character >= "A" && character <= "Z";
}

function isLatinLetter(character: string | undefined): boolean {
  return (
    character !== undefined &&
    ((character >= "a" && character <= "z") || (character >= "A" && character <= "Z") || (character >= "\u00c0" && character <= "\u024f"))
  );
}

function isHan(character: string | undefined): boolean {
  return character !== undefined && character >= "\u3400" && character <= "\u9fff";
}

/** First non-space character at or after `position`. */
function nextVisible(text: string, position: number): string | undefined {
  let cursor = position;
  while (cursor < text.length && isWhitespace(text[cursor])) cursor++;
  return text[cursor];
}

/** Count of `"` in text[from, to): odd means a straight double quote is still open. */
function countStraightQuotes(text: string, from: number, to: number): number {
  let count = 0;
  for (let position = from; position < to; position++) if (text[position] === '"') count++;
  return count;
}

/** Whether a parenthesis opened in text[from, to) is still open: "(why?)" does not end the sentence. */
function insideParentheses(text: string, from: number, to: number): boolean {
  let depth = 0;
  for (let position = from; position < to; position++) {
    const character = text[position];
    if (character === "(" || character === "（") depth++;
    else if ((character === ")" || character === "）") && depth > 0) depth--;
  }
  return depth > 0;
}

/**
 * Consumes closing quotes and brackets after a terminator. A straight `"` closes only when one is open in
 * the current sentence; a straight `'` closes only when followed by a space or the end.
 */
function consumeClosingMarks(text: string, position: number, sentenceStart: number): number {
  let cursor = position;
  for (;;) {
    const character = text[cursor];
    if (character !== undefined && closingMarks.has(character)) cursor++;
    else if (character === '"' && countStraightQuotes(text, sentenceStart, cursor) % 2 === 1) cursor++;
    else if (character === "'" && (cursor + 1 >= text.length || isWhitespace(text[cursor + 1]))) cursor++;
    else return cursor;
  }
}

/** The word (letters and inner dots) that ends right before the dot at `dotPosition`, lower-cased. */
function wordBeforeDot(text: string, dotPosition: number): string {
  let cursor = dotPosition;
  while (cursor > 0) {
    const character = text[cursor - 1];
    if (character === "." || isLatinLetter(character)) cursor--;
    else break;
  }
  return text.slice(cursor, dotPosition).toLowerCase();
}

/** Decides whether the dot (or run of dots) ending at `afterDots` ends a sentence. */
function dotEndsSentence(options: {
  text: string;
  dotPosition: number;
  afterDots: number;
  isEllipsis: boolean;
  sentenceStart: number;
}): boolean {
  const { text, dotPosition, afterDots, isEllipsis, sentenceStart } = options;
  const previous = text[dotPosition - 1];
  const following = text[afterDots];
  const upcoming = nextVisible(text, afterDots);

  if (following === undefined || isLineBreak(following)) return true;
  if (isEllipsis) {
    // An ellipsis is a pause ("我……不知道", "I was... fine") unless a capitalised sentence follows.
    const afterMarks = consumeClosingMarks(text, afterDots, sentenceStart);
    const nextCharacter = text[afterMarks];
    if (nextCharacter === undefined || isLineBreak(nextCharacter)) return true;
    return isWhitespace(nextCharacter) && isUppercaseLatin(nextVisible(text, afterMarks));
  }
  // Decimal numbers (3.5), versions (2.10.3), domains (example.com), inner dots (U.S.A).
  if (!isWhitespace(following) && !closingMarks.has(following) && following !== '"' && following !== "'") {
    return isHan(following);
  }
  if (isDigit(previous) && isDigit(upcoming)) return false;

  const word = wordBeforeDot(text, dotPosition);
  if (titleAbbreviations.has(word)) return false;
  if (inlineAbbreviations.has(word)) return false;
  if (closingAbbreviations.has(word)) return isUppercaseLatin(upcoming) || isHan(upcoming);
  // Initials such as "J. K. Rowling".
  if (word.length === 1 && isUppercaseLatin(previous) && isUppercaseLatin(upcoming)) return false;
  // List numbers at the start of a line: "1. Buy milk".
  if (/^\s*\d{1,3}$/.test(text.slice(sentenceStart, dotPosition))) return false;
  return true;
}

/**
 * Splits English and Chinese text into sentences.
 *
 * Sentences end at 。！？； (always, Chinese needs no space), at ! and ? (followed by a space, Chinese,
 * or the end), at line breaks, and at a dot unless the dot belongs to a title ("Mr.", "Dr."), a common
 * abbreviation ("e.g.", "etc." before a lower-case word), an initial ("J. K."), a number ("3.5",
 * "2.10.3"), a list number ("1.") or a domain. Ellipses ("...", "…") end a sentence only before a
 * capitalised word. Runs of terminators ("?!", "！！") and the closing quotes or brackets after them
 * stay with their sentence. Sentences are trimmed; empty ones are dropped.
 *
 * @example
 * splitSentences("Mr. Smith paid $3.5 million. He was happy!"); // ["Mr. Smith paid $3.5 million.", "He was happy!"]
 * splitSentences("我昨天去了医院。医生说没事！你呢？"); // ["我昨天去了医院。", "医生说没事！", "你呢？"]
 * splitSentences("他说：“走吧！”然后就走了。"); // ["他说：“走吧！”", "然后就走了。"]
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let sentenceStart = 0;

  const close = (end: number): void => {
    const sentence = text.slice(sentenceStart, end).trim();
    if (sentence !== "") sentences.push(sentence);
    sentenceStart = end;
  };

  let position = 0;
  while (position < text.length) {
    const character = text[position] as string;

    if (isLineBreak(character)) {
      close(position);
      position++;
      sentenceStart = position;
      continue;
    }

    if (fullWidthTerminators.has(character) || asciiTerminators.has(character)) {
      let cursor = position + 1;
      while (cursor < text.length) {
        const next = text[cursor] as string;
        if (fullWidthTerminators.has(next) || asciiTerminators.has(next) || next === "…") cursor++;
        else break;
      }
      cursor = consumeClosingMarks(text, cursor, sentenceStart);
      const following = text[cursor];
      const ends =
        !insideParentheses(text, sentenceStart, position) &&
        (fullWidthTerminators.has(character) ||
          following === undefined ||
          isWhitespace(following) ||
          isLineBreak(following) ||
          !(isLatinLetter(following) || isDigit(following)));
      if (ends) close(cursor);
      position = cursor;
      continue;
    }

    if (character === "." || character === "…") {
      let afterDots = position + 1;
      while (afterDots < text.length && (text[afterDots] === "." || text[afterDots] === "…")) afterDots++;
      const isEllipsis = character === "…" || afterDots - position >= 2;
      const ends = dotEndsSentence({ text, dotPosition: position, afterDots, isEllipsis, sentenceStart });
      if (ends) {
        const cursor = consumeClosingMarks(text, afterDots, sentenceStart);
        close(cursor);
        position = cursor;
      } else {
        position = afterDots;
      }
      continue;
    }

    position++;
  }
  close(text.length);
  return sentences;
}
