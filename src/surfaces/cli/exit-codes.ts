import { isInputError, MnemoError } from "../../core/errors.js";

/** CLI exit codes: 0 success, 1 internal failure, 2 bad input (usage, validation, not found, bad import file). */
export const exitCodes = { success: 0, internalFailure: 1, badInput: 2 } as const;

/**
 * Maps an error to the CLI's exit code (the one mapping of `MnemoError` for this surface).
 *
 * @example
 * exitCodeFor(new MnemoError({ code: "INPUT_INVALID", message: "…" })); // 2
 */
export function exitCodeFor(error: unknown): number {
  if (isInputError(error)) return exitCodes.badInput;
  if (MnemoError.isInstance(error) && error.code === "DEPENDENCY_MISSING") return exitCodes.badInput;
  return exitCodes.internalFailure;
}
