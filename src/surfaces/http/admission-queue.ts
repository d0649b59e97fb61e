import { z } from "zod";
import { MnemoError } from "../../core/errors.js";
import { SurfaceError } from "./http-errors.js";

/** How many requests a server process works on at once, and how long the others may wait. */
export interface AdmissionSettings {
  /** Requests worked on at once (default 16); the rest wait in line. */
  maxConcurrent: number;
  /** Requests that may wait (default 1024); one more is answered 503 `OVERLOADED` at once. */
  maxQueued: number;
  /** Longest wait for a turn in milliseconds (default 5000); a request that waited longer is answered 503 `OVERLOADED`. */
  queueTimeoutMs: number;
}

/** Defaults of {@link AdmissionSettings}. */
export const defaultAdmission: AdmissionSettings = { maxConcurrent: 16, maxQueued: 1024, queueTimeoutMs: 5000 };

/** The admission settings' ranges. */
const admissionSettingsSchema = z.object({
  maxConcurrent: z.number().int().min(1).max(10_000),
  maxQueued: z.number().int().min(0).max(1_000_000),
  queueTimeoutMs: z.number().int().min(1).max(600_000),
});

const wholeNumber = (range: z.ZodNumber) => z.string().trim().regex(/^\d+$/, "a whole number").transform(Number).pipe(range);

/** The admission settings as text (command-line flags, `MNEMO_*` variables); each one unset keeps its default. */
const admissionTextSchema = z.object({
  maxConcurrent: wholeNumber(admissionSettingsSchema.shape.maxConcurrent).optional(),
  maxQueued: wholeNumber(admissionSettingsSchema.shape.maxQueued).optional(),
  queueTimeoutMs: wholeNumber(admissionSettingsSchema.shape.queueTimeoutMs).optional(),
});

function invalidSettings(issues: readonly z.core.$ZodIssue[]): MnemoError {
  return new MnemoError({
    code: "INPUT_INVALID",
    message: `Invalid admission setting: ${issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}.`,
    details: { issues: issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })) },
  });
}

/**
 * Reads admission settings given as text (flags or environment variables); unset ones keep
 * {@link defaultAdmission}. Bad values are an `INPUT_INVALID` error naming the setting.
 *
 * @example
 * parseAdmissionSettings({ maxConcurrent: "8", queueTimeoutMs: "500" }); // { maxConcurrent: 8, maxQueued: 1024, queueTimeoutMs: 500 }
 */
