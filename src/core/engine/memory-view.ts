import type { MemoryRecord } from "../domain/memory-record.js";

/** A memory as the public API returns it: the record with its text under `memory` (as mem0 users expect). */
export type MemoryView = Omit<MemoryRecord, "text"> & { memory: string };

/**
 * Converts a stored record to its public view.
 *
 * @example
 * toMemoryView(record).memory === record.text; // true
 */
export function toMemoryView(record: MemoryRecord): MemoryView {
  const { text, ...rest } = record;
  return { ...rest, memory: text };
}
