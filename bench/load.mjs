// One bounded autocannon load run and its latency figures, shared by the HTTP benchmarks (http.mjs, soak.mjs).
import autocannon from "autocannon";

/** The `p` quantile of ascending `sorted` values (nearest rank); NaN when there are none. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/**
 * One bounded autocannon run of POST requests. `body(sequence)` gives each request's JSON body; `route(sequence)`,
 * when given, its path instead of `path` (a mix); `key`, an API key sent as a bearer token. Requests are numbered
 * from 1, or on from `counter.value` when a counter is shared by several runs (it is moved on). Latency
 * percentiles are of the 2xx answers; `statuses` counts every answer by status code.
 *
 * @example
 * const run = await runLoad({ url, name: "search", connections: 16, duration: 30, path: "/v1/memories/search", body: (n) => ({ query: "…", userId: "u" }) });
 */
export function runLoad({ url, name, connections, duration, path, body, route, key, counter = { value: 0 } }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const refusedLatencies = [];
    const statuses = {};
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        timeout: 10,
        requests: [
          {
            method: "POST",
            path,
            headers: { "content-type": "application/json", ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) },
            setupRequest: (request) => {
              counter.value += 1;
              const sequence = counter.value;
              return { ...request, ...(route === undefined ? {} : { path: route(sequence) }), body: JSON.stringify(body(sequence)) };
            },
          },
        ],
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        latencies.sort((left, right) => left - right);
        refusedLatencies.sort((left, right) => left - right);
        resolve({
          run: name,
          connections,
          seconds: duration,
          requests: result.requests.total,
          requestsPerSecond: Number(result.requests.average.toFixed(1)),
          okPerSecond: Number((latencies.length / duration).toFixed(1)),
          p50Ms: Number(percentile(latencies, 0.5).toFixed(2)),
          p95Ms: Number(percentile(latencies, 0.95).toFixed(2)),
          p99Ms: Number(percentile(latencies, 0.99).toFixed(2)),
          maxMs: Number((latencies.at(-1) ?? Number.NaN).toFixed(2)),
          statuses,
          refusedP95Ms: Number(percentile(refusedLatencies, 0.95).toFixed(2)),
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else refusedLatencies.push(responseTime);
    });
  });
}
