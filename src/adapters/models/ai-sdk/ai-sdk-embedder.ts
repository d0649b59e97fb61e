import { createOpenAICompatible, type OpenAICompatibleProvider } from "@ai-sdk/openai-compatible";
import { embedMany } from "ai";
import { MnemoError } from "../../../core/errors.js";
import type { Embedder } from "../../../ports/embedder.js";
import { type ModelSettings, parseModelSettings } from "./settings.js";

/**
 * An AI SDK embedding model (specification v3), as returned by any provider's `embeddingModel(id)`.
 * Derived from a direct dependency so `@ai-sdk/provider` need not be imported.
 */
export type EmbeddingModelV3 = ReturnType<OpenAICompatibleProvider["embeddingModel"]>;

/**
 * Wraps an AI SDK embedding model as an {@link Embedder}.
 *
 * Uses `embedMany`, which splits the values into batches of the model's `maxEmbeddingsPerCall` and retries
 * failed calls `maxRetries` times. Every vector is checked against `dimensions` and L2-normalised into a
 * `Float32Array` (all-zero vectors stay zero). Provider failures, a wrong vector count, wrong lengths or
 * non-finite numbers throw `MODEL_FAILED`.
 *
 * @example
 * const embedder = createAiSdkEmbedder({ model: provider.embeddingModel("nomic-embed-text"), dimensions: 768 });
 * const { embeddings } = await embedder.embed({ values: ["I moved to Lisbon", "我搬到了里斯本"] });
 */
export function createAiSdkEmbedder({
  model,
  modelId,
  dimensions,
  maxRetries = 2,
  maxParallelCalls = 4,
}: {
  model: EmbeddingModelV3;
  /** Identifier stored with the vectors (default `<provider>:<model>:<dimensions>`). */
  modelId?: string;
  /** Expected length of every vector. */
  dimensions: number;
  /** Retries per batch for retryable provider errors (default 2). */
  maxRetries?: number;
  /** Batches in flight at once when the model supports parallel calls (default 4). */
  maxParallelCalls?: number;
}): Embedder {
  if (!Number.isInteger(dimensions) || dimensions <= 0) {
    throw new MnemoError({
      code: "INPUT_INVALID",
      message: `Embedding dimensions must be a positive integer, got ${String(dimensions)}.`,
      details: { dimensions },
    });
  }
  const identifier = modelId ?? `${model.provider}:${model.modelId}:${dimensions}`;
  return {
    modelId: identifier,
    dimensions,
    async embed({ values }) {
      if (values.length === 0) {
        return { embeddings: [] };
      }
      let raw: number[][];
      try {
        const result = await embedMany({ model, values: [...values], maxRetries, maxParallelCalls });
        raw = result.embeddings;
      } catch (error) {
        throw new MnemoError({
          code: "MODEL_FAILED",
          message: `Embedding model ${identifier} failed: ${error instanceof Error ? error.message : String(error)}`,
          details: { modelId: identifier, values: values.length },
          cause: error,
        });
      }
      if (raw.length !== values.length) {
        throw new MnemoError({
          code: "MODEL_FAILED",
          message: `Embedding model ${identifier} returned ${raw.length} vectors for ${values.length} values.`,
          details: { modelId: identifier, expected: values.length, received: raw.length },
        });
      }
      const embeddings = raw.map((vector, index) => normaliseVector({ vector, dimensions, modelId: identifier, index }));
      return { embeddings };
    },
  };
}

/**
 * Creates an {@link Embedder} for an embedding model behind an OpenAI-compatible `/embeddings` endpoint.
 * `settings.dimensions` is required; the model id is `openai-compatible:<model>:<dimensions>`, so changing
 * model or length is detected by the store. Building it makes no request.
 *
 * @example
 * const settings = resolveModelSettings({ kind: "embedding" });
 * const embedder = settings === undefined ? createDefaultEmbedder() : createOpenAICompatibleEmbedder(settings);
 */
export function createOpenAICompatibleEmbedder(settings: ModelSettings & { maxRetries?: number; maxParallelCalls?: number }): Embedder {
  const { baseURL, apiKey, model, dimensions } = parseModelSettings({ value: settings, kind: "embedding" });
  if (dimensions === undefined) {
    throw new MnemoError({
      code: "INPUT_INVALID",
      message: `Embedding model "${model}" needs its output length: set MNEMO_EMBEDDING_DIMENSIONS (or pass dimensions).`,
      details: { model },
    });
  }
  const provider = createOpenAICompatible(apiKey === undefined ? { name: "mnemo", baseURL } : { name: "mnemo", baseURL, apiKey });
  return createAiSdkEmbedder({
    model: provider.embeddingModel(model),
    modelId: `openai-compatible:${model}:${dimensions}`,
    dimensions,
    ...(settings.maxRetries === undefined ? {} : { maxRetries: settings.maxRetries }),
    ...(settings.maxParallelCalls === undefined ? {} : { maxParallelCalls: settings.maxParallelCalls }),
  });
}

function normaliseVector({
  vector,
  dimensions,
  modelId,
  index,
}: {
  vector: readonly number[];
  dimensions: number;
  modelId: string;
  index: number;
}): Float32Array {
  if (vector.length !== dimensions) {
    throw new MnemoError({
      code: "MODEL_FAILED",
      message: `Embedding model ${modelId} returned a ${vector.length}-dimensional vector but ${dimensions} dimensions are configured; set the dimensions to ${vector.length} (MNEMO_EMBEDDING_DIMENSIONS) or use another model.`,
      details: { modelId, expected: dimensions, received: vector.length, index },
    });
  }
  let squaredLength = 0;
  for (const component of vector) {
    if (!Number.isFinite(component)) {
      throw new MnemoError({
        code: "MODEL_FAILED",
        message: `Embedding model ${modelId} returned a vector with a non-finite component.`,
        details: { modelId, index },
      });
    }
    squaredLength += component * component;
  }
  const result = new Float32Array(dimensions);
  if (squaredLength === 0) {
    return result;
  }
  const length = Math.sqrt(squaredLength);
  for (let position = 0; position < dimensions; position += 1) {
    result[position] = (vector[position] ?? 0) / length;
  }
  return result;
}
