import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteAccessStore } from "../../adapters/stores/sqlite/sqlite-access-store.js";
import { createApiKeys, parseApiKey } from "../../core/hub/api-keys.js";
import { createMemory } from "../../create-memory.js";
import { workerSemiSpaceMb } from "./serve-cluster.js";

/** The secret part of a key (it may itself contain "_"). */
const secretOf = (key: string): string => parseApiKey(key)?.secret ?? "unparsable key";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const binary = join(root, "bin", "mnemo.js");
const directory = mkdtempSync(join(tmpdir(), "mnemo-serve-"));
const environment = { ...process.env, MNEMO_DB: "", MNEMO_HOST: "", MNEMO_PORT: "" };

beforeAll(() => {
  for (const built of ["dist/surfaces/cli/main.js", "dist/surfaces/cli/serve-command.js"]) {
    if (!existsSync(join(root, built))) {
      throw new Error(
        `${built} is missing: build first with \`npm run build\` (or \`npx tsc -p tsconfig.build.json\`); this test runs the built CLI.`,
      );
    }
  }
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Starts `mnemo serve` and resolves with the URL it prints on stderr. */
function startServe(database: string, extra: readonly string[] = []): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [binary, "--db", database, "serve", "--port", "0", ...extra], {
    env: environment,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mnemo serve did not start: ${stderr}`)), 30_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ child, url: match[1], stderr: () => stderr });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`mnemo serve exited ${code}: ${stderr}`));
    });
  });
}

describe("mnemo serve (built CLI)", () => {
  it("serves REST and MCP on loopback, logs JSON to stderr, and exits 0 on SIGTERM with the data saved", async () => {
    const database = join(directory, "serve.db");
    const { child, url, stderr } = await startServe(database);
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const added = await fetch(`${url}/v1/memories`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer secret-key-value" },
        body: JSON.stringify({ text: "I moved to Lisbon last month", userId: "u1" }),
      });
      expect(added.status).toBe(200);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const mcp = await fetch(`${url}/mcp`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          method: "initialize",
          params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
        }),
      });
      expect(mcp.status).toBe(200);
      expect(((await mcp.json()) as { result: { serverInfo: { name: string } } }).result.serverInfo.name).toBe("mnemo");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stdout).toBe("");
    const lines = stderr()
      .split("\n")
      .filter((line) => line.startsWith("{"));
    const messages = lines.map((line) => JSON.parse(line).msg as string);
    expect(messages).toEqual(expect.arrayContaining(["listening", "http-request", "shutting-down", "stopped"]));
    // Bodies and keys are never logged.
    expect(stderr()).not.toContain("Lisbon");
    expect(stderr()).not.toContain("secret-key-value");

    const memory = await createMemory({ path: database });
    try {
      expect((await memory.getAll({ userId: "u1" })).total).toBe(1);
    } finally {
      await memory.close();
    }
  });

  it("with --workers 2: two processes share the port, each reads what the other wrote, and SIGTERM stops them all", async () => {
    const database = join(directory, "workers.db");
    const { child, url, stderr } = await startServe(database, ["--workers", "2"]);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    // One connection per request (no keep-alive), so the operating system spreads them over the workers.
    const post = (path: string, body: unknown) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const outgoing = request(
          `${url}${path}`,
          { method: "POST", agent: false, headers: { "content-type": "application/json" } },
          (response) => {
            let text = "";
            response.on("data", (chunk: Buffer) => {
              text += chunk.toString("utf8");
            });
            response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
          },
        );
        outgoing.once("error", reject);
        outgoing.end(JSON.stringify(body));
      });
    try {
      for (const [index, city] of ["Lisbon", "Porto", "Kyoto", "Oslo"].entries()) {
        expect((await post("/v1/memories", { text: `I visited ${city} in spring`, userId: "u1" })).status).toBe(200);
        const found = await post("/v1/memories/search", { query: `${city} visit`, userId: "u1" });
        expect(found.status).toBe(200);
        expect(JSON.parse(found.body).results[0].memory).toContain(city);
        expect(JSON.parse((await post("/v1/memories/search", { query: "visited", userId: "u1", topK: 10 })).body).results).toHaveLength(
          index + 1,
        );
      }
      // Workers run with the larger young generation (see workerSemiSpaceMb).
      const pids = (
        JSON.parse(
          stderr()
            .split("\n")
            .find((line) => line.includes('"workers-listening"')) ?? "{}",
        ) as { pids?: number[] }
      ).pids;
      expect(pids).toHaveLength(2);
      for (const pid of pids ?? []) {
        expect(readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")).toContain(`--max-semi-space-size=${workerSemiSpaceMb}`);
      }
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    const logs = stderr()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { msg: string; pid: number; pids?: number[] });
    const group = logs.find((line) => line.msg === "workers-listening");
    expect(group?.pids).toHaveLength(2);
    const served = new Set(logs.filter((line) => line.msg === "http-request").map((line) => line.pid));
    expect([...served].sort()).toEqual([...(group?.pids ?? [])].sort());
    expect(
      logs
        .filter((line) => line.msg === "stopped")
        .map((line) => line.pid)
        .sort(),
    ).toEqual([...(group?.pids ?? []), logs.find((line) => line.msg === "workers-listening")?.pid].sort());
  });

  it("with --workers 2 and 12 clients updating the same memories: no lost update, and only 200 or 409", async () => {
    const database = join(directory, "contended.db");
    const { child, url } = await startServe(database, ["--workers", "2"]);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const call = async (method: string, path: string, body?: unknown) => {
      // A new connection per request, so both workers take part.
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { "content-type": "application/json", connection: "close" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as { version?: number; results?: Array<{ id: string }> } };
    };
    try {
      const ids: string[] = [];
      for (const topic of ["tea", "bikes", "chess"]) {
        const added = await call("POST", "/v1/memories", { text: `A shared note about ${topic}`, userId: "u1", infer: false });
        ids.push(added.body.results?.[0]?.id ?? "");
      }
      const applied = new Map(ids.map((id) => [id, 0]));
      const statuses: number[] = [];
      // Each client reads a memory's version and writes with it (optimistic concurrency), 15 times, while adds
      // of other memories take turns for the same write lock.
      await Promise.all(
        Array.from({ length: 12 }, async (_, client) => {
          for (let step = 0; step < 15; step += 1) {
            const id = ids[(client + step) % ids.length] ?? "";
            const { version } = (await call("GET", `/v1/memories/${id}`)).body;
            const text = `A shared note, edited by client ${client} at step ${step}`;
            const { status } = await call("PATCH", `/v1/memories/${id}`, { text, version });
            statuses.push(status);
            if (status === 200) applied.set(id, (applied.get(id) ?? 0) + 1);
            if (step % 5 === 0)
              statuses.push((await call("POST", "/v1/memories", { text: `Client ${client} likes step ${step}`, userId: "u1" })).status);
          }
        }),
      );
      expect(statuses.filter((status) => status !== 200 && status !== 409)).toEqual([]);
      expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(ids.length);
      // Every accepted update moved the version by one: none was lost or applied twice.
      for (const id of ids) expect((await call("GET", `/v1/memories/${id}`)).body.version).toBe(1 + (applied.get(id) ?? 0));
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 60_000);

  it("refuses a non-loopback host (flag or MNEMO_HOST) until API keys exist, and a bad port", () => {
    const database = join(directory, "refused.db");
    for (const [args, env] of [
      [["serve", "--host", "0.0.0.0"], {}],
      [["serve"], { MNEMO_HOST: "192.168.1.20" }],
    ] as const) {
      const result = spawnSync(process.execPath, [binary, "--db", database, ...args], {
        env: { ...environment, ...env },
        encoding: "utf8",
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/INPUT_INVALID: Refusing to listen on .*API keys/);
    }
    const badPort = spawnSync(process.execPath, [binary, "--db", database, "serve", "--port", "http"], {
      env: environment,
      encoding: "utf8",
    });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain("Port");
    for (const workers of ["0", "many", "65"]) {
      const badWorkers = spawnSync(process.execPath, [binary, "--db", database, "serve", "--workers", workers], {
        env: environment,
        encoding: "utf8",
      });
      expect(badWorkers.status).toBe(2);
      expect(badWorkers.stderr).toContain(`Workers "${workers}"`);
    }
    for (const [flags, env, named] of [
      [["--max-concurrent", "0"], {}, "maxConcurrent"],
      [["--queue-timeout", "soon"], {}, "queueTimeoutMs"],
      [[], { MNEMO_MAX_QUEUED: "-5" }, "maxQueued"],
    ] as const) {
      const badAdmission = spawnSync(process.execPath, [binary, "--db", database, "serve", ...flags], {
        env: { ...environment, ...env },
        encoding: "utf8",
      });
      expect(badAdmission.status).toBe(2);
      expect(badAdmission.stderr).toContain(`INPUT_INVALID: Invalid admission setting: ${named}`);
    }
    for (const flags of [
      ["--max-database-mb", "0"],
      ["--max-database-mb", "lots"],
    ]) {
      const badLimit = spawnSync(process.execPath, [binary, "--db", database, "serve", ...flags], { env: environment, encoding: "utf8" });
      expect(badLimit.status).toBe(2);
      expect(badLimit.stderr).toContain("INPUT_INVALID: Maximum database size");
    }
    expect(existsSync(database)).toBe(false);
  });

  it("with --max-database-mb: writes past the size limit get 507 STORE_FULL, reads go on", async () => {
    const database = join(directory, "capped.db");
    const { child, url } = await startServe(database, ["--max-database-mb", "1"]);
    try {
      let status = 200;
      let code: string | undefined;
      for (let index = 0; index < 300 && status === 200; index += 1) {
        const response = await fetch(`${url}/v1/memories`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text: `I planted ${index} tulips in garden ${index * 5}.`, userId: `gardener-${index}` }),
        });
        status = response.status;
        if (status !== 200) code = ((await response.json()) as { error: { code: string } }).error.code;
      }
      expect(status).toBe(507);
      expect(code).toBe("STORE_FULL");
      const found = await fetch(`${url}/v1/memories/search`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "tulips", userId: "gardener-0" }),
      });
      expect(found.status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });

  it("with API keys: listens on a non-loopback host, requires a key on every route but /healthz, rate-limits per key, never logs keys", async () => {
    const database = join(directory, "keyed.db");
    const access = createSqliteAccessStore({ path: database });
    const { key } = await createApiKeys({ access }).create({ tenantId: "acme", scopes: ["read", "write"] });
    await access.close();
    const child = spawn(process.execPath, [binary, "--db", database, "serve", "--host", "0.0.0.0", "--port", "0"], {
      env: { ...environment, MNEMO_RATE_LIMIT: "1/min:2" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    const port = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`mnemo serve did not start: ${stderr}`)), 30_000);
      child.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString("utf8");
        const match = /listening on http:\/\/0\.0\.0\.0:(\d+)/.exec(stderr);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once("exit", (code) => reject(new Error(`mnemo serve exited ${code}: ${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await fetch(`${url}/v1/memories`)).status).toBe(401);
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      const headers = { authorization: `Bearer ${key}` };
      expect((await fetch(`${url}/v1/memories`, { headers })).status).toBe(200);
      expect((await fetch(`${url}/v1/stats`, { headers })).status).toBe(200);
      const limited = await fetch(`${url}/v1/stats`, { headers });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toContain(key);
    expect(stderr).not.toContain(secretOf(key));
  });
});
