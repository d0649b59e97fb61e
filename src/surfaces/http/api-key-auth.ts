import type { ApiKeys } from "../../core/hub/api-keys.js";
import type { ResolvePrincipal } from "./create-http-app.js";
import { type Principal, principalOfKey } from "./principal.js";

/**
 * The API key in an `Authorization` header: `Bearer <key>`, or mem0's `Token <key>` (what mem0's clients send).
 *
 * @example
 * credentialsOf("Bearer mnemo_3f9c…"); // "mnemo_3f9c…"
 * credentialsOf("Token mnemo_3f9c…");  // "mnemo_3f9c…"
 */
export function credentialsOf(header: string | undefined): string | undefined {
  const match = /^\s*(?:bearer|token)\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

/**
 * Resolves principals from API keys: while no key has ever been created, every request gets `fallback` (the
 * loopback-only local principal); once one exists, every request needs a valid, unrevoked key. Keys are never
 * logged.
 *
 * @example
 * const app = createHttpApp({ memory, apiKeys, resolvePrincipal: createApiKeyResolver({ apiKeys, fallback: createDefaultPrincipal() }) });
 */
export function createApiKeyResolver(options: { apiKeys: ApiKeys; fallback: Principal }): ResolvePrincipal {
  return async (context) => {
    if (!(await options.apiKeys.configured())) return options.fallback;
    const token = credentialsOf(context.req.header("authorization"));
    if (token === undefined) return undefined;
    const key = await options.apiKeys.authenticate(token);
    if (key === undefined) return undefined;
    return principalOfKey(key);
  };
}
