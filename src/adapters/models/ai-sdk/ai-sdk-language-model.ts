import { createOpenAICompatible, type OpenAICompatibleProvider } from "@ai-sdk/openai-compatible";
import { generateText, type LanguageModelUsage, NoObjectGeneratedError, NoOutputGeneratedError, Output } from "ai";
import { z } from "zod";
import { MnemoError } from "../../../core/errors.js";
import type { LanguageModel, ModelUsage } from "../../../ports/language-model.js";
import { parseRepairedJson } from "./json-repair.js";
import { type ModelSettings, parseModelSettings } from "./settings.js";

/**
 * An AI SDK language model (specification v3), as returned by any provider's `chatModel(id)`.
 * Derived from a direct dependency so `@ai-sdk/provider` need not be imported.
 */
export type LanguageModelV3 = ReturnType<OpenAICompatibleProvider["chatModel"]>;

/** Cumulative counters of a {@link TrackedLanguageModel} since it was created. */
export interface LanguageModelStatistics {
  /** `generateObject` calls. */
  calls: number;
  /** Calls that ended in `MODEL_FAILED`. */
  failedCalls: number;
  /** Requests sent to the model (a call makes one, plus one per retry). */
  attempts: number;
  /** Attempts whose output could not be used (invalid even after repair) or which failed outright. */
  failures: number;
  /** Attempts made after a failed one. */
  retries: number;
  /** Attempts whose output was only usable after local repair (code fences, prose, trailing commas). */
  repairs: number;
  /** Tokens reported by the provider (0 when it reports none). */
  inputTokens: number;
  outputTokens: number;
  /** Wall-clock time spent in `generateObject`, summed over calls. */
  latencyMs: number;
}

/**
 * The {@link LanguageModel} port plus cumulative counters for the engine's `stats`.
 *
 * @example
 * const model: TrackedLanguageModel = createAiSdkLanguageModel({ model: provider.chatModel("qwen3:4b") });
 * model.statistics().repairs; // 0
 */
export interface TrackedLanguageModel extends LanguageModel {
  /** A snapshot of the counters (a copy; later calls do not change it). */
  statistics(): LanguageModelStatistics;
}

/**
 * How the expected shape reaches the model:
 * - `"json-schema"`: the JSON schema goes in the request's response format (structured outputs);
 * - `"json"`: the request only asks for JSON, and the JSON schema is appended to the system prompt
 *   (for servers without structured outputs).
 * Either way the answer is validated, and repaired when needed, locally.
 */
export type ResponseFormatMode = "json-schema" | "json";

/**
 * Wraps an AI SDK language model as a {@link TrackedLanguageModel}.
 *
 * Each call runs `generateText` with `output: Output.object({ schema })` (or `Output.json()`). When the answer
 * does not parse or validate, it is repaired (reasoning blocks, code fences and prose stripped, outermost `{…}`
 * taken, trailing commas removed) and validated with the zod schema; when still invalid, the call is retried,
 * up to `maxAttempts` requests in all, then throws `MODEL_FAILED`. Provider and network errors are retried by
 * the AI SDK itself (`maxRetries`) and then throw `MODEL_FAILED` at once. `usage` and `latencyMs` cover all
 * attempts of the call.
 *
 * @example
 * const languageModel = createAiSdkLanguageModel({ model: provider.chatModel("qwen3:4b"), maxAttempts: 3 });
 * const { object, usage, latencyMs } = await languageModel.generateObject({
 *   schema: z.object({ facts: z.array(z.string()) }),
 *   system: "Extract the facts the user states about themselves.",
 *   prompt: "I moved to Lisbon last spring.",
 * });
 */
