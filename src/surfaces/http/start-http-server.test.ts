import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import { createMemory } from "../../create-memory.js";
import { createHttpApp } from "./create-http-app.js";
import { isLoopbackHost, startHttpServer } from "./start-http-server.js";

let memory: Memory;

beforeAll(async () => {
  memory = await createMemory({ path: ":memory:" });
});
afterAll(async () => {
  await memory.close();
});

describe("startHttpServer (real listening server on loopback)", () => {
  it("serves the REST API on 127.0.0.1 with a random port", async () => {
    const server = await startHttpServer({ fetch: createHttpApp({ memory }).fetch, host: "127.0.0.1", port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const added = await fetch(`${server.url}/v1/memories`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "I moved to Lisbon last month", userId: "u1" }),
      });
      expect(added.status).toBe(200);
      expect(added.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      const found = await fetch(`${server.url}/v1/memories/search`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "Where does the user live?", userId: "u1" }),
      });
      const body = (await found.json()) as { results: Array<{ memory: string }> };
      expect(body.results[0]?.memory).toContain("Lisbon");
      const refused = await fetch(`${server.url}/v1/memories`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "x".repeat(1_100_000), userId: "u1" }),
      });
      expect(refused.status).toBe(413);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
      expect((await memory.stats()).episodes).toBe(1);
    } finally {
      await server.close();
    }
  });

  it("closes gracefully: in-flight requests finish, new connections are refused", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const app = createHttpApp({ memory });
    const server = await startHttpServer({
      fetch: async (request) => {
        if (new URL(request.url).pathname === "/slow") {
          entered();
          await gate;
          return new Response("finished");
        }
        return app.fetch(request);
      },
      host: "127.0.0.1",
      port: 0,
    });
    const inFlight = fetch(`${server.url}/slow`);
    await arrived;
    const closed = server.close({ graceMs: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("finished");
    await closed;
  });

  it("rejects when the port is taken", async () => {
    const first = await startHttpServer({ fetch: () => new Response("ok"), host: "127.0.0.1", port: 0 });
    try {
      await expect(startHttpServer({ fetch: () => new Response("ok"), host: "127.0.0.1", port: first.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });

  it("knows loopback hosts", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"]) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com", "127.0.0.1.evil.com"])
      expect(isLoopbackHost(host)).toBe(false);
  });
});
