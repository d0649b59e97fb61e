import { connect, type Socket } from "node:net";
import { MockLanguageModelV3 } from "ai/test";
import { afterEach, describe, expect, it } from "vitest";
import { createAiSdkLanguageModel } from "../../adapters/models/ai-sdk/index.js";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import { seededRandom } from "../../core/hub/access-matrix.contract.js";
import { createMemory } from "../../create-memory.js";
import type { LanguageModel } from "../../ports/language-model.js";
import type { AdmissionSettings } from "./admission-queue.js";
import { createHttpApp } from "./create-http-app.js";
import { type HttpServerHandle, startHttpServer } from "./start-http-server.js";

type GenerateResult = Awaited<ReturnType<MockLanguageModelV3["doGenerate"]>>;

const noMemories: GenerateResult = {
  content: [{ type: "text", text: JSON.stringify({ memories: [] }) }],
  finishReason: { unified: "stop", raw: "stop" },
  usage: {
    inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 5, text: 5, reasoning: undefined },
  },
  warnings: [],
};

/** Servers started by a test and the gates their models wait on, closed and opened after it. */
let cleanup: Array<{ memory: Memory; server: HttpServerHandle }> = [];
let gates: Array<() => void> = [];
afterEach(async () => {
  for (const open of gates) open();
  for (const { memory, server } of cleanup) {
    await server.close({ graceMs: 100 });
    await memory.close();
  }
  cleanup = [];
  gates = [];
});

/** A loopback server with these admission settings over a new in-memory memory (closed after the test). */
async function startServer(admission: AdmissionSettings, languageModel?: LanguageModel) {
  const memory = await createMemory({ path: ":memory:", ...(languageModel === undefined ? {} : { languageModel }) });
  const server = await startHttpServer({ fetch: createHttpApp({ memory, admission }).fetch, host: "127.0.0.1", port: 0 });
  cleanup.push({ memory, server });
  return { memory, server };
}

/**
 * A server whose memory's (scripted) language model holds every call until `open()`: an add stays in its turn
 * as long as the test wants, which makes the admission limits observable without timing guesses.
 */
async function startGatedServer(admission: AdmissionSettings) {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  gates.push(open);
  let entered: () => void = () => {};
  const modelEntered = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const model = new MockLanguageModelV3({
    doGenerate: async () => {
      entered();
      await gate;
      return noMemories;
    },
  });
  return { ...(await startServer(admission, createAiSdkLanguageModel({ model }))), open, modelEntered };
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("admission control on a real listening server", () => {
  it("holds requests past maxConcurrent in line, refuses past maxQueued with 503 OVERLOADED, and loses nothing", async () => {
    const started = await startGatedServer({ maxConcurrent: 1, maxQueued: 1, queueTimeoutMs: 60_000 });
    const { server, memory } = started;
    const holding = post(`${server.url}/v1/memories`, { text: "I moved to Porto yesterday.", userId: "u1" });
    await started.modelEntered;
    const waiting = post(`${server.url}/v1/memories/search`, { query: "Where does the user live?", userId: "u1" });
    // The waiting search is in line once the metrics say so.
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      if (metrics.includes("mnemo_http_requests_waiting 1")) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain("mnemo_http_requests_running 1");
    expect(metrics).toContain("mnemo_http_requests_waiting 1");

    const refused = await post(`${server.url}/v1/memories`, { text: "I adopted a cat named Miso.", userId: "u1" });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("OVERLOADED");
    const refusedMem0 = await post(`${server.url}/mem0/v1/memories/`, { messages: [{ role: "user", content: "x" }], user_id: "u1" });
    expect(refusedMem0.status).toBe(503);
    // Liveness is never held.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    started.open();
    expect((await holding).status).toBe(200);
    expect((await waiting).status).toBe(200);
    const stats = await memory.stats();
    expect(stats.episodes).toBe(1);
    const after = await (await fetch(`${server.url}/metrics`)).text();
    expect(after).toContain('mnemo_http_requests_refused_total{reason="queue-full"} 2');
    expect(after).toContain('mnemo_http_errors_total{code="OVERLOADED"} 2');
    expect(after).toContain("mnemo_http_requests_running 0");
  });

  it("refuses a request that waited longer than queueTimeoutMs, and serves the next one normally", async () => {
    const started = await startGatedServer({ maxConcurrent: 1, maxQueued: 10, queueTimeoutMs: 150 });
    const { server, memory } = started;
    const holding = post(`${server.url}/v1/memories`, { text: "I moved to Porto yesterday.", userId: "u1" });
    await started.modelEntered;
    const late = await post(`${server.url}/v1/memories`, { text: "I adopted a cat named Miso.", userId: "u1" });
    expect(late.status).toBe(503);
    expect(late.headers.get("retry-after")).toBe("1");
    const body = (await late.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: "OVERLOADED" });
    expect(body.error.message).toContain("150 ms");
    started.open();
    expect((await holding).status).toBe(200);
    const next = await post(`${server.url}/v1/memories/search`, { query: "cat", userId: "u1" });
    expect(next.status).toBe(200);
    expect((await memory.stats()).episodes).toBe(1);
  });
});

