/**
 * The time source, injectable so tests are deterministic.
 *
 * @example
 * const fixed: Clock = { now: () => new Date("2024-05-08T00:00:00Z") };
 */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };
