import { z } from "zod";
import { MnemoError } from "../../../core/errors.js";

/**
 * Settings of one model behind an OpenAI-compatible endpoint (OpenAI, Ollama, llama.cpp, LM Studio, vLLM, ...).
 *
 * `dimensions` only matters for embedding models. The API key is secret: never log a settings object as is,
 * use {@link describeModelSettings}.
 *
 * @example
 * const settings = modelSettingsSchema.parse({
 *   baseURL: "http://localhost:11434/v1",
 *   model: "nomic-embed-text",
 *   dimensions: 768,
 * });
 */
export const modelSettingsSchema = z.object({
  baseURL: z.url({ protocol: /^https?$/, error: "baseURL must be an http(s) URL" }),
  apiKey: z.string().min(1, "apiKey must not be empty").optional(),
  model: z.string().trim().min(1, "model must not be empty"),
  dimensions: z
    .number()
    .int("dimensions must be an integer")
    .positive("dimensions must be positive")
    .max(65_536, "dimensions must be at most 65536")
    .optional(),
});

/** Validated model settings, see {@link modelSettingsSchema}. */
export type ModelSettings = z.infer<typeof modelSettingsSchema>;

/** Which kind of model the settings are for. */
export type ModelKind = "embedding" | "chat";

/** Explicit settings (for example from CLI flags or `createMemory` options); each one wins over the environment. */
export interface ModelSettingsOptions {
  baseURL?: string | undefined;
  apiKey?: string | undefined;
  model?: string | undefined;
  dimensions?: number | undefined;
}

/** Base URL used when a model is configured without one: a local Ollama server. */
export const DEFAULT_BASE_URL = "http://localhost:11434/v1";

/**
 * Output lengths of common embedding models, used when no dimensions are configured.
 * A wrong guess is caught on the first call (the embedder checks every vector's length).
 *
 * @example
 * knownEmbeddingDimensions.get("nomic-embed-text"); // 768
 */
export const knownEmbeddingDimensions: ReadonlyMap<string, number> = new Map([
  ["text-embedding-3-small", 1536],
  ["text-embedding-3-large", 3072],
  ["text-embedding-ada-002", 1536],
  ["nomic-embed-text", 768],
  ["mxbai-embed-large", 1024],
  ["all-minilm", 384],
  ["bge-m3", 1024],
  ["snowflake-arctic-embed", 1024],
]);

/** Names of the environment variables read by {@link resolveModelSettings}, per kind. */
export const modelEnvironmentVariables = {
  embedding: {
    baseURL: "MNEMO_EMBEDDING_BASE_URL",
    apiKey: "MNEMO_EMBEDDING_API_KEY",
    model: "MNEMO_EMBEDDING_MODEL",
    dimensions: "MNEMO_EMBEDDING_DIMENSIONS",
  },
  chat: {
    baseURL: "MNEMO_CHAT_BASE_URL",
    apiKey: "MNEMO_CHAT_API_KEY",
    model: "MNEMO_CHAT_MODEL",
    dimensions: undefined,
  },
  shared: {
    baseURL: "MNEMO_BASE_URL",
    apiKey: "MNEMO_API_KEY",
  },
} as const;

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Resolves the settings of the embedding or chat model: explicit option, then environment variable, then default.
 *
 * - base URL: `options.baseURL` → `MNEMO_<KIND>_BASE_URL` → `MNEMO_BASE_URL` → {@link DEFAULT_BASE_URL}
 * - API key: `options.apiKey` → `MNEMO_<KIND>_API_KEY` → `MNEMO_API_KEY` → none
 * - model: `options.model` → `MNEMO_EMBEDDING_MODEL` / `MNEMO_CHAT_MODEL`
 * - dimensions (embedding only): `options.dimensions` → `MNEMO_EMBEDDING_DIMENSIONS` → {@link knownEmbeddingDimensions}
 *
 * Empty values count as unset. Returns `undefined` when no model is configured for that kind (the caller then
 * uses its offline default); shared options and variables alone configure nothing. Throws `INPUT_INVALID` for
 * settings that are given but wrong: `MNEMO_<KIND>_BASE_URL` or `MNEMO_EMBEDDING_DIMENSIONS` without a model,
 * a malformed URL, non-numeric or unknown dimensions. Error messages never contain the API key.
 *
 * @example
 * const settings = resolveModelSettings({
 *   kind: "embedding",
 *   environment: { MNEMO_EMBEDDING_MODEL: "nomic-embed-text" },
 * });
 * // { baseURL: "http://localhost:11434/v1", model: "nomic-embed-text", dimensions: 768 }
 * resolveModelSettings({ kind: "chat", environment: {} }); // undefined
 */
export function resolveModelSettings({
  options = {},
  environment = process.env,
  kind,
}: {
  options?: ModelSettingsOptions;
  environment?: Environment;
  kind: ModelKind;
}): ModelSettings | undefined {
  const variables = modelEnvironmentVariables[kind];
  const shared = modelEnvironmentVariables.shared;
  const read = (name: string): string | undefined => {
    const value = environment[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const given = (value: string | undefined): string | undefined => (value === undefined || value.trim() === "" ? undefined : value.trim());

  const model = given(options.model) ?? read(variables.model);

  if (model === undefined) {
    const strayVariable = [variables.baseURL, variables.dimensions].find((name) => name !== undefined && read(name) !== undefined);
    if (strayVariable === undefined) {
      return undefined;
    }
    throw new MnemoError({
      code: "INPUT_INVALID",
      message: `${strayVariable} is set but no ${kind} model is configured: set ${variables.model} (or pass the model option), or unset ${strayVariable}.`,
      details: { kind, variable: strayVariable },
    });
  }

  const candidate: Record<string, unknown> = {
    baseURL: given(options.baseURL) ?? read(variables.baseURL) ?? read(shared.baseURL) ?? DEFAULT_BASE_URL,
    model,
  };
  const apiKey = given(options.apiKey) ?? read(variables.apiKey) ?? read(shared.apiKey);
  if (apiKey !== undefined) {
    candidate.apiKey = apiKey;
  }
  if (kind === "embedding") {
    const variable = modelEnvironmentVariables.embedding.dimensions;
    const dimensions =
      options.dimensions ??
      parseDimensions({ value: read(variable), variable }) ??
      knownEmbeddingDimensions.get(model) ??
      knownEmbeddingDimensions.get(model.replace(/:latest$/, ""));
    if (dimensions === undefined) {
      throw new MnemoError({
        code: "INPUT_INVALID",
        message: `The output length of embedding model "${model}" is unknown: set ${variable} (or pass the dimensions option).`,
        details: { kind, model },
      });
    }
    candidate.dimensions = dimensions;
  }
  return parseModelSettings({ value: candidate, kind });
}

/**
 * Validates settings with {@link modelSettingsSchema}, throwing `INPUT_INVALID` (without the key) when they are wrong.
 *
 * @example
 * const settings = parseModelSettings({ value: { baseURL: "http://localhost:11434/v1", model: "qwen3:4b" }, kind: "chat" });
 */
export function parseModelSettings({ value, kind }: { value: unknown; kind: ModelKind }): ModelSettings {
  const result = modelSettingsSchema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  throw new MnemoError({
    code: "INPUT_INVALID",
    message: `Invalid ${kind} model settings: ${issues.map((issue) => `${issue.path || "settings"}: ${issue.message}`).join("; ")}`,
    details: { kind, issues },
  });
}

/**
 * A loggable form of settings: everything except the API key, which becomes a flag.
 *
 * @example
 * describeModelSettings({ settings }); // { baseURL: "https://api.openai.com/v1", model: "gpt-4o-mini", hasApiKey: true }
 */
export function describeModelSettings({ settings }: { settings: ModelSettings }): {
  baseURL: string;
  model: string;
  dimensions?: number;
  hasApiKey: boolean;
} {
  const description = { baseURL: settings.baseURL, model: settings.model, hasApiKey: settings.apiKey !== undefined };
  return settings.dimensions === undefined ? description : { ...description, dimensions: settings.dimensions };
}

function parseDimensions({ value, variable }: { value: string | undefined; variable: string }): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(value)) {
    throw new MnemoError({
      code: "INPUT_INVALID",
      message: `${variable} must be a positive integer, got "${value}".`,
      details: { variable },
    });
  }
  return Number(value);
}