describe("admission control and slow clients", () => {
  it("does not give a turn to a request whose body is still arriving: a stalled upload holds no slot", async () => {
    const { server } = await startServer({ maxConcurrent: 1, maxQueued: 10, queueTimeoutMs: 300 });
    const stalled: Socket[] = [];
    try {
      // Two clients announce a body and send only part of it, on /v1 and on /mcp, then stall.
      for (const path of ["/v1/memories/search", "/mcp"]) {
        const socket = connect({ host: "127.0.0.1", port: server.port });
        await new Promise((resolve) => socket.once("connect", resolve));
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: 200\r\n\r\n{"query":`,
        );
        stalled.push(socket);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      // A whole request is served at once, not refused after the queue timeout behind the stalled ones.
      const added = await post(`${server.url}/v1/memories`, { text: "I moved to Porto yesterday.", userId: "u1" });
      expect(added.status).toBe(200);
      const found = await post(`${server.url}/v1/memories/search`, { query: "Porto", userId: "u1" });
      expect(found.status).toBe(200);
      const listed = await fetch(`${server.url}/mcp`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      });
      expect(listed.status).toBe(200);
      expect(JSON.stringify(await listed.json())).toContain("search_memory");
    } finally {
      for (const socket of stalled) socket.destroy();
    }
  });
});

describe("admission control under aborted requests", () => {
  it("with 30% of 240 concurrent requests aborted mid-flight, every answer goes to its own requester and no turn leaks", async () => {
    const { server } = await startServer({ maxConcurrent: 2, maxQueued: 1000, queueTimeoutMs: 30_000 });
    const users = Array.from({ length: 8 }, (_, index) => `user-${index}`);
    for (const userId of users) {
      const added = await post(`${server.url}/v1/memories`, { text: `My locker code is ${userId}-secret.`, userId, infer: false });
      expect(added.status).toBe(200);
    }
    const random = seededRandom(7);
    const outcomes = await Promise.all(
      Array.from({ length: 240 }, async (_, index) => {
        const userId = users[index % users.length] ?? "user-0";
        const controller = new AbortController();
        const abort = random() < 0.3;
        if (abort) setTimeout(() => controller.abort(), Math.floor(random() * 6));
        try {
          const response = await fetch(`${server.url}/v1/memories/search`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ query: "locker code", userId }),
            signal: controller.signal,
          });
          const body = (await response.json()) as { results: Array<{ memory: string; userId?: string }> };
          return { userId, status: response.status, texts: body.results.map((result) => result.memory) };
        } catch (error) {
          expect(abort).toBe(true); // only the aborted ones may fail
          expect((error as Error).name).toBe("AbortError");
          return undefined;
        }
      }),
    );
    const answered = outcomes.filter((outcome) => outcome !== undefined);
    expect(answered.length).toBeGreaterThan(100);
    expect(answered.length).toBeLessThan(240); // some were aborted
    for (const outcome of answered) {
      expect(outcome.status).toBe(200);
      expect(outcome.texts).toEqual([`My locker code is ${outcome.userId}-secret.`]);
    }
    // Every turn was given back: nothing runs or waits, and the server still answers.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain("mnemo_http_requests_running 0");
    expect(metrics).toContain("mnemo_http_requests_waiting 0");
    expect((await post(`${server.url}/v1/memories/search`, { query: "locker", userId: "user-3" })).status).toBe(200);
  });
});
