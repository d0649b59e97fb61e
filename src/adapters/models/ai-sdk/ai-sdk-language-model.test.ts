import { APICallError } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MnemoError } from "../../../core/errors.js";
import { createAiSdkLanguageModel, createOpenAICompatibleLanguageModel } from "./ai-sdk-language-model.js";

type GenerateResult = Awaited<ReturnType<MockLanguageModelV3["doGenerate"]>>;

const factsSchema = z.object({ facts: z.array(z.string()), confidence: z.number().min(0).max(1) });
const request = { schema: factsSchema, system: "Extract facts as JSON.", prompt: "I moved to Lisbon." };
const expected = { facts: ["lives in Lisbon"], confidence: 0.9 };

/** The V3 `doGenerate` result for a text answer; `reportsUsage: false` leaves the token counts undefined. */
function answer({
  text,
  inputTokens: reportedInput = 12,
  outputTokens: reportedOutput = 7,
  reportsUsage = true,
}: {
  text: string;
  inputTokens?: number;
  outputTokens?: number;
  reportsUsage?: boolean;
}): GenerateResult {
  const inputTokens = reportsUsage ? reportedInput : undefined;
  const outputTokens = reportsUsage ? reportedOutput : undefined;
  return {
    content: [{ type: "text", text }],
    finishReason: { unified: "stop", raw: "stop" },
    usage: {
      inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: outputTokens, text: outputTokens, reasoning: undefined },
    },
    warnings: [],
  };
}

async function captureError(promise: Promise<unknown>): Promise<MnemoError> {
  try {
    await promise;
  } catch (error) {
    if (MnemoError.isInstance(error)) {
      return error;
    }
    throw error;
  }
  throw new Error("expected a MnemoError");
}

