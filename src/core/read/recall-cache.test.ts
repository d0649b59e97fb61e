import { describe, expect, it } from "vitest";
import { createRecallCache, normalizeQuery } from "./recall-cache.js";
import type { SearchResponse } from "./search-memories.js";

const response = (label: string): SearchResponse => ({ results: [], tokens: label.length, query: { questionType: "what", entities: [] } });

describe("recall cache", () => {
  it("normalises queries", () => {
    expect(normalizeQuery("  Where does she LIVE?? ")).toBe("where does she live");
    expect(normalizeQuery("她住在哪里？")).toBe("她住在哪里");
  });

  it("hits on the same normalised query and options, misses on others", () => {
    const cache = createRecallCache({ capacity: 10 });
    cache.set({ query: "Where?", searchOptions: { userId: "u1", topK: 5 }, storeVersion: 1, response: response("a") });
    expect(cache.get({ query: "where", searchOptions: { topK: 5, userId: "u1" }, storeVersion: 1 })?.tokens).toBe(1);
    expect(cache.get({ query: "where", searchOptions: { userId: "u1", topK: 6 }, storeVersion: 1 })).toBeUndefined();
    expect(cache.get({ query: "where", searchOptions: { userId: "u2", topK: 5 }, storeVersion: 1 })).toBeUndefined();
  });

  it("with capacity 0 is off: it says so and remembers nothing", () => {
    const off = createRecallCache({ capacity: 0 });
    expect(off.enabled).toBe(false);
    off.set({ query: "q", searchOptions: { userId: "u1" }, storeVersion: 1, response: response("a") });
    expect(off.get({ query: "q", searchOptions: { userId: "u1" }, storeVersion: 1 })).toBeUndefined();
    expect(off.size).toBe(0);
    expect(createRecallCache({ capacity: 1 }).enabled).toBe(true);
  });

  it("drops an entry when another process changed the store", () => {
    const cache = createRecallCache({ capacity: 10 });
    cache.set({ query: "q", searchOptions: { userId: "u1" }, storeVersion: 1, response: response("a") });
    expect(cache.get({ query: "q", searchOptions: { userId: "u1" }, storeVersion: 2 })).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("invalidates a user's entries on a write to that user, and the tenant's on a write without user", () => {
    const cache = createRecallCache({ capacity: 10 });
    const set = (userId: string, tenantId = "default") =>
      cache.set({ query: "q", searchOptions: { userId, tenantId }, storeVersion: 1, response: response(userId) });
    set("u1");
    set("u2");
    set("u1", "t2");
    cache.invalidate({ tenantId: "default", userId: "u1" });
    expect(cache.get({ query: "q", searchOptions: { userId: "u1", tenantId: "default" }, storeVersion: 1 })).toBeUndefined();
    expect(cache.get({ query: "q", searchOptions: { userId: "u2", tenantId: "default" }, storeVersion: 1 })).toBeDefined();
    expect(cache.get({ query: "q", searchOptions: { userId: "u1", tenantId: "t2" }, storeVersion: 1 })).toBeDefined();
    cache.invalidate({ tenantId: "default" });
    expect(cache.get({ query: "q", searchOptions: { userId: "u2", tenantId: "default" }, storeVersion: 1 })).toBeUndefined();
  });

  it("evicts the least recently used entry beyond capacity", () => {
    const cache = createRecallCache({ capacity: 2 });
    cache.set({ query: "a", searchOptions: {}, storeVersion: 1, response: response("a") });
    cache.set({ query: "b", searchOptions: {}, storeVersion: 1, response: response("b") });
    cache.get({ query: "a", searchOptions: {}, storeVersion: 1 });
    cache.set({ query: "c", searchOptions: {}, storeVersion: 1, response: response("c") });
    expect(cache.get({ query: "b", searchOptions: {}, storeVersion: 1 })).toBeUndefined();
    expect(cache.get({ query: "a", searchOptions: {}, storeVersion: 1 })).toBeDefined();
  });
});
