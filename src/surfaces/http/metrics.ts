import type { StoreCounts } from "../../ports/store.js";
import type { AdmissionStats } from "./admission-queue.js";

/** Upper bounds (seconds) of the request latency histogram. */
export const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/** Counters and a latency histogram of an HTTP server, rendered in the Prometheus text format. */
export interface HttpMetrics {
  /** Records one finished request. `route` is the route pattern (bounded cardinality), never the raw path. */
  observeRequest(request: { method: string; route: string; status: number; seconds: number }): void;
  /** Counts one error answer by its code. */
  countError(code: string): void;
  /** The exposition text; `counts` adds the store gauges. */
  render(options?: { counts?: StoreCounts }): string;
}

function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

function labels(entries: Record<string, string>): string {
  const parts = Object.entries(entries).map(([key, value]) => `${key}="${escapeLabel(value)}"`);
  return parts.length === 0 ? "" : `{${parts.join(",")}}`;
}

/**
 * Creates an in-process metrics registry (no dependency on a metrics library). `inFlight` adds the gauge of
 * requests read and not yet answered; `admission` the admission queue's gauges (running, waiting) and refusal
 * counters.
 *
 * @example
 * const metrics = createHttpMetrics();
 * metrics.observeRequest({ method: "GET", route: "/healthz", status: 200, seconds: 0.001 });
 * metrics.render(); // "# HELP mnemo_http_requests_total …"
 */
export function createHttpMetrics(sources: { inFlight?: () => number; admission?: () => AdmissionStats } = {}): HttpMetrics {
  const requests = new Map<string, { labels: Record<string, string>; value: number }>();
  const latencies = new Map<string, { labels: Record<string, string>; histogram: Histogram }>();
  const errors = new Map<string, number>();

  return {
    observeRequest({ method, route, status, seconds }) {
      const requestLabels = { method, route, status: String(status) };
      const requestKey = JSON.stringify(requestLabels);
      const counter = requests.get(requestKey) ?? { labels: requestLabels, value: 0 };
      counter.value += 1;
      requests.set(requestKey, counter);

      const latencyLabels = { method, route };
      const latencyKey = JSON.stringify(latencyLabels);
      const entry = latencies.get(latencyKey) ?? {
        labels: latencyLabels,
        histogram: { counts: latencyBuckets.map(() => 0), sum: 0, count: 0 },
      };
      latencyBuckets.forEach((bound, index) => {
        if (seconds <= bound) entry.histogram.counts[index] = (entry.histogram.counts[index] ?? 0) + 1;
      });
      entry.histogram.sum += seconds;
      entry.histogram.count += 1;
      latencies.set(latencyKey, entry);
    },

    countError(code) {
      errors.set(code, (errors.get(code) ?? 0) + 1);
    },

    render(options = {}) {
      const lines: string[] = [
        "# HELP mnemo_http_requests_total HTTP requests by method, route pattern and status.",
        "# TYPE mnemo_http_requests_total counter",
      ];
      for (const counter of requests.values()) lines.push(`mnemo_http_requests_total${labels(counter.labels)} ${counter.value}`);
      lines.push(
        "# HELP mnemo_http_request_duration_seconds HTTP request latency by method and route pattern.",
        "# TYPE mnemo_http_request_duration_seconds histogram",
      );
      for (const { labels: latencyLabels, histogram } of latencies.values()) {
        latencyBuckets.forEach((bound, index) => {
          lines.push(
            `mnemo_http_request_duration_seconds_bucket${labels({ ...latencyLabels, le: String(bound) })} ${histogram.counts[index] ?? 0}`,
          );
        });
        lines.push(`mnemo_http_request_duration_seconds_bucket${labels({ ...latencyLabels, le: "+Inf" })} ${histogram.count}`);
        lines.push(`mnemo_http_request_duration_seconds_sum${labels(latencyLabels)} ${histogram.sum}`);
        lines.push(`mnemo_http_request_duration_seconds_count${labels(latencyLabels)} ${histogram.count}`);
      }
      lines.push("# HELP mnemo_http_errors_total Error answers by error code.", "# TYPE mnemo_http_errors_total counter");
      for (const [code, value] of errors) lines.push(`mnemo_http_errors_total${labels({ code })} ${value}`);
      if (options.counts !== undefined) {
        const { counts } = options;
        lines.push(
          "# HELP mnemo_memories Memories in the store by status (all tenants).",
          "# TYPE mnemo_memories gauge",
          `mnemo_memories${labels({ status: "active" })} ${counts.activeMemories}`,
          `mnemo_memories${labels({ status: "superseded" })} ${counts.supersededMemories}`,
          `mnemo_memories${labels({ status: "deleted" })} ${counts.deletedMemories}`,
          "# HELP mnemo_episodes Episodes (stored messages) in the store (all tenants).",
          "# TYPE mnemo_episodes gauge",
          `mnemo_episodes ${counts.episodes}`,
        );
      }
      if (sources.inFlight !== undefined) {
        lines.push(
          "# HELP mnemo_http_requests_in_flight Requests read and not yet answered.",
          "# TYPE mnemo_http_requests_in_flight gauge",
          `mnemo_http_requests_in_flight ${sources.inFlight()}`,
        );
      }
      if (sources.admission !== undefined) {
        const stats = sources.admission();
        lines.push(
          "# HELP mnemo_http_requests_running Requests being worked on (admission control).",
          "# TYPE mnemo_http_requests_running gauge",
          `mnemo_http_requests_running ${stats.running}`,
          "# HELP mnemo_http_requests_waiting Requests waiting for their turn (admission control).",
          "# TYPE mnemo_http_requests_waiting gauge",
          `mnemo_http_requests_waiting ${stats.queued}`,
          "# HELP mnemo_http_requests_refused_total Requests refused with OVERLOADED, by reason.",
          "# TYPE mnemo_http_requests_refused_total counter",
          `mnemo_http_requests_refused_total${labels({ reason: "queue-full" })} ${stats.refusedQueueFull}`,
          `mnemo_http_requests_refused_total${labels({ reason: "queue-timeout" })} ${stats.refusedTimedOut}`,
        );
      }
      lines.push(
        "# HELP process_resident_memory_bytes Resident set size of the server process.",
        "# TYPE process_resident_memory_bytes gauge",
        `process_resident_memory_bytes ${process.memoryUsage.rss()}`,
      );
      return `${lines.join("\n")}\n`;
    },
  };
}
