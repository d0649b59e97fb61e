import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import { createMemory } from "../../create-memory.js";
import { createHttpApp } from "./create-http-app.js";
import { type HttpServerHandle, isLoopbackHost, startHttpServer } from "./start-http-server.js";

// mem0's client reads MEM0_TELEMETRY when its module loads, and keeps a config file under MEM0_DIR: set both
// before importing it. Every fetch is checked: only loopback may be reached.
process.env.MEM0_TELEMETRY = "false";
const mem0Directory = mkdtempSync(join(tmpdir(), "mnemo-mem0-"));
process.env.MEM0_DIR = mem0Directory;
const originalFetch = globalThis.fetch;
const requested: string[] = [];
const blocked: string[] = [];
globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  requested.push(`${init?.method ?? "GET"} ${url.pathname}`);
  if (!isLoopbackHost(url.hostname)) {
    blocked.push(url.href);
    throw new Error(`blocked non-loopback request to ${url.host}`);
  }
  return originalFetch(input, init);
}) as typeof fetch;
const { MemoryClient } = await import("mem0ai");

let memory: Memory;
let server: HttpServerHandle;

beforeAll(async () => {
  memory = await createMemory({ path: ":memory:" });
  server = await startHttpServer({ fetch: createHttpApp({ memory }).fetch, host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await server.close();
  await memory.close();
  globalThis.fetch = originalFetch;
  rmSync(mem0Directory, { recursive: true, force: true });
});

describe("mem0-compatible routes, driven by mem0's own MemoryClient over loopback", () => {
  it("pings, adds, searches, gets, lists, updates, shows history, deletes and deletes all", async () => {
    const client = new MemoryClient({ apiKey: "any", host: `${server.url}/mem0` });
    await client.ping();

    const added = (await client.add(
      [
        { role: "user", content: "I moved to Lisbon last month" },
        { role: "assistant", content: "Nice, how do you like it?" },
      ],
      { userId: "alice", metadata: { source: "onboarding" }, timestamp: 1_715_176_560 },
    )) as unknown as { status: string; results: Array<{ id: string; memory: string; event: string }> };
    expect(added.status).toBe("SUCCEEDED");
    const lisbon = added.results.find((item) => item.memory.includes("Lisbon"));
    expect(lisbon).toMatchObject({ event: "ADD" });
    const id = lisbon?.id as string;
    await client.add([{ role: "user", content: "I am allergic to peanuts" }], { userId: "alice", infer: false });
    await client.add([{ role: "user", content: "I live in Berlin" }], { userId: "bob", agentId: "helper" });

    const found = await client.search("Where does the user live?", { filters: { user_id: "alice" }, topK: 3 });
    expect(found.results[0]?.id).toBe(id);
    expect(found.results[0]).toMatchObject({ userId: "alice", score: expect.any(Number) });
    expect(found.results.every((result) => !result.memory?.includes("Berlin"))).toBe(true);
    const viaAnd = await client.search("Where does the user live?", { filters: { AND: [{ user_id: "bob" }, { agent_id: "helper" }] } });
    expect(viaAnd.results[0]?.memory).toContain("Berlin");

    const got = await client.get(id);
    expect(got).toMatchObject({ id, userId: "alice", metadata: { source: "onboarding" } });
    expect(String(got.createdAt)).toMatch(/^\d{4}-\d\d-\d\d/);

    const page = await client.getAll({ filters: { user_id: "alice" }, page: 1, pageSize: 1 });
    expect(page.count).toBe(2);
    expect(page.results).toHaveLength(1);
    expect(page.next).toContain("page=2");
    expect(page.previous).toBeNull();
    const second = await client.getAll({ filters: { user_id: "alice" }, page: 2, pageSize: 1 });
    expect(second.results[0]?.id).not.toBe(page.results[0]?.id);
    expect(second.next).toBeNull();

    const updated = (await client.update(id, { text: "I moved to Porto last month" })) as unknown as { memory: string };
    expect(updated.memory).toBe("I moved to Porto last month");
    const history = await client.history(id);
    expect(history.map((entry) => entry.event)).toEqual(["ADD", "UPDATE"]);
    expect(history[1]).toMatchObject({
      memoryId: id,
      oldMemory: expect.stringContaining("Lisbon"),
      newMemory: "I moved to Porto last month",
      userId: "alice",
    });

    expect(await client.delete(id)).toEqual({ message: "Memory deleted successfully!" });
    await expect(client.get(id)).rejects.toMatchObject({ name: "MemoryNotFoundError" });

    const cleared = await client.deleteAll({ userId: "alice" });
    expect(cleared.message).toContain("deleted");
    expect((await client.getAll({ filters: { user_id: "alice" } })).count).toBe(0);
    expect((await client.getAll({ filters: { user_id: "bob" } })).count).toBe(1);
  });

  it("answers what Mnemo cannot honour with 400, not silence", async () => {
    const client = new MemoryClient({ apiKey: "any", host: `${server.url}/mem0` });
    await expect(client.add([{ role: "user", content: "x" }], { appId: "app-1" })).rejects.toMatchObject({ name: "ValidationError" });
    await expect(client.search("x", { filters: { OR: [{ user_id: "a" }, { user_id: "b" }] } })).rejects.toMatchObject({
      name: "ValidationError",
    });
    await expect(client.add([{ role: "user", content: "orphan" }])).rejects.toMatchObject({ name: "ValidationError" });
    await expect(client.deleteAll()).rejects.toMatchObject({ name: "ValidationError" });
  });

  it("sent every request to loopback only, and nothing to telemetry", () => {
    expect(blocked).toEqual([]);
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.every((entry) => entry.includes("/mem0/"))).toBe(true);
    expect(requested).toContain("GET /mem0/v1/ping/");
  });
});
