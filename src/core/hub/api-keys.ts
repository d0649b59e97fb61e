import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { AccessStore } from "../../ports/access-store.js";
import { type Clock, systemClock } from "../../ports/clock.js";
import { MnemoError } from "../errors.js";
import { parseInput } from "../schemas/parse-input.js";
import { identifierSchema } from "../schemas/scope-input.js";
import { type ApiKeyRecord, type KeyScope, keyScopes } from "./access-records.js";

const keyPattern = /^mnemo_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** A key's secret parts; the token is `mnemo_<id>_<secret>`. */
export interface ParsedApiKey {
  id: string;
  secret: string;
}

/**
 * Splits a presented token into key id and secret; `undefined` when it is not a Mnemo key.
 *
 * @example
 * parseApiKey("mnemo_3f9c0a7d1b2e4c58_" + "A".repeat(43)); // { id: "3f9c0a7d1b2e4c58", secret: "AAA…" }
 */
export function parseApiKey(token: string): ParsedApiKey | undefined {
  const match = keyPattern.exec(token.trim());
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { id: match[1], secret: match[2] };
}

/**
 * SHA-256 of a secret (32 random bytes: no dictionary to attack, so a slow hash buys nothing).
 *
 * @example
 * hashSecret("…").length; // 32
 */
export function hashSecret(secret: string): Buffer {
  return createHash("sha256").update(secret, "utf8").digest();
}

/**
 * Does the secret hash to the stored hash? Compared in constant time (`crypto.timingSafeEqual`).
 *
 * @example
 * secretMatches({ secret, storedHash: hashSecret(secret) }); // true
 */
export function secretMatches(options: { secret: string; storedHash: Uint8Array }): boolean {
  const presented = hashSecret(options.secret);
  if (options.storedHash.length !== presented.length) return false;
  return timingSafeEqual(presented, options.storedHash);
}

/** Who a valid key acts for. */
export interface KeyPrincipal {
  tenantId: string;
  agentId?: string;
  scopes: KeyScope[];
  keyId: string;
}

/** Input of {@link ApiKeys.create}. */
export const createKeyInputSchema = z.strictObject({
  tenantId: identifierSchema,
  scopes: z.array(z.enum(keyScopes)).min(1).max(3),
  agentId: identifierSchema.optional(),
  name: z.string().trim().min(1).max(200).optional(),
});

export type CreateKeyInput = z.input<typeof createKeyInputSchema>;

/** API key management and authentication. */
export interface ApiKeys {
  /** Creates a key; the returned `key` (`mnemo_<id>_<secret>`) is shown once and never stored. */
  create(input: CreateKeyInput): Promise<{ key: string; record: ApiKeyRecord }>;
  /** Keys (never secrets), oldest first; every tenant when `tenantId` is absent. */
  list(options?: { tenantId?: string }): Promise<ApiKeyRecord[]>;
  /** Revokes a key of the tenant (any tenant when absent); `undefined` when there is no such key there. */
  revoke(options: { id: string; tenantId?: string }): Promise<ApiKeyRecord | undefined>;
  /** The principal of a presented token, or `undefined` (unknown, malformed, wrong secret or revoked). */
  authenticate(token: string): Promise<KeyPrincipal | undefined>;
  /** Has a key ever been created? Then every request needs one. */
  configured(): Promise<boolean>;
}

/**
 * API keys on an {@link AccessStore}: 32-byte random secrets shown once as `mnemo_<id>_<secret>`, stored as a
 * SHA-256 hash, compared in constant time, bound to a tenant, scoped and optionally bound to one agent.
 *
 * @example
 * const keys = createApiKeys({ access });
 * const { key } = await keys.create({ tenantId: "acme", scopes: ["read", "write"], agentId: "planner" });
 * await keys.authenticate(key); // { tenantId: "acme", agentId: "planner", scopes: ["read", "write"], keyId: "…" }
 */
export function createApiKeys(options: { access: AccessStore; clock?: Clock }): ApiKeys {
  const { access } = options;
  const clock = options.clock ?? systemClock;
  // Once true, stays true: rows are never deleted.
  let knownConfigured = false;
  // Compared against when the key id is unknown, so both paths do the same work.
  const decoyHash = hashSecret(randomBytes(32).toString("base64url"));

  return {
    async create(input) {
      const parsed = parseInput({ schema: createKeyInputSchema, value: input, label: "key" });
      const id = randomBytes(8).toString("hex");
      const secret = randomBytes(32).toString("base64url");
      const record: ApiKeyRecord = {
        id,
        tenantId: parsed.tenantId,
        ...(parsed.agentId === undefined ? {} : { agentId: parsed.agentId }),
        ...(parsed.name === undefined ? {} : { name: parsed.name }),
        scopes: keyScopes.filter((scope) => parsed.scopes.includes(scope)),
        createdAt: clock.now().toISOString(),
      };
      await access.insertKey({ ...record, secretHash: hashSecret(secret) });
      knownConfigured = true;
      return { key: `mnemo_${id}_${secret}`, record };
    },

    async list(listOptions = {}) {
      return access.listKeys(listOptions.tenantId === undefined ? {} : { tenantId: listOptions.tenantId });
    },

    async revoke(revokeOptions) {
      if (!/^[0-9a-f]{16}$/.test(revokeOptions.id)) return undefined;
      return access.revokeKey({
        id: revokeOptions.id,
        revokedAt: clock.now().toISOString(),
        ...(revokeOptions.tenantId === undefined ? {} : { tenantId: revokeOptions.tenantId }),
      });
    },

    async authenticate(token) {
      const parsed = parseApiKey(token);
      if (parsed === undefined) return undefined;
      const stored = await access.findKey({ id: parsed.id });
      const matches = secretMatches({ secret: parsed.secret, storedHash: stored?.secretHash ?? decoyHash });
      if (stored === undefined || !matches || stored.revokedAt !== undefined) return undefined;
      return {
        tenantId: stored.tenantId,
        ...(stored.agentId === undefined ? {} : { agentId: stored.agentId }),
        scopes: stored.scopes,
        keyId: stored.id,
      };
    },

    async configured() {
      if (!knownConfigured) knownConfigured = await access.hasKeys();
      return knownConfigured;
    },
  };
}

/**
 * Parses a comma-separated scope list (`read,write`).
 *
 * @example
 * parseKeyScopes("read, write"); // ["read", "write"]
 */
export function parseKeyScopes(text: string): KeyScope[] {
  const parts = text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  const unknown = parts.filter((part) => !(keyScopes as readonly string[]).includes(part));
  if (parts.length === 0 || unknown.length > 0) {
    throw new MnemoError({
      code: "INPUT_INVALID",
      message: `Scopes must be a comma-separated list of ${keyScopes.join(", ")}${unknown.length > 0 ? ` (unknown: ${unknown.join(", ")})` : ""}.`,
      details: { unknown },
    });
  }
  return keyScopes.filter((scope) => parts.includes(scope));
}