export function createAiSdkLanguageModel({
  model,
  modelId,
  maxAttempts = 2,
  maxRetries = 2,
  responseFormat = "json-schema",
  providerOptions,
  timeoutMs,
  temperature,
}: {
  model: LanguageModelV3;
  /** Identifier reported by the port (default `<provider>:<model>`). */
  modelId?: string;
  /** Requests per call when the output is invalid (default 2: one retry). */
  maxAttempts?: number;
  /** AI SDK retries per request for retryable provider errors such as 429 or 5xx (default 2). */
  maxRetries?: number;
  responseFormat?: ResponseFormatMode;
  /** Passed through to the provider, for example `{ mnemo: { strictJsonSchema: false } }`. */
  providerOptions?: Record<string, Record<string, string | number | boolean | null>>;
  /** Time limit of one request in milliseconds (default none). */
  timeoutMs?: number;
  /**
   * Sampling temperature (default: not sent, the server's default). 0 makes small local models more
   * deterministic; some hosted reasoning models reject any explicit value.
   */
  temperature?: number;
}): TrackedLanguageModel {
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new MnemoError({
      code: "INPUT_INVALID",
      message: `maxAttempts must be a positive integer, got ${String(maxAttempts)}.`,
      details: { maxAttempts },
    });
  }
  const identifier = modelId ?? `${model.provider}:${model.modelId}`;
  const totals: LanguageModelStatistics = {
    calls: 0,
    failedCalls: 0,
    attempts: 0,
    failures: 0,
    retries: 0,
    repairs: 0,
    inputTokens: 0,
    outputTokens: 0,
    latencyMs: 0,
  };

  async function generateObject<T>({
    schema,
    system,
    prompt,
  }: {
    schema: z.ZodType<T>;
    system: string;
    prompt: string;
  }): Promise<{ object: T; usage: ModelUsage; latencyMs: number }> {
    totals.calls += 1;
    const started = performance.now();
    const usage: ModelUsage = { inputTokens: 0, outputTokens: 0 };
    const addUsage = (reported: LanguageModelUsage | undefined): void => {
      const inputTokens = finiteOrZero(reported?.inputTokens);
      const outputTokens = finiteOrZero(reported?.outputTokens);
      usage.inputTokens += inputTokens;
      usage.outputTokens += outputTokens;
      totals.inputTokens += inputTokens;
      totals.outputTokens += outputTokens;
    };
    const finish = (object: T): { object: T; usage: ModelUsage; latencyMs: number } => {
      const latencyMs = performance.now() - started;
      totals.latencyMs += latencyMs;
      return { object, usage, latencyMs };
    };
    const fail = (options: { message: string; cause: unknown; attempts: number }): MnemoError => {
      totals.failedCalls += 1;
      totals.latencyMs += performance.now() - started;
      return new MnemoError({
        code: "MODEL_FAILED",
        message: options.message,
        details: { modelId: identifier, attempts: options.attempts },
        cause: options.cause,
      });
    };
    const callSettings = {
      model,
      system: responseFormat === "json" ? withSchemaInstruction({ system, schema }) : system,
      prompt,
      maxRetries,
      ...(temperature === undefined ? {} : { temperature }),
      ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }),
      ...(providerOptions === undefined ? {} : { providerOptions }),
    };

    let lastProblem: unknown;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      totals.attempts += 1;
      if (attempt > 1) {
        totals.retries += 1;
      }
      let candidate: { value: unknown; repaired: boolean } | undefined;
      try {
        if (responseFormat === "json-schema") {
          const result = await generateText({ ...callSettings, output: Output.object({ schema }) });
          addUsage(result.totalUsage);
          return finish(result.output);
        }
        const result = await generateText({ ...callSettings, output: Output.json() });
        addUsage(result.totalUsage);
        candidate = { value: result.output, repaired: false };
      } catch (error) {
        if (NoObjectGeneratedError.isInstance(error)) {
          // The answer did not parse or did not match the schema: try to repair the raw text.
          addUsage(error.usage);
          lastProblem = error;
          const parsed = parseRepairedJson({ text: error.text ?? "" });
          candidate = parsed.success ? { value: parsed.value, repaired: true } : undefined;
        } else if (NoOutputGeneratedError.isInstance(error)) {
          lastProblem = error;
        } else {
          totals.failures += 1;
          throw fail({
            message: `Language model ${identifier} failed: ${describeError(error)}`,
            cause: error,
            attempts: attempt,
          });
        }
      }
      if (candidate !== undefined) {
        const validated = await schema.safeParseAsync(candidate.value);
        if (validated.success) {
          if (candidate.repaired) {
            totals.repairs += 1;
          }
          return finish(validated.data);
        }
        lastProblem = validated.error;
      }
      totals.failures += 1;
    }
    throw fail({
      message: `Language model ${identifier} gave no valid object after ${maxAttempts} attempt${maxAttempts === 1 ? "" : "s"}: ${describeError(lastProblem)}`,
      cause: lastProblem,
      attempts: maxAttempts,
    });
  }

  return {
    modelId: identifier,
    generateObject,
    statistics: () => ({ ...totals }),
  };
}

/**
 * Creates a {@link TrackedLanguageModel} for a chat model behind an OpenAI-compatible `/chat/completions` endpoint.
 * The model id is `openai-compatible:<model>`. Building it makes no request.
 *
 * `structuredOutputs` (default true) sends the JSON schema as `response_format: json_schema` (non-strict), which
 * OpenAI, Ollama, llama.cpp, LM Studio and vLLM understand; set it to false for servers that reject it: the
 * request then asks for `json_object` and the schema goes in the system prompt.
 *
 * @example
 * const settings = resolveModelSettings({ kind: "chat" });
 * const languageModel = settings === undefined ? undefined : createOpenAICompatibleLanguageModel(settings);
 */
export function createOpenAICompatibleLanguageModel(
  settings: ModelSettings & {
    structuredOutputs?: boolean;
    maxAttempts?: number;
    maxRetries?: number;
    timeoutMs?: number;
    temperature?: number;
  },
): TrackedLanguageModel {
  const { baseURL, apiKey, model } = parseModelSettings({ value: settings, kind: "chat" });
  const structuredOutputs = settings.structuredOutputs ?? true;
  const provider = createOpenAICompatible({
    name: "mnemo",
    baseURL,
    supportsStructuredOutputs: structuredOutputs,
    ...(apiKey === undefined ? {} : { apiKey }),
  });
  return createAiSdkLanguageModel({
    model: provider.chatModel(model),
    modelId: `openai-compatible:${model}`,
    responseFormat: structuredOutputs ? "json-schema" : "json",
    providerOptions: { mnemo: { strictJsonSchema: false } },
    ...(settings.maxAttempts === undefined ? {} : { maxAttempts: settings.maxAttempts }),
    ...(settings.maxRetries === undefined ? {} : { maxRetries: settings.maxRetries }),
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.temperature === undefined ? {} : { temperature: settings.temperature }),
  });
}

function withSchemaInstruction({ system, schema }: { system: string; schema: z.ZodType }): string {
  let jsonSchema: string;
  try {
    const { $schema: _dialect, ...shape } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
    jsonSchema = JSON.stringify(shape);
  } catch {
    return `${system}\n\nAnswer with one JSON object only: no prose, no code fences.`;
  }
  return `${system}\n\nAnswer with one JSON object only (no prose, no code fences) matching this JSON Schema:\n${jsonSchema}`;
}

function finiteOrZero(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? value : 0;
}

function describeError(error: unknown): string {
  if (error instanceof z.ZodError) {
    return error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join(".") || "object"}: ${issue.message}`)
      .join("; ");
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
