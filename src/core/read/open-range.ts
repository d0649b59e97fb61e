/**
 * The time on one side of an instant, as far as `reachDays`: "before" ends at `edge`, "after" begins there.
 * `near` is the edge, so hits rank by nearness to it ("before the wedding", "before May 2023").
 *
 * @example
 * openRange({ edge: "2023-06-10T00:00:00.000Z", side: "before", reachDays: 365 });
 * // { start: "2022-06-10T00:00:00.000Z", end: "2023-06-10T00:00:00.000Z", near: "2023-06-10T00:00:00.000Z" }
 */
export function openRange(options: { edge: string; side: "before" | "after"; reachDays: number }): {
  start: string;
  end: string;
  near: string;
} {
  const { edge } = options;
  const reach = options.reachDays * 86_400_000;
  return options.side === "before"
    ? { start: new Date(Date.parse(edge) - reach).toISOString(), end: edge, near: edge }
    : { start: edge, end: new Date(Date.parse(edge) + reach).toISOString(), near: edge };
}
