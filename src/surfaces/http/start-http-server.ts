import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";

/** A listening HTTP server. */
export interface HttpServerHandle {
  /** `http://host:port` (IPv6 hosts in brackets). */
  url: string;
  host: string;
  port: number;
  /**
   * Stops accepting connections, lets in-flight requests finish (idle keep-alive connections are closed),
   * and after `graceMs` (default 10 s) cuts the connections still open. Resolves when the server is closed.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/**
 * Is this host a loopback address (127.0.0.0/8, ::1, localhost)?
 *
 * @example
 * isLoopbackHost("127.0.0.1"); // true
 * isLoopbackHost("0.0.0.0"); // false
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare) || /^::ffff:127(\.\d{1,3}){3}$/i.test(bare);
}

/**
 * Serves a fetch handler (a Hono app's `fetch`) on Node's HTTP server. `port: 0` picks a free port.
 * Rejects when the address cannot be bound (for example, already in use).
 *
 * @example
 * const server = await startHttpServer({ fetch: app.fetch, host: "127.0.0.1", port: 0 });
 * console.error(`listening on ${server.url}`);
 * await server.close();
 */
export async function startHttpServer(options: {
  fetch: (request: Request) => Response | Promise<Response>;
  host: string;
  port: number;
}): Promise<HttpServerHandle> {
  const server = createAdaptorServer({ fetch: options.fetch, hostname: options.host });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => {
      server.off("listening", onListening);
      reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(options.port, options.host);
  });
  const address = server.address() as AddressInfo;
  const host = address.address;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    host,
    port: address.port,
    close(closeOptions = {}) {
      closing ??= new Promise<void>((resolve, reject) => {
        const http = server as unknown as {
          closeIdleConnections?: () => void;
          closeAllConnections?: () => void;
        };
        const sweeper = setInterval(() => http.closeIdleConnections?.(), 50);
        const deadline = setTimeout(() => http.closeAllConnections?.(), closeOptions.graceMs ?? 10_000);
        server.close((error) => {
          clearInterval(sweeper);
          clearTimeout(deadline);
          if (error === undefined) resolve();
          else reject(error);
        });
        http.closeIdleConnections?.();
      });
      return closing;
    },
  };
}
