/**
 * A lookup of words that stand for each other: each word of a group gives the other words of every group it is
 * in ("kids" in ["children", "kids"] and ["kids", "kiddos"] gives "children" and "kiddos").
 *
 * @example
 * const othersOf = wordGroups([["child", "children"], ["kid", "kids"]]);
 * othersOf("children"); // ["child"]
 * othersOf("dog"); // []
 */
export function wordGroups(groups: ReadonlyArray<readonly string[]>): (word: string) => readonly string[] {
  const others = new Map<string, Set<string>>();
  for (const group of groups) {
    for (const word of group) {
      const known = others.get(word) ?? new Set<string>();
      for (const other of group) if (other !== word) known.add(other);
      others.set(word, known);
    }
  }
  const lists = new Map([...others].map(([word, set]) => [word, [...set]] as const));
  return (word) => lists.get(word) ?? [];
}
