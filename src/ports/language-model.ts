import type { z } from "zod";

/** Token usage of one model call. */
export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
}

/**
 * The optional language-model port: one structured-output call. The AI SDK adapter implements it for any
 * OpenAI-compatible endpoint; tests use scripted fakes.
 *
 * @example
 * const { object } = await languageModel.generateObject({ schema, system: "Extract facts", prompt: text });
 */
export interface LanguageModel {
  readonly modelId: string;
  generateObject<T>(options: {
    schema: z.ZodType<T>;
    system: string;
    prompt: string;
  }): Promise<{ object: T; usage: ModelUsage; latencyMs: number }>;
}
