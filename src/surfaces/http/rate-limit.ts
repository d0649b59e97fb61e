import { MnemoError } from "../../core/errors.js";
import { wordTable } from "../../core/text/word-table.js";

/** A token bucket: `ratePerSecond` tokens refill each second, up to `burst`. */
export interface RateLimitSettings {
  ratePerSecond: number;
  burst: number;
}

/** Default per-key limit when API keys are in use: 100 requests/s, bursts of 200. */
export const defaultRateLimit: RateLimitSettings = { ratePerSecond: 100, burst: 200 };

const units: Record<string, number> = wordTable({ s: 1, sec: 1, second: 1, m: 60, min: 60, minute: 60, h: 3600, hour: 3600 });

/**
 * Parses a rate limit: `<count>/<s|min|h>[:<burst>]` (burst defaults to twice the count per second, at least
 * the count), or `off`.
 *
 * @example
 * parseRateLimit("100/s");      // { ratePerSecond: 100, burst: 200 }
 * parseRateLimit("600/min:20"); // { ratePerSecond: 10, burst: 20 }
 * parseRateLimit("off");        // false
 */
export function parseRateLimit(text: string): RateLimitSettings | false {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === "off" || trimmed === "none" || trimmed === "0") return false;
  const match = /^(\d+(?:\.\d+)?)\s*\/\s*([a-z]+)(?:\s*:\s*(\d+))?$/.exec(trimmed);
  const count = Number(match?.[1]);
  const seconds = units[match?.[2] ?? ""];
  if (match === null || seconds === undefined || !(count > 0)) {
    throw new MnemoError({
      code: "INPUT_INVALID",
      message: `Rate limit "${text}" is not <count>/<s|min|h>[:<burst>] (for example 100/s or 600/min:50) or "off".`,
      details: { value: text },
    });
  }
  const ratePerSecond = count / seconds;
  const burst = match[3] === undefined ? Math.max(1, Math.ceil(Math.max(count, ratePerSecond * 2))) : Number(match[3]);
  if (!(burst >= 1)) throw new MnemoError({ code: "INPUT_INVALID", message: "The rate-limit burst must be at least 1." });
  return { ratePerSecond, burst };
}

/** The answer of {@link RateLimiter.take}. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Per-key token buckets. */
export interface RateLimiter {
  /** Takes one token from the key's bucket, or says how long to wait for one. */
  take(key: string): RateDecision;
}

/**
 * Creates per-key token buckets held in memory (at most `maxBuckets`; the least recently used is dropped).
 * One key's traffic never drains another's bucket.
 *
 * @example
 * const limiter = createRateLimiter({ ratePerSecond: 1, burst: 2 });
 * limiter.take("k"); limiter.take("k"); limiter.take("k"); // { allowed: false, retryAfterSeconds: 1 }
 */
export function createRateLimiter(settings: RateLimitSettings, options: { now?: () => number; maxBuckets?: number } = {}): RateLimiter {
  const now = options.now ?? (() => performance.now());
  const maxBuckets = options.maxBuckets ?? 100_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: settings.burst, at: time };
      buckets.delete(key);
      bucket.tokens = Math.min(settings.burst, bucket.tokens + ((time - bucket.at) / 1000) * settings.ratePerSecond);
      bucket.at = time;
      buckets.set(key, bucket);
      if (buckets.size > maxBuckets) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / settings.ratePerSecond)) };
    },
  };
}
