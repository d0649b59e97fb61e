import { z } from "zod";
import { MnemoError } from "../errors.js";

/**
 * Validates a value at an edge; on failure throws `INPUT_INVALID` with zod's structured issues.
 *
 * @example
 * const options = parseInput({ schema: searchOptionsSchema, value: raw, label: "search options" });
 */
export function parseInput<T extends z.ZodType>(options: { schema: T; value: unknown; label: string }): z.output<T> {
  const result = options.schema.safeParse(options.value);
  if (result.success) return result.data;
  throw new MnemoError({
    code: "INPUT_INVALID",
    message: `Invalid ${options.label}: ${z.prettifyError(result.error)}`,
    details: {
      issues: result.error.issues.map((issue) => ({ code: issue.code, path: issue.path.map(String), message: issue.message })),
    },
  });
}
