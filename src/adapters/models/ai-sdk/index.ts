/**
 * Model adapters built on the Vercel AI SDK (v6): embeddings and structured output from any OpenAI-compatible
 * endpoint, configured by options or `MNEMO_*` environment variables.
 *
 * @example
 * import { createOpenAICompatibleEmbedder, resolveModelSettings } from "./adapters/models/ai-sdk/index.js";
 * const settings = resolveModelSettings({ kind: "embedding" });
 * const embedder = settings === undefined ? createDefaultEmbedder() : createOpenAICompatibleEmbedder(settings);
 */
export { createAiSdkEmbedder, createOpenAICompatibleEmbedder, type EmbeddingModelV3 } from "./ai-sdk-embedder.js";
export {
  createAiSdkLanguageModel,
  createOpenAICompatibleLanguageModel,
  type LanguageModelStatistics,
  type LanguageModelV3,
  type ResponseFormatMode,
  type TrackedLanguageModel,
} from "./ai-sdk-language-model.js";
export { outermostObject, parseRepairedJson, removeTrailingCommas, repairCandidates, stripCodeFence } from "./json-repair.js";
export {
  DEFAULT_BASE_URL,
  describeModelSettings,
  knownEmbeddingDimensions,
  type ModelKind,
  type ModelSettings,
  type ModelSettingsOptions,
  modelEnvironmentVariables,
  modelSettingsSchema,
  parseModelSettings,
  resolveModelSettings,
} from "./settings.js";
