import { MockEmbeddingModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { MnemoError } from "../../../core/errors.js";
import { createAiSdkEmbedder, createOpenAICompatibleEmbedder } from "./ai-sdk-embedder.js";

type EmbedResult = Awaited<ReturnType<MockEmbeddingModelV3["doEmbed"]>>;

const vectors: Record<string, number[]> = {
  lisbon: [3, 4, 0],
  porto: [0, 0, 2],
  coimbra: [1, 1, 1],
  nothing: [0, 0, 0],
};

/** A mock that answers each value with its vector from `table` (function form: the mock's array form is off by one). */
function mockModel({
  table = vectors,
  maxEmbeddingsPerCall = 2,
}: {
  table?: Record<string, number[]>;
  maxEmbeddingsPerCall?: number;
} = {}): MockEmbeddingModelV3 {
  return new MockEmbeddingModelV3({
    provider: "mock-provider",
    modelId: "mock-embedder",
    maxEmbeddingsPerCall,
    doEmbed: async ({ values }): Promise<EmbedResult> => ({
      embeddings: values.map((value) => table[value] ?? [0, 0, 0]),
      usage: { tokens: values.length },
      warnings: [],
    }),
  });
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

function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((sum, component) => sum + component * component, 0));
}

describe("createAiSdkEmbedder", () => {
  it("returns L2-normalised Float32Arrays in input order, batched by the model's limit", async () => {
    const model = mockModel();
    const embedder = createAiSdkEmbedder({ model, dimensions: 3 });
    const { embeddings } = await embedder.embed({ values: ["lisbon", "porto", "coimbra"] });

    expect(model.doEmbedCalls.map((call) => call.values)).toEqual([["lisbon", "porto"], ["coimbra"]]);
    expect(embeddings).toHaveLength(3);
    for (const embedding of embeddings) {
      expect(embedding).toBeInstanceOf(Float32Array);
      expect(norm(embedding)).toBeCloseTo(1, 5);
    }
    expect(Array.from(embeddings[0] ?? [])).toEqual([expect.closeTo(0.6, 5), expect.closeTo(0.8, 5), 0]);
    expect(Array.from(embeddings[1] ?? [])).toEqual([0, 0, 1]);
    expect(embeddings[2]?.[0]).toBeCloseTo(1 / Math.sqrt(3), 5);
  });

  it("keeps all-zero vectors at zero", async () => {
    const embedder = createAiSdkEmbedder({ model: mockModel(), dimensions: 3 });
    const { embeddings } = await embedder.embed({ values: ["nothing"] });
    expect(Array.from(embeddings[0] ?? [])).toEqual([0, 0, 0]);
  });

  it("makes no call for no values", async () => {
    const model = mockModel();
    const embedder = createAiSdkEmbedder({ model, dimensions: 3 });
    expect(await embedder.embed({ values: [] })).toEqual({ embeddings: [] });
    expect(model.doEmbedCalls).toHaveLength(0);
  });

  it("derives the model id from provider, model and dimensions unless given", () => {
    expect(createAiSdkEmbedder({ model: mockModel(), dimensions: 3 }).modelId).toBe("mock-provider:mock-embedder:3");
    expect(createAiSdkEmbedder({ model: mockModel(), dimensions: 3, modelId: "custom" }).modelId).toBe("custom");
  });

  it("fails with MODEL_FAILED and a clear message when the vector length differs", async () => {
    const embedder = createAiSdkEmbedder({ model: mockModel(), dimensions: 4 });
    const error = await captureError(embedder.embed({ values: ["lisbon"] }));
    expect(error.code).toBe("MODEL_FAILED");
    expect(error.message).toContain("3-dimensional");
    expect(error.message).toContain("4 dimensions are configured");
    expect(error.details).toMatchObject({ expected: 4, received: 3 });
  });

  it("fails with MODEL_FAILED on non-finite components", async () => {
    const embedder = createAiSdkEmbedder({ model: mockModel({ table: { broken: [1, Number.NaN, 0] } }), dimensions: 3 });
    const error = await captureError(embedder.embed({ values: ["broken"] }));
    expect(error.code).toBe("MODEL_FAILED");
  });

  it("wraps provider errors in MODEL_FAILED", async () => {
    const model = new MockEmbeddingModelV3({
      doEmbed: async () => {
        throw new Error("connection refused");
      },
    });
    const embedder = createAiSdkEmbedder({ model, dimensions: 3, maxRetries: 0 });
    const error = await captureError(embedder.embed({ values: ["lisbon"] }));
    expect(error.code).toBe("MODEL_FAILED");
    expect(error.message).toContain("connection refused");
  });

  it("rejects invalid dimensions", () => {
    expect(() => createAiSdkEmbedder({ model: mockModel(), dimensions: 0 })).toThrow(expect.objectContaining({ code: "INPUT_INVALID" }));
  });
});

describe("createOpenAICompatibleEmbedder", () => {
  it("builds an embedder without making a request", () => {
    const embedder = createOpenAICompatibleEmbedder({
      baseURL: "http://localhost:11434/v1",
      model: "nomic-embed-text",
      dimensions: 768,
    });
    expect(embedder.modelId).toBe("openai-compatible:nomic-embed-text:768");
    expect(embedder.dimensions).toBe(768);
  });

  it("requires the dimensions", () => {
    expect(() => createOpenAICompatibleEmbedder({ baseURL: "http://localhost:11434/v1", apiKey: "sk-secret", model: "bge-m3" })).toThrow(
      expect.objectContaining({ code: "INPUT_INVALID" }),
    );
  });
});
