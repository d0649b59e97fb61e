/**
 * Freezes a value and everything it holds, in place, and returns it: for results a store keeps and hands out
 * again, which no caller may change for the next.
 *
 * @example
 * const hits = deepFreeze([{ memoryId: "m1", score: 2 }]);
 * hits[0].score = 3; // TypeError in strict mode
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
