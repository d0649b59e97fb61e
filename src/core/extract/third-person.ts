import { wordTable } from "../text/word-table.js";

const irregularPresent: Readonly<Record<string, string>> = wordTable({
  am: "is",
  "'m": "is",
  have: "has",
  "'ve": "has",
  do: "does",
  go: "goes",
  be: "is",
  "don't": "doesn't",
  "haven't": "hasn't",
  are: "is",
});
const modals = new Set([
  "can",
  "could",
  "should",
  "would",
  "might",
  "must",
  "may",
  "will",
  "shall",
  "did",
  "was",
  "had",
  "used",
  "cannot",
  "can't",
  "couldn't",
  "shouldn't",
  "wouldn't",
  "won't",
  "didn't",
  "wasn't",
  "hadn't",
  "mustn't",
  "needn't",
  "shan't",
  "were",
  "gotta",
  "gonna",
  "wanna",
  "'ll",
  "'d",
]);
const adverbs = new Set([
  "really",
  "also",
  "just",
  "still",
  "usually",
  "always",
  "never",
  "often",
  "sometimes",
  "actually",
  "finally",
  "recently",
  "definitely",
  "totally",
  "already",
  "even",
  "only",
  "absolutely",
  "truly",
  "honestly",
  "kinda",
  "sort",
  "personally",
  "mostly",
  "first",
  "once",
  "ever",
  "almost",
  "sure",
  "then",
  "now",
  "soon",
  "later",
]);
/** Verbs that end in "ly" like an adverb ("I apply", "I rely on"). Any other word in "-ly" is an adverb. */
const lyVerbs = new Set(["apply", "reply", "rely", "fly", "supply", "multiply", "comply", "imply", "bully", "ally", "rally", "tally"]);

function isAdverb(word: string): boolean {
  const lower = word.toLowerCase();
  return adverbs.has(lower) || (/^[a-z]{2,}ly$/u.test(lower) && !lyVerbs.has(lower));
}
const contractionExpansions: Readonly<Record<string, string>> = wordTable({ "'ll": "will", "'d": "would", "'m": "is", "'ve": "has" });
const irregularPast = new Set([
  "was",
  "had",
  "did",
  "went",
  "got",
  "made",
  "took",
  "saw",
  "came",
  "knew",
  "thought",
  "found",
  "gave",
  "told",
  "felt",
  "left",
  "kept",
  "began",
  "ran",
  "brought",
  "bought",
  "met",
  "sat",
  "stood",
  "lost",
  "paid",
  "sent",
  "built",
  "spent",
  "won",
  "heard",
  "read",
  "wrote",
  "drove",
  "ate",
  "drank",
  "flew",
  "swam",
  "sang",
  "taught",
  "caught",
  "fought",
  "sold",
  "held",
  "became",
  "chose",
  "fell",
  "forgot",
  "grew",
  "hid",
  "hurt",
  "led",
  "lent",
  "meant",
  "put",
  "quit",
  "rode",
  "rose",
  "set",
  "shook",
  "shot",
  "slept",
  "spoke",
  "stole",
  "struck",
  "threw",
  "understood",
  "woke",
  "wore",
  "dug",
  "drew",
  "said",
  "learnt",
  "burnt",
  "dreamt",
  "blew",
  "blown",
  "retook",
  "finished",
  "started",
]);

/**
 * Third-person singular of an English present-tense verb ("love" → "loves", "try" → "tries", "go" → "goes",
 * "don't" → "doesn't"; a modal or past form stays: "can't", "didn't", "went").
 */
export function thirdPersonVerb(verb: string): string {
  const lower = verb.toLowerCase().replaceAll("’", "'");
  const irregular = irregularPresent[lower];
  if (irregular !== undefined) return verb.includes("’") ? irregular.replaceAll("'", "’") : irregular;
  // Another contraction ("isn't", "won't"): not a verb to inflect.
  if (lower.includes("'") && !lower.startsWith("'")) return verb;
  if (modals.has(lower) || irregularPast.has(lower) || /ed$/.test(lower)) return contractionExpansions[lower] ?? verb;
  if (/(?:s|sh|ch|x|z|o)$/.test(lower)) return `${verb}es`;
  if (/[^aeiou]y$/.test(lower)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

/** The adverbs at most skipped between "I" and its verb ("I probably also have" → "probably also has"). */
const maxAdverbs = 3;

/**
 * "I" → the speaker, its verb in the third person: "I love" → "Lena loves", "I probably also have" → "Lena
 * probably also has", "I'm" → "Lena is", "I think I like it" → "Lena thinks Lena likes it". A capitalised or
 * unusual word after "I" is left as it is. One pass over the text, a few words of lookahead per "I".
 */
function rewriteEnglishSubject(options: { text: string; speaker: string }): string {
  const { text, speaker } = options;
  const wordAfter = /\s+([A-Za-z'’]+)/y;
  let rewritten = "";
  let copiedUpTo = 0;
  for (const match of text.matchAll(/\bI(?![\w-])(['’](?:m|ve|ll|d)\b)?/g)) {
    const start = match.index;
    if (start < copiedUpTo) continue;
    rewritten += text.slice(copiedUpTo, start);
    copiedUpTo = start + match[0].length;
    const contraction = match[1];
    if (contraction !== undefined) {
      rewritten += `${speaker} ${contractionExpansions[`'${contraction.slice(1)}`] ?? ""}`;
      continue;
    }
    rewritten += speaker;
    for (let cursor = copiedUpTo, skipped = 0; ; ) {
      wordAfter.lastIndex = cursor;
      const next = wordAfter.exec(text);
      const word = next?.[1];
      if (word === undefined || word === "I") break;
      if (isAdverb(word) && skipped < maxAdverbs) {
        skipped += 1;
        cursor = wordAfter.lastIndex;
        continue;
      }
      if (/^[a-z'’]+$/u.test(word)) {
        const wordStart = wordAfter.lastIndex - word.length;
        rewritten += `${text.slice(copiedUpTo, wordStart)}${thirdPersonVerb(word)}`;
        copiedUpTo = wordAfter.lastIndex;
      }
      break;
    }
  }
  return rewritten + text.slice(copiedUpTo);
}

/**
 * Rewrites a first-person English or Chinese statement about its speaker into a self-contained third-person
 * one: "I love my dog" by Lena → "Lena loves Lena's dog"; "我喜欢咖啡" → "Lena喜欢咖啡". "We", "you" and
 * quoted speech are left alone. Returns the text unchanged when there is no first person.
 *
 * @example
 * toThirdPerson({ text: "I moved to Lisbon and I'm happy", speaker: "Lena" }); // "Lena moved to Lisbon and Lena is happy"
 */
export function toThirdPerson(options: { text: string; speaker: string }): string {
  const { speaker } = options;
  let text = options.text;
  if (/\p{Script=Han}/u.test(text)) {
    text = text.replace(/我(?!们)/gu, speaker);
  }
  text = rewriteEnglishSubject({ text, speaker });
  text = text.replace(/\b(?:my|My)\b/g, `${speaker}'s`).replace(/\bmine\b/g, `${speaker}'s`);
  text = text.replace(/\b(?:myself)\b/g, speaker).replace(/\bme\b/g, speaker);
  return text;
}
