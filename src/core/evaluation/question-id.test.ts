import { describe, expect, it } from "vitest";
import { formatQuestionId } from "./question-id.js";

describe("formatQuestionId", () => {
  it("numbers questions from 1, zero-padded to three digits", () => {
    expect(formatQuestionId({ sampleId: "conv-26", index: 0 })).toBe("conv-26_q001");
    expect(formatQuestionId({ sampleId: "conv-26", index: 41 })).toBe("conv-26_q042");
    expect(formatQuestionId({ sampleId: "sample-0", index: 198 })).toBe("sample-0_q199");
  });

  it("keeps more than three digits when a sample has 1,000 questions or more", () => {
    expect(formatQuestionId({ sampleId: "x", index: 999 })).toBe("x_q1000");
  });
});
