export {
  type AdmissionQueue,
  type AdmissionSettings,
  type AdmissionStats,
  createAdmissionQueue,
  defaultAdmission,
  parseAdmissionSettings,
} from "./admission-queue.js";
export { createApiKeyResolver, credentialsOf } from "./api-key-auth.js";
export { createHttpApp, defaultMaxBodyBytes, type HttpAppOptions, type HttpLimits, type ResolvePrincipal } from "./create-http-app.js";
export type { HttpContext, HttpEnv } from "./http-env.js";
export { describeError, type ErrorBody, httpStatusFor, SurfaceError, type SurfaceErrorCode, surfaceErrorCodes } from "./http-errors.js";
export { registerHubRoutes } from "./hub-routes.js";
export { registerKeyRoutes } from "./key-routes.js";
export { actingAgent, createDefaultPrincipal, hasScope, type Principal, type PrincipalScope, principalScopes } from "./principal.js";
export {
  createRateLimiter,
  defaultRateLimit,
  parseRateLimit,
  type RateDecision,
  type RateLimiter,
  type RateLimitSettings,
} from "./rate-limit.js";
export { type HttpServerHandle, isLoopbackHost, startHttpServer } from "./start-http-server.js";