describe("createAiSdkLanguageModel", () => {
  it("returns a valid JSON object with usage and latency", async () => {
    const model = new MockLanguageModelV3({ doGenerate: answer({ text: JSON.stringify(expected) }) });
    const languageModel = createAiSdkLanguageModel({ model });

    const result = await languageModel.generateObject(request);

    expect(result.object).toEqual(expected);
    expect(result.usage).toEqual({ inputTokens: 12, outputTokens: 7 });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(languageModel.modelId).toBe("mock-provider:mock-model-id");
    expect(languageModel.statistics()).toMatchObject({ calls: 1, attempts: 1, failures: 0, retries: 0, repairs: 0 });
  });

  it("sends the system prompt, the prompt and the JSON schema as response format", async () => {
    const model = new MockLanguageModelV3({ doGenerate: answer({ text: JSON.stringify(expected) }) });
    await createAiSdkLanguageModel({ model }).generateObject(request);

    const call = model.doGenerateCalls[0];
    expect(call?.prompt[0]).toEqual({ role: "system", content: "Extract facts as JSON." });
    expect(JSON.stringify(call?.prompt[1])).toContain("I moved to Lisbon.");
    expect(call?.responseFormat).toMatchObject({ type: "json", schema: { type: "object" } });
    expect(call?.temperature).toBeUndefined();
  });

  it("repairs JSON wrapped in a ```json fence", async () => {
    const text = `Here is the result:\n\`\`\`json\n${JSON.stringify(expected, null, 2)}\n\`\`\``;
    const model = new MockLanguageModelV3({ doGenerate: answer({ text }) });
    const languageModel = createAiSdkLanguageModel({ model });

    const result = await languageModel.generateObject(request);

    expect(result.object).toEqual(expected);
    expect(model.doGenerateCalls).toHaveLength(1);
    expect(languageModel.statistics()).toMatchObject({ attempts: 1, repairs: 1, failures: 0 });
  });

  it("repairs trailing commas", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: answer({ text: '{"facts": ["lives in Lisbon",], "confidence": 0.9,}' }),
    });
    const languageModel = createAiSdkLanguageModel({ model });

    expect((await languageModel.generateObject(request)).object).toEqual(expected);
    expect(languageModel.statistics().repairs).toBe(1);
  });

  it("retries after garbage and succeeds on the second answer", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: [
        answer({ text: "I think the user lives somewhere in Portugal.", inputTokens: 10, outputTokens: 9 }),
        answer({ text: JSON.stringify(expected), inputTokens: 10, outputTokens: 6 }),
      ],
    });
    const languageModel = createAiSdkLanguageModel({ model });

    const result = await languageModel.generateObject(request);

    expect(result.object).toEqual(expected);
    expect(result.usage).toEqual({ inputTokens: 20, outputTokens: 15 });
    expect(model.doGenerateCalls).toHaveLength(2);
    expect(languageModel.statistics()).toMatchObject({
      calls: 1,
      failedCalls: 0,
      attempts: 2,
      failures: 1,
      retries: 1,
      repairs: 0,
      inputTokens: 20,
      outputTokens: 15,
    });
  });

  it("retries when the JSON does not match the schema", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: [answer({ text: '{"facts": "lives in Lisbon"}' }), answer({ text: JSON.stringify(expected) })],
    });
    const languageModel = createAiSdkLanguageModel({ model });

    expect((await languageModel.generateObject(request)).object).toEqual(expected);
    expect(languageModel.statistics()).toMatchObject({ failures: 1, retries: 1 });
  });

  it("throws MODEL_FAILED after maxAttempts garbage answers and keeps working afterwards", async () => {
    const model = new MockLanguageModelV3({ doGenerate: async () => answer({ text: "{ not json at all" }) });
    const languageModel = createAiSdkLanguageModel({ model, maxAttempts: 3 });

    const error = await captureError(languageModel.generateObject(request));

    expect(error.code).toBe("MODEL_FAILED");
    expect(error.message).toContain("after 3 attempts");
    expect(error.details).toMatchObject({ modelId: "mock-provider:mock-model-id", attempts: 3 });
    expect(model.doGenerateCalls).toHaveLength(3);
    expect(languageModel.statistics()).toMatchObject({
      calls: 1,
      failedCalls: 1,
      attempts: 3,
      failures: 3,
      retries: 2,
      inputTokens: 36,
      outputTokens: 21,
    });

    const second = await captureError(languageModel.generateObject(request));
    expect(second.code).toBe("MODEL_FAILED");
    expect(languageModel.statistics()).toMatchObject({ calls: 2, failedCalls: 2, attempts: 6 });
  });

  it("treats an empty answer as invalid output", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: [
        { ...answer({ text: "" }), content: [], finishReason: { unified: "length", raw: "length" } },
        answer({ text: JSON.stringify(expected) }),
      ],
    });
    const languageModel = createAiSdkLanguageModel({ model });

    expect((await languageModel.generateObject(request)).object).toEqual(expected);
    expect(languageModel.statistics()).toMatchObject({ attempts: 2, failures: 1 });
  });

  it("throws MODEL_FAILED at once on a provider error, without retrying the call", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: async () => {
        throw new APICallError({
          message: "Unauthorized",
          url: "http://localhost:11434/v1/chat/completions",
          requestBodyValues: {},
          statusCode: 401,
          isRetryable: false,
        });
      },
    });
    const languageModel = createAiSdkLanguageModel({ model, maxAttempts: 3 });

    const error = await captureError(languageModel.generateObject(request));

    expect(error.code).toBe("MODEL_FAILED");
    expect(error.message).toContain("Unauthorized");
    expect(model.doGenerateCalls).toHaveLength(1);
    expect(languageModel.statistics()).toMatchObject({ calls: 1, failedCalls: 1, attempts: 1, failures: 1 });
  });

  it("counts usage as 0 when the provider reports none, and measures latency", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: async () => {
        await new Promise((resolve) => setTimeout(resolve, 25));
        return answer({ text: JSON.stringify(expected), reportsUsage: false });
      },
    });
    const languageModel = createAiSdkLanguageModel({ model });

    const first = await languageModel.generateObject(request);
    const second = await languageModel.generateObject(request);

    expect(first.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(first.latencyMs).toBeGreaterThanOrEqual(20);
    const statistics = languageModel.statistics();
    expect(statistics).toMatchObject({ calls: 2, inputTokens: 0, outputTokens: 0 });
    expect(statistics.latencyMs).toBeCloseTo(first.latencyMs + second.latencyMs, 5);
  });

  it("returns statistics as a snapshot", async () => {
    const model = new MockLanguageModelV3({ doGenerate: async () => answer({ text: JSON.stringify(expected) }) });
    const languageModel = createAiSdkLanguageModel({ model });
    const before = languageModel.statistics();
    await languageModel.generateObject(request);
    expect(before.calls).toBe(0);
    expect(languageModel.statistics().calls).toBe(1);
  });

  it("in json mode, asks for plain JSON and puts the schema in the system prompt", async () => {
    const model = new MockLanguageModelV3({ doGenerate: answer({ text: JSON.stringify(expected) }) });
    const languageModel = createAiSdkLanguageModel({ model, responseFormat: "json", temperature: 0 });

    expect((await languageModel.generateObject(request)).object).toEqual(expected);
    const call = model.doGenerateCalls[0];
    expect(call?.responseFormat).toEqual({ type: "json" });
    expect(call?.temperature).toBe(0);
    const system = call?.prompt[0];
    expect(system?.role).toBe("system");
    expect(JSON.stringify(system)).toContain("Extract facts as JSON.");
    expect(JSON.stringify(system)).toContain("confidence");
  });

  it("in json mode, repairs and validates too", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: [
        answer({ text: '{"facts": "wrong type", "confidence": 2}' }),
        answer({ text: `\`\`\`json\n${JSON.stringify(expected)}\n\`\`\`` }),
      ],
    });
    const languageModel = createAiSdkLanguageModel({ model, responseFormat: "json" });

    expect((await languageModel.generateObject(request)).object).toEqual(expected);
    expect(languageModel.statistics()).toMatchObject({ attempts: 2, failures: 1, repairs: 1 });
  });

  it("rejects an invalid maxAttempts", () => {
    const model = new MockLanguageModelV3();
    expect(() => createAiSdkLanguageModel({ model, maxAttempts: 0 })).toThrow(expect.objectContaining({ code: "INPUT_INVALID" }));
  });
});

describe("createOpenAICompatibleLanguageModel", () => {
  it("builds a tracked model without making a request", () => {
    const languageModel = createOpenAICompatibleLanguageModel({
      baseURL: "http://localhost:11434/v1",
      apiKey: "sk-secret",
      model: "qwen3:4b",
    });
    expect(languageModel.modelId).toBe("openai-compatible:qwen3:4b");
    expect(languageModel.statistics()).toMatchObject({ calls: 0, attempts: 0, latencyMs: 0 });
  });

  it("rejects invalid settings with INPUT_INVALID", () => {
    expect(() => createOpenAICompatibleLanguageModel({ baseURL: "not a url", model: "qwen3:4b" })).toThrow(
      expect.objectContaining({ code: "INPUT_INVALID" }),
    );
  });
});
