import type { MemoryFilters } from "../../ports/store.js";
import type { Scope } from "../domain/scope.js";
import type { EngineContext } from "../engine/engine-context.js";
import { keywordMatchExpression } from "../text/keywords.js";
import type { EventAnchor } from "./event-anchor.js";
import { openRange } from "./open-range.js";

/** How far before (or after) the event an anchored question looks. */
const anchorReachDays = 365;

/** A range resolved from an event anchor, with the instant its hits are ranked by nearness to. */
export interface AnchoredRange {
  start: string;
  end: string;
  near: string;
  text: string;
  /** The memory that dates the event. */
  eventMemoryId: string;
}

/**
 * Resolves "before the wedding" against the scope: the best keyword match for the event's words that carries
 * an event date dates it (or, when none does, the best match's own date, when it was said). "Before" is the
 * year up to the event's start, "after" the year from its end; hits rank by nearness to the event.
 *
 * @example
 * await resolveEventAnchor({ context, scope, filters, anchor: { relation: "before", event: "wedding", text: "before the wedding" } });
 * // { start: "2022-06-10…", end: "2023-06-10…", near: "2023-06-10…", text: "before the wedding", eventMemoryId: "…" }
 */
export async function resolveEventAnchor(options: {
  context: EngineContext;
  scope: Scope;
  filters: MemoryFilters;
  anchor: EventAnchor;
}): Promise<AnchoredRange | undefined> {
  const { context, scope, anchor } = options;
  const matchExpression = keywordMatchExpression({ text: anchor.event, segmenter: context.segmenter });
  if (matchExpression === "") return undefined;
  const hits = await context.store.searchKeyword({ scope, filters: options.filters, matchExpression, limit: 10 });
  if (hits.length === 0) return undefined;
  const memories = await context.store.getMemories({ tenantId: scope.tenantId, ids: hits.map((hit) => hit.memoryId), withEntities: false });
  const byId = new Map(memories.map((memory) => [memory.id, memory]));
  const ranked = hits.flatMap((hit) => byId.get(hit.memoryId) ?? []);
  const event = ranked.find((memory) => memory.eventStart !== undefined) ?? ranked[0];
  const eventStart = event?.eventStart ?? event?.validFrom ?? event?.createdAt;
  if (event === undefined || eventStart === undefined) return undefined;
  const eventEnd = event.eventEnd ?? eventStart;
  const range =
    anchor.relation === "before"
      ? openRange({ edge: eventStart, side: "before", reachDays: anchorReachDays })
      : openRange({ edge: eventEnd, side: "after", reachDays: anchorReachDays });
  return { ...range, text: anchor.text, eventMemoryId: event.id };
}
