export { createHttpApp, defaultMaxBodyBytes, type HttpAppOptions, type HttpLimits, type ResolvePrincipal } from "./create-http-app.js";
export type { HttpContext, HttpEnv } from "./http-env.js";
export { describeError, type ErrorBody, httpStatusFor, SurfaceError, type SurfaceErrorCode, surfaceErrorCodes } from "./http-errors.js";
export { createDefaultPrincipal, hasScope, type Principal, type PrincipalScope, principalScopes } from "./principal.js";
export { type HttpServerHandle, isLoopbackHost, startHttpServer } from "./start-http-server.js";
