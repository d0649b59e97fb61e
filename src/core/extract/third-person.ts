const irregularPresent: Readonly<Record<string, string>> = {
  am: "is",
  "'m": "is",
  have: "has",
  "'ve": "has",
  do: "does",
  go: "goes",
  be: "is",
  "don't": "doesn't",
  "haven't": "hasn't",
};
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
]);
const contractionExpansions: Readonly<Record<string, string>> = { "'ll": "will", "'d": "would", "'m": "is", "'ve": "has" };
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
  // "I" + optional adverb + verb.
  text = text.replace(
    /\bI(?![\w-])(['’](?:m|ve|ll|d)\b)?(\s+(?:[a-z]+ly|[a-z]+(?:['’][a-z]+)?)\b)?(\s+[A-Za-z'’]+)?/g,
    (match, contraction: string | undefined, second: string | undefined, third: string | undefined) => {
      if (contraction !== undefined) {
        const expanded = contractionExpansions[`'${contraction.slice(1)}`] ?? "";
        return `${speaker} ${expanded}${second ?? ""}${third ?? ""}`;
      }
      if (second === undefined) return speaker;
      const secondWord = second.trim();
      if (adverbs.has(secondWord.toLowerCase()) && third !== undefined) {
        return `${speaker}${second}${third.replace(third.trim(), thirdPersonVerb(third.trim()))}`;
      }
      if (!/^[a-z'’]+$/.test(secondWord)) return match.replace(/^I/, speaker);
      return `${speaker}${second.replace(secondWord, thirdPersonVerb(secondWord))}${third ?? ""}`;
    },
  );
  text = text.replace(/\b(?:my|My)\b/g, `${speaker}'s`).replace(/\bmine\b/g, `${speaker}'s`);
  text = text.replace(/\b(?:myself)\b/g, speaker).replace(/\bme\b/g, speaker);
  return text;
}
