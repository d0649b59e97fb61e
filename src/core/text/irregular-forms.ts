import { wordGroups } from "./word-groups.js";

/**
 * Common English irregular verbs (base, past, past participle) and nouns (singular, plural). The Porter
 * stemmer used by the full-text index cannot relate "choose" to "chose", "buy" to "bought" or "child" to
 * "children"; query expansion adds the other forms.
 */
const forms: ReadonlyArray<readonly string[]> = [
  ["child", "children"],
  ["person", "people"],
  ["man", "men"],
  ["woman", "women"],
  ["foot", "feet"],
  ["tooth", "teeth"],
  ["mouse", "mice"],
  ["wife", "wives"],
  ["life", "lives"],
  ["knife", "knives"],
  ["leaf", "leaves"],
  ["shelf", "shelves"],
  ["be", "was", "were", "been"],
  ["become", "became"],
  ["begin", "began", "begun"],
  ["bring", "brought"],
  ["build", "built"],
  ["buy", "bought"],
  ["catch", "caught"],
  ["choose", "chose", "chosen"],
  ["come", "came"],
  ["do", "did", "done"],
  ["draw", "drew", "drawn"],
  ["drink", "drank", "drunk"],
  ["drive", "drove", "driven"],
  ["eat", "ate", "eaten"],
  ["fall", "fell", "fallen"],
  ["feel", "felt"],
  ["fight", "fought"],
  ["find", "found"],
  ["fly", "flew", "flown"],
  ["forget", "forgot", "forgotten"],
  ["get", "got", "gotten"],
  ["give", "gave", "given"],
  ["go", "went", "gone"],
  ["grow", "grew", "grown"],
  ["have", "had"],
  ["hear", "heard"],
  ["hold", "held"],
  ["keep", "kept"],
  ["know", "knew", "known"],
  ["lead", "led"],
  ["learn", "learnt"],
  ["leave", "left"],
  ["lend", "lent"],
  ["lose", "lost"],
  ["make", "made"],
  ["meet", "met"],
  ["pay", "paid"],
  ["ride", "rode", "ridden"],
  ["ring", "rang", "rung"],
  ["rise", "rose", "risen"],
  ["run", "ran"],
  ["say", "said"],
  ["see", "saw", "seen"],
  ["sell", "sold"],
  ["send", "sent"],
  ["sing", "sang", "sung"],
  ["sit", "sat"],
  ["sleep", "slept"],
  ["speak", "spoke", "spoken"],
  ["spend", "spent"],
  ["stand", "stood"],
  ["steal", "stole", "stolen"],
  ["swim", "swam", "swum"],
  ["take", "took", "taken"],
  ["teach", "taught"],
  ["tell", "told"],
  ["think", "thought"],
  ["throw", "threw", "thrown"],
  ["understand", "understood"],
  ["wake", "woke", "woken"],
  ["wear", "wore", "worn"],
  ["win", "won"],
  ["write", "wrote", "written"],
];

const formsOf = wordGroups(forms);

/**
 * The other forms of an English irregular verb or noun ("chose" → ["choose", "chosen"]); [] for any other word.
 *
 * @example
 * irregularForms("bought"); // ["buy"]
 * irregularForms("children"); // ["child"]
 */
export function irregularForms(word: string): string[] {
  return [...formsOf(word)];
}
