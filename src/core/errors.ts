const marker = Symbol.for("mnemo.error");

/** Stable error codes. Surfaces map each code to a status once (HTTP, MCP, CLI exit code). */
export const errorCodes = [
  "INPUT_INVALID",
  "SCOPE_REQUIRED",
  "MEMORY_NOT_FOUND",
  "EMBEDDER_MISMATCH",
  "STORE_FAILED",
  "STORE_FULL",
  "STORE_SCHEMA_NEWER",
  "IMPORT_INVALID",
  "MODEL_FAILED",
  "DEPENDENCY_MISSING",
  "VERSION_CONFLICT",
  "ACCESS_DENIED",
  "RATE_LIMITED",
  "INTERNAL",
] as const;

/** One of {@link errorCodes}. */
export type ErrorCode = (typeof errorCodes)[number];

/**
 * The one error base of Mnemo: every failure a caller can see carries a stable `code`.
 *
 * @example
 * try { await memory.get("nope") } catch (error) {
 *   if (MnemoError.isInstance(error) && error.code === "MEMORY_NOT_FOUND") { ... }
 * }
 */
export class MnemoError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(options: {
    code: ErrorCode;
    message: string;
    details?: Record<string, unknown>;
    cause?: unknown;
  }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "MnemoError";
    this.code = options.code;
    this.details = options.details;
  }

  /** True for any MnemoError, even one from another copy of the package. */
  static isInstance(value: unknown): value is MnemoError {
    return typeof value === "object" && value !== null && marker in value;
  }

  /** Plain JSON form for surfaces. */
  toJSON(): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Is this error caused by the caller's input (as opposed to an internal failure)? */
export function isInputError(error: unknown): boolean {
  return (
    MnemoError.isInstance(error) &&
    ["INPUT_INVALID", "SCOPE_REQUIRED", "MEMORY_NOT_FOUND", "IMPORT_INVALID", "EMBEDDER_MISMATCH", "VERSION_CONFLICT"].includes(error.code)
  );
}
