import type { FusedItem } from "./fuse-rankings.js";

/**
 * The fused items the read path adjusts: the first `depth`, and past them every reply whose question is among
 * them. A reply ranks right after its question (`RecallSettings.replyFollow`), but only when it is adjusted:
 * a reply found by the reply and context channels alone can fuse far below its question (a day's memories
 * found by the time channel fill the first places) and would otherwise never be lifted.
 *
 * @example
 * adjustableItems({ fused, depth: 40, replyTo: new Map([["episode:b", "episode:a"]]) });
 */
export function adjustableItems(options: {
  fused: readonly FusedItem[];
  depth: number;
  /** Reply key → the key of the question it answers. */
  replyTo: ReadonlyMap<string, string>;
}): FusedItem[] {
  const { fused, depth, replyTo } = options;
  const adjustable = fused.slice(0, depth);
  if (replyTo.size === 0) return adjustable;
  const kept = new Set(adjustable.map((item) => item.key));
  for (const item of fused.slice(depth)) {
    const question = replyTo.get(item.key);
    if (question !== undefined && kept.has(question)) adjustable.push(item);
  }
  return adjustable;
}
