import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAdmissionQueue, defaultAdmission, parseAdmissionSettings } from "./admission-queue.js";
import { SurfaceError } from "./http-errors.js";

/** Admits a request and records when it got its turn (or its refusal). */
function track(queue: ReturnType<typeof createAdmissionQueue>, lane: string, log: string[], name: string) {
  const entry: { release?: () => void; error?: unknown } = {};
  const done = queue.admit(lane).then(
    (release) => {
      entry.release = release;
      log.push(name);
    },
    (error: unknown) => {
      entry.error = error;
      log.push(`${name}:refused`);
    },
  );
  return Object.assign(entry, { done });
}

/** Lets the event loop go round once (turns are given there). */
const nextRound = () => vi.advanceTimersByTimeAsync(0);

describe("createAdmissionQueue", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("gives turns on the next round of the event loop, at most maxConcurrent at once", async () => {
    const queue = createAdmissionQueue({ maxConcurrent: 2, maxQueued: 10, queueTimeoutMs: 1000 });
    const log: string[] = [];
    const first = track(queue, "t", log, "a");
    const second = track(queue, "t", log, "b");
    const third = track(queue, "t", log, "c");
    await Promise.resolve();
    expect(log).toEqual([]); // not in the callback that asked
    await nextRound();
    expect(log).toEqual(["a", "b"]);
    expect(queue.stats()).toMatchObject({ running: 2, queued: 1 });
    first.release?.();
    first.release?.(); // a second call ends nothing more
    await Promise.resolve();
    expect(log).toEqual(["a", "b"]); // not in the callback that ended the turn either
    await nextRound();
    await third.done;
    expect(log).toEqual(["a", "b", "c"]);
    expect(queue.stats()).toMatchObject({ running: 2, queued: 0 });
    second.release?.();
    third.release?.();
    expect(queue.stats()).toMatchObject({ running: 0, queued: 0 });
  });

  it("refuses at once when the line is full, with OVERLOADED and a retry time", async () => {
    const queue = createAdmissionQueue({ maxConcurrent: 1, maxQueued: 1, queueTimeoutMs: 2500 });
    const log: string[] = [];
    const running = track(queue, "t", log, "a"); // takes the free slot at the next round
    const waiting = track(queue, "t", log, "b");
    const refused = track(queue, "t", log, "c");
    await refused.done;
    expect(log).toEqual(["c:refused"]);
    expect(refused.error).toBeInstanceOf(SurfaceError);
    expect(refused.error).toMatchObject({ code: "OVERLOADED", details: { reason: "queue-full", retryAfterSeconds: 3 } });
    await nextRound();
    expect(log).toEqual(["c:refused", "a"]);
    running.release?.();
    await nextRound();
    await waiting.done;
    expect(log).toEqual(["c:refused", "a", "b"]);
    expect(queue.stats()).toMatchObject({ running: 1, queued: 0, refusedQueueFull: 1, refusedTimedOut: 0 });
  });

  it("refuses a request whose wait runs out, and the line moves on without it", async () => {
    const queue = createAdmissionQueue({ maxConcurrent: 1, maxQueued: 10, queueTimeoutMs: 100 });
    const log: string[] = [];
    const running = track(queue, "t", log, "a");
    await nextRound();
    const late = track(queue, "t", log, "b");
    await vi.advanceTimersByTimeAsync(99);
    expect(log).toEqual(["a"]);
    const next = track(queue, "t", log, "c");
    await vi.advanceTimersByTimeAsync(1);
    await late.done;
    expect(late.error).toMatchObject({ code: "OVERLOADED", details: { reason: "queue-timeout" } });
    expect(queue.stats()).toMatchObject({ running: 1, queued: 1, refusedTimedOut: 1 });
    running.release?.();
    await nextRound();
    await next.done;
    expect(log).toEqual(["a", "b:refused", "c"]);
    // A turn given before the timer fires is not taken back.
    await vi.advanceTimersByTimeAsync(1000);
    expect(next.error).toBeUndefined();
    expect(queue.stats()).toMatchObject({ running: 1, queued: 0, refusedTimedOut: 1 });
  });

  it("checks the wait when it gives a turn: a request whose timer could not fire is refused then", async () => {
    let clock = 0;
    const queue = createAdmissionQueue({ maxConcurrent: 1, maxQueued: 10, queueTimeoutMs: 100 }, { now: () => clock });
    const log: string[] = [];
    const running = track(queue, "t", log, "a");
    await nextRound();
    const stale = track(queue, "t", log, "b");
    running.release?.();
    // The wait timer could not fire (a busy event loop), but the clock says b has waited too long.
    clock = 120;
    await nextRound();
    await stale.done;
    expect(stale.error).toMatchObject({ code: "OVERLOADED", details: { reason: "queue-timeout" } });
    const fresh = track(queue, "t", log, "c");
    await nextRound();
    await fresh.done;
    expect(fresh.error).toBeUndefined();
    expect(log).toEqual(["a", "b:refused", "c"]);
    expect(queue.stats()).toMatchObject({ running: 1, queued: 0, refusedTimedOut: 1 });
  });

  it("serves first come, first served until the oldest has waited half the timeout, then the newest first", async () => {
    let clock = 0;
    const queue = createAdmissionQueue({ maxConcurrent: 1, maxQueued: 10, queueTimeoutMs: 100 }, { now: () => clock });
    const log: string[] = [];
    const entries = new Map<string, ReturnType<typeof track>>();
    const add = (name: string) => entries.set(name, track(queue, "t", log, name));
    const endTurnOf = async (name: string) => {
      entries.get(name)?.release?.();
      await nextRound();
    };
    add("a");
    await nextRound();
    add("b");
    add("c");
    clock = 30;
    add("d");
    await endTurnOf("a"); // oldest (b) waited 30 of 100: b
    clock = 60;
    add("e");
    await endTurnOf("b"); // oldest (c) waited 60: overload, the newest (e)
    await endTurnOf("e"); // oldest (c) still waited 60: the newest left (d)
    clock = 70;
    await endTurnOf("d"); // c waited 70: it is the only one left
    expect(log).toEqual(["a", "b", "e", "d", "c"]);
    expect(queue.stats()).toMatchObject({ running: 1, queued: 0, refusedTimedOut: 0 });
  });

  it("gives turns round the tenants' lines, so a flood from one does not delay another's request", async () => {
    const queue = createAdmissionQueue({ maxConcurrent: 1, maxQueued: 100, queueTimeoutMs: 10_000 });
    const log: string[] = [];
    const entries = new Map<string, ReturnType<typeof track>>();
    for (let index = 0; index <= 5; index += 1) entries.set(`noisy-${index}`, track(queue, "noisy", log, `noisy-${index}`));
    entries.set("quiet-0", track(queue, "quiet", log, "quiet-0"));
    await nextRound();
    // End each turn as soon as it starts, in the order turns are given.
    for (let turn = 0; turn < 6; turn += 1) {
      entries.get(log[turn] ?? "")?.release?.();
      await nextRound();
    }
    // One line for all would have let the quiet tenant in last; round the lines it comes second.
    expect(log.slice(0, 3)).toEqual(["noisy-0", "quiet-0", "noisy-1"]);
    expect(log).toHaveLength(7);
  });
});