export function parseAdmissionSettings(text: {
  maxConcurrent?: string | undefined;
  maxQueued?: string | undefined;
  queueTimeoutMs?: string | undefined;
}): AdmissionSettings {
  const parsed = admissionTextSchema.safeParse(text);
  if (!parsed.success) throw invalidSettings(parsed.error.issues);
  const settings = { ...defaultAdmission };
  for (const [key, value] of Object.entries(parsed.data) as Array<[keyof AdmissionSettings, number | undefined]>) {
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

/** What an {@link AdmissionQueue} has done since it was made, and what it holds now. */
export interface AdmissionStats {
  running: number;
  queued: number;
  /** Requests answered `OVERLOADED` because the line was full. */
  refusedQueueFull: number;
  /** Requests answered `OVERLOADED` because their wait ran out. */
  refusedTimedOut: number;
}

/** Lets requests in a few at a time: see {@link createAdmissionQueue}. */
export interface AdmissionQueue {
  /**
   * Waits for a turn in the lane's line; resolves with the function that ends the turn (call it once the
   * request is done; calling it again does nothing). Rejects with a `SurfaceError` coded `OVERLOADED` when the
   * line is full or the wait runs out.
   */
  admit(lane: string): Promise<() => void>;
  stats(): AdmissionStats;
}

interface Waiter {
  admitted: (release: () => void) => void;
  refused: (error: SurfaceError) => void;
  timer: ReturnType<typeof setTimeout>;
  /** When it joined the line (performance.now()). */
  since: number;
}

function overloaded(settings: AdmissionSettings, reason: "queue-full" | "queue-timeout"): SurfaceError {
  const retryAfterSeconds = Math.max(1, Math.ceil(settings.queueTimeoutMs / 1000));
  return new SurfaceError({
    code: "OVERLOADED",
    message:
      reason === "queue-full"
        ? `The server is busy (${settings.maxQueued} requests already waiting); retry after ${retryAfterSeconds} s.`
        : `The server is busy (no turn within ${settings.queueTimeoutMs} ms); retry after ${retryAfterSeconds} s.`,
    details: { reason, retryAfterSeconds },
  });
}

/**
 * Admission control for a server process: at most `maxConcurrent` requests are worked on at once; the others
 * wait in one line per lane (a tenant), and turns go round the lanes, so one tenant's flood of requests does not
 * make another tenant's few wait behind it. Past `maxQueued` waiting, or after `queueTimeoutMs` of waiting, a
 * request is refused at once (503 with `Retry-After`) instead of joining an ever longer wait: under more load
 * than the process can serve, the requests it takes keep their latency and the rest learn quickly to come back.
 *
 * Turns are given on the event loop's next round, never at once. A store that answers synchronously would
 * otherwise run each request to its end in the callback that read it, so that the backlog stayed unseen in the
 * sockets; a turn given when one ends would likewise let the whole line run in one go of promise callbacks,
 * during which no request is read and no wait timer fires. Waiting here, requests are seen as they arrive, and
 * the wait is checked again when a turn is given. Once the oldest request of a lane has waited half of
 * `queueTimeoutMs` (overload: first come, first served would now answer every request late), its turns go to
 * its newest request first (adaptive LIFO): that one can still be answered in time, while the oldest, which
 * would be answered late anyway, run out their wait and are refused.
 *
 * @example
 * const queue = createAdmissionQueue({ maxConcurrent: 16, maxQueued: 1024, queueTimeoutMs: 1000 }); // `now` for tests
 * const release = await queue.admit("tenant-a"); // rejects with OVERLOADED when busy
 * try { await handle(); } finally { release(); }
 */
export function createAdmissionQueue(given: AdmissionSettings, options: { now?: () => number } = {}): AdmissionQueue {
  // Validated here too: a library caller's maxConcurrent of 0 would let no request in, ever.
  const checked = admissionSettingsSchema.safeParse(given);
  if (!checked.success) throw invalidSettings(checked.error.issues);
  const settings = checked.data;
  const now = options.now ?? (() => performance.now());
  let running = 0;
  let queued = 0;
  let refusedQueueFull = 0;
  let refusedTimedOut = 0;
  /** Waiting requests by lane; a Map keeps lanes in turn order (a served lane goes to the back). */
  const lanes = new Map<string, Waiter[]>();

  let dispatchScheduled = false;
  const scheduleDispatch = () => {
    if (dispatchScheduled || queued === 0) return;
    dispatchScheduled = true;
    setImmediate(dispatch);
  };

  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      running -= 1;
      scheduleDispatch();
    };
  };

  const dispatch = () => {
    dispatchScheduled = false;
    const time = now();
    while (running < settings.maxConcurrent && queued > 0) {
      const next = lanes.entries().next();
      if (next.done === true) break;
      const [lane, waiters] = next.value;
      const oldest = waiters[0];
      const overload = oldest !== undefined && time - oldest.since > settings.queueTimeoutMs / 2;
      const waiter = overload ? waiters.pop() : waiters.shift();
      lanes.delete(lane);
      if (waiters.length > 0) lanes.set(lane, waiters);
      if (waiter === undefined) continue;
      queued -= 1;
      clearTimeout(waiter.timer);
      if (time - waiter.since > settings.queueTimeoutMs) {
        refusedTimedOut += 1;
        waiter.refused(overloaded(settings, "queue-timeout"));
        continue;
      }
      running += 1;
      waiter.admitted(releaser());
    }
  };

  return {
    admit(lane) {
      // Requests a free slot will take at the next round do not count as waiting.
      if (queued >= settings.maxQueued + Math.max(0, settings.maxConcurrent - running)) {
        refusedQueueFull += 1;
        return Promise.reject(overloaded(settings, "queue-full"));
      }
      return new Promise<() => void>((resolve, reject) => {
        const waiter: Waiter = {
          since: now(),
          admitted: resolve,
          refused: reject,
          timer: setTimeout(() => {
            const waiters = lanes.get(lane);
            const index = waiters?.indexOf(waiter) ?? -1;
            if (waiters === undefined || index < 0) return;
            waiters.splice(index, 1);
            if (waiters.length === 0) lanes.delete(lane);
            queued -= 1;
            refusedTimedOut += 1;
            waiter.refused(overloaded(settings, "queue-timeout"));
          }, settings.queueTimeoutMs),
        };
        const waiters = lanes.get(lane);
        if (waiters === undefined) lanes.set(lane, [waiter]);
        else waiters.push(waiter);
        queued += 1;
        scheduleDispatch();
      });
    },
    stats: () => ({ running, queued, refusedQueueFull, refusedTimedOut }),
  };
}
