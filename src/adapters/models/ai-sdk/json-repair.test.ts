import { describe, expect, it } from "vitest";
import { outermostObject, parseRepairedJson, removeTrailingCommas, stripCodeFence } from "./json-repair.js";

describe("parseRepairedJson", () => {
  it("parses plain JSON", () => {
    expect(parseRepairedJson({ text: '{"a": 1}' })).toEqual({ success: true, value: { a: 1 } });
  });

  it("strips code fences, prose and reasoning blocks", () => {
    const text = '<think>The user wants JSON.</think>\nSure, here it is:\n```json\n{"facts": ["lives in Lisbon"]}\n```\nAnything else?';
    expect(parseRepairedJson({ text })).toEqual({ success: true, value: { facts: ["lives in Lisbon"] } });
  });

  it("removes trailing commas", () => {
    expect(parseRepairedJson({ text: '{"facts": ["a", "b",], "count": 2,}' })).toEqual({
      success: true,
      value: { facts: ["a", "b"], count: 2 },
    });
  });

  it("gives up on text without JSON", () => {
    expect(parseRepairedJson({ text: "I cannot help with that." })).toEqual({ success: false });
    expect(parseRepairedJson({ text: "" })).toEqual({ success: false });
  });
});

describe("repair helpers", () => {
  it("leaves braces and commas inside strings alone", () => {
    expect(outermostObject({ text: 'Here: {"a": "}"} and {"b": 2}' })).toBe('{"a": "}"}');
    expect(removeTrailingCommas({ text: '{"a": "x,}", "b": [1,],}' })).toBe('{"a": "x,}", "b": [1]}');
    expect(removeTrailingCommas({ text: '{"a": "say \\"hi,\\" ]"}' })).toBe('{"a": "say \\"hi,\\" ]"}');
  });

  it("falls back to the last brace when the object never closes", () => {
    expect(outermostObject({ text: '{"a": {"b": 1}' })).toBe('{"a": {"b": 1}');
    expect(outermostObject({ text: "no object" })).toBeUndefined();
  });

  it("takes the content of an unterminated fence", () => {
    expect(stripCodeFence({ text: '```\n{"a": 1}' })).toBe('{"a": 1}');
    expect(stripCodeFence({ text: '{"a": 1}' })).toBe('{"a": 1}');
  });
});
