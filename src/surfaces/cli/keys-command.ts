import type { Command } from "commander";
import { createSqliteAccessStore } from "../../adapters/stores/sqlite/sqlite-access-store.js";
import { defaultTenantId } from "../../core/domain/scope.js";
import { MnemoError } from "../../core/errors.js";
import type { ApiKeyRecord } from "../../core/hub/access-records.js";
import { type ApiKeys, createApiKeys, parseKeyScopes } from "../../core/hub/api-keys.js";
import type { AccessStore } from "../../ports/access-store.js";
import type { CliContext } from "./cli-context.js";

/**
 * The database file the CLI works on: `--db`, else `MNEMO_DB`, else `./mnemo.db` (as `createMemory` resolves it).
 *
 * @example
 * databasePath(context); // "./mnemo.db"
 */
export function databasePath(context: CliContext): string {
  return context.globals().db ?? process.env.MNEMO_DB ?? "./mnemo.db";
}

/**
 * Opens the access store (API keys, agents, grants, audit) on the CLI's database, runs `work`, closes it.
 *
 * @example
 * const keys = await withApiKeys(context, (apiKeys) => apiKeys.list());
 */
export async function withApiKeys<T>(context: CliContext, work: (apiKeys: ApiKeys, access: AccessStore) => Promise<T>): Promise<T> {
  const access = createSqliteAccessStore({ path: databasePath(context) });
  try {
    return await work(createApiKeys({ access }), access);
  } finally {
    await access.close();
  }
}

function describeKey(key: ApiKeyRecord): string {
  return [
    key.id,
    key.tenantId,
    key.agentId === undefined ? "-" : `agent ${key.agentId}`,
    key.scopes.join(","),
    key.name === undefined ? "" : JSON.stringify(key.name),
    key.createdAt,
    key.revokedAt === undefined ? "" : `revoked ${key.revokedAt}`,
  ]
    .filter((part) => part !== "")
    .join("  ");
}

/**
 * Registers `mnemo keys create|list|revoke`: API keys for `mnemo serve` (and `mnemo mcp --key`). A key is
 * printed once as `mnemo_<id>_<secret>`; the database keeps only a SHA-256 hash of the secret. The tenant is
 * the global `--tenant` (default `default`).
 *
 * @example
 * registerKeysCommand(program, context);
 * // mnemo keys create --tenant acme --scopes read,write --agent planner --name "planner bot"
 * // mnemo keys list --json
 * // mnemo keys revoke 3f9c0a7d1b2e4c58
 */
export function registerKeysCommand(program: Command, context: CliContext): void {
  const keys = program.command("keys").description("manage API keys (shown once at creation, stored hashed)");

  keys
    .command("create")
    .description("create an API key for the tenant (--tenant); prints it once")
    .requiredOption("--scopes <scopes>", "comma-separated: read, write, admin")
    .option("--agent <id>", "bind the key to one agent (it sees what that agent may see)")
    .option("--name <label>", "a label for people")
    .action(async (flags: { scopes: string; agent?: string; name?: string }) => {
      const scopes = parseKeyScopes(flags.scopes);
      const tenantId = context.globals().tenant ?? defaultTenantId;
      const { key, record } = await withApiKeys(context, (apiKeys) =>
        apiKeys.create({
          tenantId,
          scopes,
          ...(flags.agent === undefined ? {} : { agentId: flags.agent }),
          ...(flags.name === undefined ? {} : { name: flags.name }),
        }),
      );
      const output = context.output();
      if (!output.json) {
        output.message(
          `Created key ${record.id} for tenant ${record.tenantId} (${record.scopes.join(", ")}${record.agentId === undefined ? "" : `, agent ${record.agentId}`}). ` +
            "It is shown once: store it now. Mnemo keeps only its hash.",
        );
      }
      output.result({ key, ...record }, () => key);
    });

  keys
    .command("list")
    .description("list API keys (never their secrets); only the --tenant's when given")
    .action(async () => {
      const tenantId = context.globals().tenant;
      const listed = await withApiKeys(context, (apiKeys) => apiKeys.list(tenantId === undefined ? {} : { tenantId }));
      context.output().result({ results: listed }, () => (listed.length === 0 ? "no keys" : listed.map(describeKey).join("\n")));
    });

  keys
    .command("revoke")
    .description("revoke an API key (only in the --tenant when given)")
    .argument("<keyId>", "the key id (the middle part of mnemo_<id>_<secret>)")
    .action(async (keyId: string) => {
      const tenantId = context.globals().tenant;
      const revoked = await withApiKeys(context, (apiKeys) =>
        apiKeys.revoke({ id: keyId, ...(tenantId === undefined ? {} : { tenantId }) }),
      );
      if (revoked === undefined) {
        throw new MnemoError({
          code: "INPUT_INVALID",
          message: `No key ${keyId}${tenantId === undefined ? "" : ` in tenant ${tenantId}`}.`,
          details: { keyId },
        });
      }
      context.output().result(revoked, () => `revoked ${revoked.id} (${revoked.revokedAt ?? ""})`);
    });
}
