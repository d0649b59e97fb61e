import { stopWords } from "../text/stop-words.js";

/** Phrases that only keep a conversation going ("long time no see", "keep up the good work"). */
const phaticPhrases =
  /\b(?:long time no (?:see|talk|chat)|keep (?:it )?up(?: the (?:good|great) work)?|you(?:'ve| have)? got this|see (?:you|ya)(?: (?:later|soon|then|around))?|talk (?:to you )?(?:later|soon)|take care|good luck|best of luck|no worries|my pleasure|any ?time|sounds? like a plan|(?:it |that )?means (?:a lot|so much)|(?:i )?can(?:no|')t wait|good (?:to|hearing from|talking to) (?:you|hear)|nice (?:to|talking to) (?:you|hear)|catch you later|been (?:a while|ages|forever)(?: since we (?:last )?(?:talked|chatted|caught up))?|how(?:'s| is| are| have) (?:it going|you been|things|you doing|everything))\b/giu;

/** Words that praise, thank, greet or agree without saying anything of their own. */
const phaticWords = new Set(
  (
    "wow whoa woah aww awww oh ooh haha hahaha lol omg yay woohoo hey hi hello yo bye thanks thank thx appreciate appreciated " +
    "congrats congratulations awesome amazing great cool nice good wonderful fantastic incredible lovely sweet fun super " +
    "glad happy proud totally definitely absolutely exactly true right sure yeah yes yep yup nope okay ok agree agreed " +
    "really so very much lot lots too also indeed seriously pretty kind such one thing things stuff way sounds sound " +
    "looks look like love hope hear heard see"
  ).split(" "),
);

/**
 * Is this sentence only small talk: greetings, thanks, praise, agreement ("Wow, that's awesome!", "Keep up the
 * good work!", "Hey Jo! Long time no see!")? Such a sentence says nothing to remember; the turn itself stays
 * stored and searchable. Names (capitalised words) count as nothing of their own either.
 *
 * @example
 * isSmallTalk("Wow, Nate! That's awesome!"); // true
 * isSmallTalk("Wow, Nate! Congrats on winning the tournament!"); // false
 */
export function isSmallTalk(sentence: string): boolean {
  if (/\p{Script=Han}|\p{N}/u.test(sentence)) return false;
  const rest = sentence.replace(phaticPhrases, " ");
  const words = rest.match(/[\p{L}'’]+/gu) ?? [];
  return words.every((word) => {
    const lower = word.toLowerCase().replace(/['’](?:s|re|ve|ll|d|m|t)$/u, "");
    return lower === "" || stopWords.has(lower) || phaticWords.has(lower) || /^\p{Lu}/u.test(word);
  });
}
