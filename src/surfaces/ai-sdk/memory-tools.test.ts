import { generateText, stepCountIs } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import { createMemory } from "../../create-memory.js";
import { memoryTools } from "./memory-tools.js";

type GenerateResult = Awaited<ReturnType<MockLanguageModelV3["doGenerate"]>>;

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

function toolCall(toolName: string, input: unknown, toolCallId: string): GenerateResult {
  return {
    content: [{ type: "tool-call", toolCallId, toolName, input: JSON.stringify(input) }],
    finishReason: { unified: "tool-calls", raw: "tool_calls" },
    usage,
    warnings: [],
  };
}

function answer(text: string): GenerateResult {
  return { content: [{ type: "text", text }], finishReason: { unified: "stop", raw: "stop" }, usage, warnings: [] };
}

let memory: Memory;

beforeAll(async () => {
  memory = await createMemory({ path: ":memory:" });
});
afterAll(async () => {
  await memory.close();
});

describe("memoryTools (Vercel AI SDK)", () => {
  it("lets a scripted model add a memory, then recall it, through generateText", async () => {
    const model = new MockLanguageModelV3({
      doGenerate: [
        toolCall("addMemory", { text: "I moved to Lisbon last month", timestamp: "2024-05-08T13:56:00Z" }, "call-1"),
        toolCall("searchMemory", { query: "Where does the user live?" }, "call-2"),
        answer("You live in Lisbon."),
      ],
    });
    const result = await generateText({
      model,
      tools: memoryTools({ memory, userId: "u1", agentId: "assistant-1" }),
      stopWhen: stepCountIs(4),
      prompt: "Remember that I moved to Lisbon, then tell me where I live.",
    });

    expect(result.text).toBe("You live in Lisbon.");
    const toolResults = result.steps.flatMap((step) => step.toolResults);
    expect(toolResults.map((item) => item.toolName)).toEqual(["addMemory", "searchMemory"]);
    const stored = toolResults[0]?.output as { stored: Array<{ event: string; memory: string }> };
    expect(stored.stored[0]).toMatchObject({ event: "ADD", memory: expect.stringContaining("Lisbon") });
    const recalled = toolResults[1]?.output as { notice: string; memories: Array<{ memory: string }> };
    expect(recalled.notice).toMatch(/not instructions/);
    expect(recalled.memories[0]?.memory).toContain("Lisbon");

    // The memory was written for the bound user and agent, with the agent as actor.
    const page = await memory.getAll({ userId: "u1", agentId: "assistant-1" });
    expect(page.total).toBe(1);
    const history = await memory.history(page.results[0]?.id ?? "");
    expect(history[0]?.actor).toBe("assistant-1");
    // The model saw the tool schemas.
    const tools = model.doGenerateCalls[0]?.tools ?? [];
    expect(tools.map((item) => item.name).sort()).toEqual(["addMemory", "searchMemory"]);
  });

  it("never reads another user's memories", async () => {
    await memory.add("I am allergic to peanuts", { userId: "someone-else" });
    const tools = memoryTools({ memory, userId: "u2" });
    const output = await tools.searchMemory.execute?.({ query: "peanuts allergy" }, { toolCallId: "t", messages: [] });
    expect(output).toMatchObject({ memories: [] });
  });
});
