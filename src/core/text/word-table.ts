/**
 * A lookup table keyed by words, without a prototype: a word from user text such as "constructor" or
 * "__proto__" finds nothing in it, where a plain object literal answers with `Object.prototype`'s members
 * (a query containing "constructor" used to fail: the thesaurus returned a function).
 *
 * @example
 * const related = wordTable({ live: ["lives", "moved"] });
 * related.constructor; // undefined
 */
export function wordTable<Value>(entries: Readonly<Record<string, Value>>): Readonly<Record<string, Value>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, Value>, entries));
}
