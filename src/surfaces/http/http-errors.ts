import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type ErrorCode, MnemoError } from "../../core/errors.js";

/** Codes only the HTTP and MCP surfaces produce (the core never sees a request). */
export const surfaceErrorCodes = [
  "UNAUTHENTICATED",
  "SCOPE_FORBIDDEN",
  "ROUTE_NOT_FOUND",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "RATE_LIMITED",
  "OVERLOADED",
  "KEY_NOT_FOUND",
  "GRANT_NOT_FOUND",
] as const;

/** A code a surface can answer with: a core {@link ErrorCode} or a {@link surfaceErrorCodes} one. */
export type SurfaceErrorCode = ErrorCode | (typeof surfaceErrorCodes)[number];

/** The JSON body of every error response: `{ error: { code, message, details? } }`. */
export interface ErrorBody {
  error: { code: SurfaceErrorCode; message: string; details?: Record<string, unknown> };
}

const statusByCode: Partial<Record<SurfaceErrorCode, ContentfulStatusCode>> = {
  INPUT_INVALID: 400,
  SCOPE_REQUIRED: 400,
  IMPORT_INVALID: 400,
  UNAUTHENTICATED: 401,
  SCOPE_FORBIDDEN: 403,
  MEMORY_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  KEY_NOT_FOUND: 404,
  GRANT_NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  OVERLOADED: 503,
  STORE_FULL: 507,
};

/**
 * The one mapping from an error code to an HTTP status; every code not listed is a 500.
 *
 * @example
 * httpStatusFor("VERSION_CONFLICT"); // 409
 */
export function httpStatusFor(code: SurfaceErrorCode): ContentfulStatusCode {
  return statusByCode[code] ?? 500;
}

/** An error raised by a surface itself (authentication, scope, size), never by the core. */
export class SurfaceError extends Error {
  readonly code: SurfaceErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(options: { code: SurfaceErrorCode; message: string; details?: Record<string, unknown> }) {
    super(options.message);
    this.name = "SurfaceError";
    this.code = options.code;
    this.details = options.details;
  }
}

const frameworkCodes: Partial<Record<number, SurfaceErrorCode>> = {
  400: "INPUT_INVALID",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
};

/**
 * Describes any thrown value as a coded error. Internal failures that are not `MnemoError`s keep their
 * message out of the answer (it goes to the log only).
 *
 * @example
 * describeError(new MnemoError({ code: "MEMORY_NOT_FOUND", message: "Memory x not found." })).code; // "MEMORY_NOT_FOUND"
 */
export function describeError(error: unknown): ErrorBody["error"] {
  // The hub refuses a write into another agent's memory without a write grant: at the edges that is a
  // missing permission (403), not bad input.
  if (MnemoError.isInstance(error) && error.details?.reason === "WRITE_GRANT_REQUIRED") {
    return { code: "SCOPE_FORBIDDEN", message: error.message, details: { reason: "WRITE_GRANT_REQUIRED" } };
  }
  if (MnemoError.isInstance(error) || error instanceof SurfaceError) {
    const internal = httpStatusFor(error.code) >= 500;
    return error.details === undefined || internal
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof HTTPException) {
    const code = frameworkCodes[error.status] ?? (error.status < 500 ? "INPUT_INVALID" : "INTERNAL");
    const message = error.message === "" ? "Request refused." : error.message;
    return { code, message };
  }
  return { code: "INTERNAL", message: "Internal error." };
}
