import { z } from "zod";
import { type CompiledVocabulary, compilePacks } from "../../core/domain-packs/compile-packs.js";
import type { DomainPack, DomainPackInput } from "../../core/domain-packs/domain-pack.js";
import { MnemoError } from "../../core/errors.js";
import { identifierSchema } from "../../core/schemas/scope-input.js";
import { loadPacks } from "./load-packs.js";

const packIdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a pack id (a lowercase slug)");

const registryOptionsSchema = z.strictObject({
  defaultPacks: z.array(packIdSchema).optional(),
  tenantPacks: z.record(identifierSchema, z.array(packIdSchema)).optional(),
});

/** Which packs each tenant uses, compiled on demand. */
export interface PackRegistry {
  /**
   * The vocabulary of a tenant's packs (its own list, else the default list). Compiled on first use and
   * cached per distinct ordered pack list, so tenants that share a list share one vocabulary object (and
   * `scoreEmotion`'s cache of its `emotionTerms()`).
   */
  vocabularyFor(tenantId: string): CompiledVocabulary;
  /** The pack ids a tenant uses, in precedence order. */
  packIdsFor(tenantId: string): readonly string[];
}

/**
 * Creates a per-tenant pack registry. Every pack it names is loaded and validated up front (so a typo fails
 * at start-up with `INPUT_INVALID`, listing the available packs), from `directory` (default: the built-in
 * `packs/`) unless `packs` already supplies it (custom packs, loaded with `loadPackFile` or built in code).
 * A tenant's list replaces the default list; an empty list means no packs. List order is precedence.
 *
 * @example
 * const registry = await createPackRegistry({
 *   defaultPacks: ["ecommerce"],
 *   tenantPacks: { "clinic-42": ["medical"], "broker-7": ["finance", "ecommerce"] },
 * });
 * const vocabulary = registry.vocabularyFor("clinic-42");
 * scoreEmotion({ text, extraTerms: vocabulary.emotionTerms() });
 */
export async function createPackRegistry(options: {
  defaultPacks?: readonly string[];
  tenantPacks?: Readonly<Record<string, readonly string[]>>;
  directory?: string | URL;
  packs?: readonly DomainPackInput[];
}): Promise<PackRegistry> {
  const parsed = registryOptionsSchema.safeParse({ defaultPacks: options.defaultPacks, tenantPacks: options.tenantPacks });
  if (!parsed.success) {
    throw new MnemoError({
      code: "INPUT_INVALID",
      message: `Invalid pack registry options: ${z.prettifyError(parsed.error)}`,
      details: {
        issues: parsed.error.issues.map((issue) => ({ code: issue.code, path: issue.path.map(String), message: issue.message })),
      },
    });
  }
  const defaultPacks = Object.freeze([...new Set(parsed.data.defaultPacks ?? [])]);
  const tenantPacks = new Map<string, readonly string[]>(
    Object.entries(parsed.data.tenantPacks ?? {}).map(([tenantId, ids]) => [tenantId, Object.freeze([...new Set(ids)])]),
  );

  const supplied = new Map<string, DomainPackInput>();
  for (const pack of options.packs ?? []) supplied.set(pack.id, pack);
  const referenced = new Set([...defaultPacks, ...[...tenantPacks.values()].flat()]);
  const toLoad = [...referenced].filter((id) => !supplied.has(id));
  const loaded: DomainPack[] =
    toLoad.length === 0
      ? []
      : await loadPacks({ ids: toLoad, ...(options.directory === undefined ? {} : { directory: options.directory }) });
  const packsById = new Map<string, DomainPackInput>(supplied);
  for (const pack of loaded) packsById.set(pack.id, pack);

  const vocabularies = new Map<string, CompiledVocabulary>();
  // Compile every distinct list now: invalid supplied packs fail at start-up, not on a tenant's first request.
  const compile = (ids: readonly string[]): CompiledVocabulary => {
    const key = ids.join(",");
    const cached = vocabularies.get(key);
    if (cached !== undefined) return cached;
    const vocabulary = compilePacks(ids.map((id) => packsById.get(id) as DomainPackInput));
    vocabularies.set(key, vocabulary);
    return vocabulary;
  };
  compile(defaultPacks);
  for (const ids of tenantPacks.values()) compile(ids);

  const packIdsFor = (tenantId: string): readonly string[] => tenantPacks.get(tenantId) ?? defaultPacks;
  return {
    packIdsFor,
    vocabularyFor: (tenantId) => compile(packIdsFor(tenantId)),
  };
}
