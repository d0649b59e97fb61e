import { pino } from "pino";
import type { Logger } from "../../ports/logger.js";

/**
 * A pino logger writing JSON lines to stderr (synchronously, so nothing is lost at exit and stdout stays free
 * for results and MCP messages). Level: option, then `MNEMO_LOG_LEVEL`, then `info`.
 *
 * @example
 * const logger = createStderrLogger({ name: "mnemo-serve" });
 * logger.info({ url }, "listening");
 */
export function createStderrLogger(options: { name?: string; level?: string } = {}): Logger {
  return pino(
    {
      name: options.name ?? "mnemo",
      level: options.level ?? process.env.MNEMO_LOG_LEVEL ?? "info",
      base: { pid: process.pid },
      // Never log credentials, even if a caller passes a request by mistake.
      redact: { paths: ["authorization", "*.authorization", "headers", "*.headers", "body", "*.body"], remove: true },
    },
    pino.destination({ dest: 2, sync: true }),
  );
}
