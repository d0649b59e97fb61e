/**
 * British and American spellings of one word ("favourite" / "favorite", "organise" / "organize", "centre" /
 * "center", "travelled" / "traveled", "catalogue" / "catalog", "defence" / "defense"): a statement may write
 * either. Each rule rewrites one spelling into the other, both ways; a form that is no word matches nothing.
 */
const rules: ReadonlyArray<{ from: RegExp; to: string; minimumLength: number }> = [
  { from: /([^aeiou])our(s|ed|ing|ite|ites|able|ful|hood|hoods|ly)?$/u, to: "$1or$2", minimumLength: 6 },
  { from: /([^aeiou])or(s|ed|ing|ite|ites|able|ful|hood|hoods|ly)?$/u, to: "$1our$2", minimumLength: 5 },
  { from: /is(e|es|ed|ing|ation|ations)$/u, to: "iz$1", minimumLength: 6 },
  { from: /iz(e|es|ed|ing|ation|ations)$/u, to: "is$1", minimumLength: 6 },
  { from: /ys(e|es|ed|ing)$/u, to: "yz$1", minimumLength: 6 },
  { from: /yz(e|es|ed|ing)$/u, to: "ys$1", minimumLength: 6 },
  { from: /([^aeiou])tre(s)?$/u, to: "$1ter$2", minimumLength: 5 },
  { from: /ter(s)?$/u, to: "tre$1", minimumLength: 6 },
  { from: /([aeiou])ll(ed|ing|er|ers)$/u, to: "$1l$2", minimumLength: 8 },
  { from: /([aeiou])l(ed|ing|er|ers)$/u, to: "$1ll$2", minimumLength: 7 },
  { from: /ogue(s)?$/u, to: "og$1", minimumLength: 7 },
  { from: /([^aeiou])ence(s)?$/u, to: "$1ense$2", minimumLength: 6 },
  { from: /([^aeiou])ense(s)?$/u, to: "$1ence$2", minimumLength: 6 },
];

/**
 * The other spelling of a word, British or American, when it has one by the common rules.
 *
 * @example
 * spellingVariants("favourite"); // ["favorite"]
 * spellingVariants("organize"); // ["organise"]
 */
export function spellingVariants(word: string): string[] {
  if (!/^[a-z]+$/u.test(word)) return [];
  const variants = new Set<string>();
  for (const rule of rules) {
    if (word.length < rule.minimumLength || !rule.from.test(word)) continue;
    const variant = word.replace(rule.from, rule.to);
    if (variant !== word) variants.add(variant);
  }
  return [...variants];
}