describe("parseAdmissionSettings", () => {
  it("reads whole numbers, keeps the defaults of unset ones, and refuses the rest with INPUT_INVALID", () => {
    expect(parseAdmissionSettings({})).toEqual(defaultAdmission);
    expect(parseAdmissionSettings({ maxConcurrent: " 8 ", queueTimeoutMs: "500" })).toEqual({
      maxConcurrent: 8,
      maxQueued: defaultAdmission.maxQueued,
      queueTimeoutMs: 500,
    });
    expect(parseAdmissionSettings({ maxQueued: "0" }).maxQueued).toBe(0);
    for (const bad of [{ maxConcurrent: "0" }, { maxQueued: "1.5" }, { queueTimeoutMs: "1e3" }, { queueTimeoutMs: "" }]) {
      expect(() => parseAdmissionSettings(bad)).toThrow(expect.objectContaining({ code: "INPUT_INVALID" }));
    }
    // The same ranges hold for settings given as numbers (a library caller's).
    for (const bad of [{ maxConcurrent: 0 }, { maxQueued: -1 }, { queueTimeoutMs: 0.5 }]) {
      expect(() => createAdmissionQueue({ ...defaultAdmission, ...bad })).toThrow(expect.objectContaining({ code: "INPUT_INVALID" }));
    }
  });
});
