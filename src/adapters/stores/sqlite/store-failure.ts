import { MnemoError } from "../../../core/errors.js";

/**
 * The coded error of a failed SQLite call: `STORE_FULL` when the database could not grow (its disk has no space
 * left: SQLITE_FULL; or `full`, the caller's finding that it reached the size limit set for it), `STORE_FAILED`
 * otherwise; a `MnemoError` passes through. `what` names the store in the message.
 *
 * @example
 * try { statement.run(); } catch (error) { throw storeFailure({ error, what: "The store" }); }
 */
export function storeFailure(options: { error: unknown; what: string; full?: boolean }): MnemoError {
  const { error, what } = options;
  if (MnemoError.isInstance(error)) return error;
  if (options.full === true || (error as { code?: unknown } | null)?.code === "SQLITE_FULL") {
    return new MnemoError({
      code: "STORE_FULL",
      message: `${what} is full: its disk has no space left, or it reached its size limit. Nothing was written; free space (or raise the limit) and retry.`,
      cause: error,
    });
  }
  return new MnemoError({ code: "STORE_FAILED", message: `${what} failed: ${(error as Error).message}`, cause: error });
}
