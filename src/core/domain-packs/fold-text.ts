/** Runs of these characters (whitespace, hyphens, dashes, underscores) fold to one space. */
const separatorPattern = /[\s\-‐‑‒–—―_]/u;
const apostrophePattern = /[’‘ʼ`]/g;
const letterOrDigitPattern = /[\p{L}\p{N}]/u;
const hanPattern = /\p{Script=Han}/u;

/** A folded text and, for each of its UTF-16 units, the span of the original text it came from. */
export interface FoldedText {
  folded: string;
  /** `starts[index]` is the offset in the original text where folded unit `index` begins. */
  starts: number[];
  /** `ends[index]` is the offset in the original text where folded unit `index` ends (exclusive). */
  ends: number[];
}

/**
 * Folds a text for matching while remembering where each folded character came from: each code point is
 * NFKC-normalised (full-width Ｌetters and digits become ASCII) and lower-cased, curly apostrophes become
 * `'`, and every run of whitespace, hyphens, dashes and underscores becomes one space — so "Stop-Loss",
 * "stop loss" and "stop  –  loss" all fold to "stop loss". Han characters pass through unchanged.
 *
 * @example
 * foldText("Stop-Loss").folded; // "stop loss"
 */
export function foldText(text: string): FoldedText {
  const units: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  let previousWasSeparator = false;
  for (const codePoint of text) {
    const start = offset;
    offset += codePoint.length;
    const code = codePoint.charCodeAt(0);
    // Fast paths: ASCII letters and digits, and CJK unified ideographs (unchanged by NFKC and lower-casing).
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x4e00 && code <= 0x9fff)) {
      units.push(codePoint);
      starts.push(start);
      ends.push(offset);
      previousWasSeparator = false;
      continue;
    }
    if (code >= 0x41 && code <= 0x5a) {
      units.push(String.fromCharCode(code + 0x20));
      starts.push(start);
      ends.push(offset);
      previousWasSeparator = false;
      continue;
    }
    if (separatorPattern.test(codePoint)) {
      if (previousWasSeparator) {
        ends[ends.length - 1] = offset;
      } else {
        units.push(" ");
        starts.push(start);
        ends.push(offset);
        previousWasSeparator = true;
      }
      continue;
    }
    previousWasSeparator = false;
    const normalized = codePoint.normalize("NFKC").toLowerCase().replace(apostrophePattern, "'");
    for (let index = 0; index < normalized.length; index++) {
      units.push(normalized[index] as string);
      starts.push(start);
      ends.push(offset);
    }
  }
  return { folded: units.join(""), starts, ends };
}

/**
 * The lookup key of a pack term or synonym: {@link foldText} without the offsets, trimmed.
 *
 * @example
 * foldSurface(" Margin-Call "); // "margin call"
 */
export function foldSurface(surface: string): string {
  return foldText(surface).folded.trim();
}

/** Does the text contain a Han (Chinese) character? */
export function containsHan(text: string): boolean {
  return hanPattern.test(text);
}

/**
 * Is this single character part of a word for boundary purposes: a letter or digit that is not Han?
 * Latin terms need a boundary on their Latin edges; Han text has no spaces, so Han never blocks a match.
 */
export function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && letterOrDigitPattern.test(character) && !hanPattern.test(character);
}
