import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DomainPack, parseDomainPack } from "../../core/domain-packs/domain-pack.js";
import { MnemoError } from "../../core/errors.js";

/**
 * The folder of the packs that ship with Mnemo (`packs/` at the package root). Resolved from this module, so
 * it works from `src/adapters/domain-packs` (tests, tsx) and `dist/adapters/domain-packs` (built) alike.
 */
export const builtInPacksDirectory: URL = new URL("../../../packs/", import.meta.url);

const packIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function directoryPath(directory: string | URL | undefined): string {
  const chosen = directory ?? builtInPacksDirectory;
  return chosen instanceof URL ? fileURLToPath(chosen) : chosen;
}

/**
 * The ids of the packs in a folder (the names of its `.json` files), sorted.
 *
 * @example
 * await listPackIds(); // ["ecommerce", "education", "finance", "medical"]
 */
export async function listPackIds(options: { directory?: string | URL } = {}): Promise<string[]> {
  const path = directoryPath(options.directory);
  let names: string[];
  try {
    names = await readdir(path);
  } catch (error) {
    throw new MnemoError({
      code: "INPUT_INVALID",
      message: `Cannot read the domain pack folder ${path}`,
      details: { directory: path },
      cause: error,
    });
  }
  return names
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .filter((id) => packIdPattern.test(id))
    .sort();
}

/**
 * Reads and validates one pack file. A missing or unreadable file, invalid JSON or an invalid pack throws
 * `INPUT_INVALID`; for an invalid pack the details carry zod's issues and the file path.
 *
 * @example
 * const pack = await loadPackFile("./my-packs/legal.json");
 */
export async function loadPackFile(file: string | URL): Promise<DomainPack> {
  const path = file instanceof URL ? fileURLToPath(file) : file;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new MnemoError({
      code: "INPUT_INVALID",
      message: `Cannot read domain pack file ${path}`,
      details: { source: path },
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MnemoError({
      code: "INPUT_INVALID",
      message: `Domain pack file ${path} is not valid JSON: ${reason}`,
      details: { source: path },
      cause: error,
    });
  }
  return parseDomainPack({ value, source: path });
}

/**
 * Loads packs by id from a folder (`<id>.json`; default: the built-in packs), in the order given, without
 * repeats. An id that is not a pack in the folder throws `INPUT_INVALID` listing the available ids; a file
 * whose `id` differs from its name is refused too.
 *
 * @example
 * const packs = await loadPacks({ ids: ["legal"], directory: "./my-packs" });
 */
export async function loadPacks(options: { ids: readonly string[]; directory?: string | URL }): Promise<DomainPack[]> {
  const ids = [...new Set(options.ids)];
  const unknown = ids.filter((id) => !packIdPattern.test(id));
  const directory = directoryPath(options.directory);
  const available = await listPackIds({ directory });
  unknown.push(...ids.filter((id) => packIdPattern.test(id) && !available.includes(id)));
  if (unknown.length > 0) {
    throw new MnemoError({
      code: "INPUT_INVALID",
      message: `Unknown domain pack${unknown.length === 1 ? "" : "s"} ${unknown.map((id) => `"${id}"`).join(", ")}; available: ${available.join(", ") || "none"}`,
      details: { unknown, available, directory },
    });
  }
  return Promise.all(
    ids.map(async (id) => {
      const path = join(directory, `${id}.json`);
      const pack = await loadPackFile(path);
      if (pack.id !== id) {
        throw new MnemoError({
          code: "INPUT_INVALID",
          message: `Domain pack file ${path} declares id "${pack.id}"; its id must match the file name ("${id}")`,
          details: { source: path, expected: id, actual: pack.id },
        });
      }
      return pack;
    }),
  );
}

/**
 * Loads built-in packs (`packs/<id>.json` shipped with Mnemo) by id.
 *
 * @example
 * const [medical, finance] = await loadBuiltInPacks(["medical", "finance"]);
 */
export function loadBuiltInPacks(ids: readonly string[]): Promise<DomainPack[]> {
  return loadPacks({ ids });
}
