import { describe, expect, it } from "vitest";
import { MnemoError } from "../../../core/errors.js";
import { DEFAULT_BASE_URL, describeModelSettings, parseModelSettings, resolveModelSettings } from "./settings.js";

function captureError(action: () => unknown): MnemoError {
  try {
    action();
  } catch (error) {
    if (MnemoError.isInstance(error)) {
      return error;
    }
    throw error;
  }
  throw new Error("expected a MnemoError");
}

describe("resolveModelSettings", () => {
  it("returns undefined when nothing is configured for the kind", () => {
    expect(resolveModelSettings({ kind: "embedding", environment: {} })).toBeUndefined();
    expect(resolveModelSettings({ kind: "chat", environment: {} })).toBeUndefined();
  });

  it("treats shared variables alone and empty values as not configured", () => {
    const environment = { MNEMO_BASE_URL: "https://api.example.com/v1", MNEMO_API_KEY: "secret", MNEMO_CHAT_MODEL: "" };
    expect(resolveModelSettings({ kind: "embedding", environment })).toBeUndefined();
    expect(resolveModelSettings({ kind: "chat", environment })).toBeUndefined();
  });

  it("reads the embedding settings from the environment", () => {
    const settings = resolveModelSettings({
      kind: "embedding",
      environment: {
        MNEMO_BASE_URL: "https://api.example.com/v1",
        MNEMO_API_KEY: "secret",
        MNEMO_EMBEDDING_MODEL: "text-embedding-3-small",
        MNEMO_EMBEDDING_DIMENSIONS: "512",
      },
    });
    expect(settings).toEqual({
      baseURL: "https://api.example.com/v1",
      apiKey: "secret",
      model: "text-embedding-3-small",
      dimensions: 512,
    });
  });

  it("lets the kind-specific base URL and key override the shared ones", () => {
    const environment = {
      MNEMO_BASE_URL: "https://api.example.com/v1",
      MNEMO_API_KEY: "shared-secret",
      MNEMO_CHAT_BASE_URL: "http://localhost:8080/v1",
      MNEMO_CHAT_API_KEY: "chat-secret",
      MNEMO_CHAT_MODEL: "qwen3:4b",
      MNEMO_EMBEDDING_BASE_URL: "http://localhost:11434/v1",
      MNEMO_EMBEDDING_MODEL: "nomic-embed-text",
    };
    expect(resolveModelSettings({ kind: "chat", environment })).toEqual({
      baseURL: "http://localhost:8080/v1",
      apiKey: "chat-secret",
      model: "qwen3:4b",
    });
    expect(resolveModelSettings({ kind: "embedding", environment })).toEqual({
      baseURL: "http://localhost:11434/v1",
      apiKey: "shared-secret",
      model: "nomic-embed-text",
      dimensions: 768,
    });
  });

  it("prefers explicit options over the environment", () => {
    const settings = resolveModelSettings({
      kind: "embedding",
      options: { baseURL: "http://localhost:1234/v1", apiKey: "option-secret", model: "bge-m3", dimensions: 256 },
      environment: {
        MNEMO_EMBEDDING_BASE_URL: "https://api.example.com/v1",
        MNEMO_API_KEY: "environment-secret",
        MNEMO_EMBEDDING_MODEL: "text-embedding-3-large",
        MNEMO_EMBEDDING_DIMENSIONS: "3072",
      },
    });
    expect(settings).toEqual({
      baseURL: "http://localhost:1234/v1",
      apiKey: "option-secret",
      model: "bge-m3",
      dimensions: 256,
    });
  });

  it("defaults the base URL to a local server and the dimensions to known model lengths", () => {
    expect(resolveModelSettings({ kind: "chat", options: { model: "llama3.2" }, environment: {} })).toEqual({
      baseURL: DEFAULT_BASE_URL,
      model: "llama3.2",
    });
    expect(resolveModelSettings({ kind: "embedding", environment: { MNEMO_EMBEDDING_MODEL: "nomic-embed-text:latest" } })).toEqual({
      baseURL: DEFAULT_BASE_URL,
      model: "nomic-embed-text:latest",
      dimensions: 768,
    });
  });

  it("ignores dimensions for chat models", () => {
    const settings = resolveModelSettings({
      kind: "chat",
      options: { model: "gpt-4o-mini", dimensions: 12 },
      environment: { MNEMO_EMBEDDING_DIMENSIONS: "64" },
    });
    expect(settings).toEqual({ baseURL: DEFAULT_BASE_URL, model: "gpt-4o-mini" });
  });

  it("rejects an embedding model of unknown length", () => {
    const error = captureError(() => resolveModelSettings({ kind: "embedding", environment: { MNEMO_EMBEDDING_MODEL: "my-embedder" } }));
    expect(error.code).toBe("INPUT_INVALID");
    expect(error.message).toContain("MNEMO_EMBEDDING_DIMENSIONS");
  });

  it("rejects non-numeric dimensions", () => {
    const error = captureError(() =>
      resolveModelSettings({
        kind: "embedding",
        environment: { MNEMO_EMBEDDING_MODEL: "bge-m3", MNEMO_EMBEDDING_DIMENSIONS: "large" },
      }),
    );
    expect(error.code).toBe("INPUT_INVALID");
    expect(error.message).toContain("positive integer");
  });

  it("rejects a kind-specific variable without a model", () => {
    const error = captureError(() =>
      resolveModelSettings({ kind: "embedding", environment: { MNEMO_EMBEDDING_BASE_URL: "http://localhost:11434/v1" } }),
    );
    expect(error.code).toBe("INPUT_INVALID");
    expect(error.message).toContain("MNEMO_EMBEDDING_MODEL");
  });

  it("rejects a malformed base URL without revealing the key", () => {
    const error = captureError(() =>
      resolveModelSettings({
        kind: "chat",
        environment: { MNEMO_CHAT_MODEL: "qwen3:4b", MNEMO_BASE_URL: "localhost:11434", MNEMO_API_KEY: "sk-very-secret" },
      }),
    );
    expect(error.code).toBe("INPUT_INVALID");
    expect(error.message).toContain("baseURL");
    expect(JSON.stringify(error.toJSON())).not.toContain("sk-very-secret");
  });
});

describe("parseModelSettings", () => {
  it("rejects invalid dimensions", () => {
    const error = captureError(() =>
      parseModelSettings({ value: { baseURL: DEFAULT_BASE_URL, model: "bge-m3", dimensions: 0 }, kind: "embedding" }),
    );
    expect(error.code).toBe("INPUT_INVALID");
    expect(error.message).toContain("dimensions");
  });
});

describe("describeModelSettings", () => {
  it("replaces the key by a flag", () => {
    const description = describeModelSettings({
      settings: { baseURL: "https://api.example.com/v1", apiKey: "sk-very-secret", model: "bge-m3", dimensions: 1024 },
    });
    expect(description).toEqual({ baseURL: "https://api.example.com/v1", model: "bge-m3", dimensions: 1024, hasApiKey: true });
    expect(JSON.stringify(description)).not.toContain("sk-very-secret");
  });
});
