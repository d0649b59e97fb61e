import { describe, expect, it } from "vitest";
import { conversationForIngestion, locomoSamplesFromDirectory, locomoSamplesFromFile, turnIds } from "./locomo-samples.js";

const conversation = {
  speaker_a: "Alice",
  speaker_b: "Bob",
  session_1_date_time: "1:56 pm on 8 May, 2023",
  session_1: [{ speaker: "Alice", dia_id: "D1:1", text: "Hi" }],
  session_1_observation: { Alice: [["secret", "D1:1"]] },
  session_1_summary: "secret",
  events_session_1: {},
};

describe("LoCoMo samples", () => {
  it("names list entries by sample_id, else sample-<index>", () => {
    const samples = locomoSamplesFromFile({
      json: [{ sample_id: "conv-26", conversation, qa: [{ question: "?" }] }, { conversation }],
      fileName: "locomo10.json",
    });
    expect(samples.map((sample) => sample.sampleId)).toEqual(["conv-26", "sample-1"]);
    expect(samples[0]?.questions).toHaveLength(1);
    expect(samples[1]?.questions).toEqual([]);
  });

  it("names a single file by sample_id, else by its file name (numeric N → conv-N)", () => {
    expect(locomoSamplesFromFile({ json: { sample_id: "x", conversation }, fileName: "26.json" })[0]?.sampleId).toBe("x");
    expect(locomoSamplesFromFile({ json: { conversation }, fileName: "/data/26.json" })[0]?.sampleId).toBe("conv-26");
    expect(locomoSamplesFromFile({ json: conversation, fileName: "Chat_3_Emi_Elise.json" })[0]?.sampleId).toBe("Chat_3_Emi_Elise");
  });

  it("reads a directory's .json files in name order; a flat file is its own conversation", () => {
    const samples = locomoSamplesFromDirectory({
      files: [
        { fileName: "30.json", json: { ...conversation, qa: [{ question: "?" }] } },
        { fileName: "README.md", json: null },
        { fileName: "26.json", json: { sample_id: "conv-26", conversation } },
      ],
    });
    expect(samples.map((sample) => sample.sampleId)).toEqual(["conv-26", "conv-30"]);
    expect(samples[1]?.questions).toHaveLength(1);
    expect(turnIds(samples[1] ?? samples[0] ?? { sampleId: "", conversation: {}, questions: [] })).toEqual(new Set(["D1:1"]));
  });

  it("hands ingestion only speakers, sessions and session dates", () => {
    const [flat] = locomoSamplesFromFile({ json: { ...conversation, qa: [{ question: "?", answer: "secret" }] }, fileName: "1.json" });
    expect(flat).toBeDefined();
    expect(Object.keys(conversationForIngestion(flat ?? { sampleId: "", conversation: {}, questions: [] })).sort()).toEqual([
      "session_1",
      "session_1_date_time",
      "speaker_a",
      "speaker_b",
    ]);
  });
});
