import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildLocomoGold } from "./gold-questions.js";
import { locomoSamplesFromFile } from "./locomo-samples.js";

const json = JSON.parse(readFileSync(new URL("./fixtures/locomo-mini.json", import.meta.url), "utf8"));
const gold = buildLocomoGold({ samples: locomoSamplesFromFile({ json, fileName: "locomo-mini.json" }) });
const byQid = new Map(gold.questions.map((question) => [question.qid, question]));

describe("buildLocomoGold", () => {
  it("gives every question a qid and a category name", () => {
    expect(gold.questions.map((question) => question.qid).slice(0, 2)).toEqual(["conv-1_q001", "conv-1_q002"]);
    expect(byQid.get("sample-1_q004")).toMatchObject({ category: "5", categoryName: "adversarial" });
  });

  it("splits multi-hop answers, keeps open-domain text before ';', stringifies numbers", () => {
    expect(byQid.get("conv-1_q002")?.answerParts).toEqual(["Paris", "Lisbon", "Porto"]);
    expect(byQid.get("conv-1_q003")?.answerParts).toEqual(["Likely yes"]);
    expect(byQid.get("conv-1_q004")?.answerParts).toEqual(["2022"]);
  });

  it("normalises evidence and decides eligibility", () => {
    expect(byQid.get("conv-1_q002")?.evidence).toEqual(["D1:3", "D1:5"]);
    expect(byQid.get("conv-1_q003")?.evidence).toEqual(["D1:2", "D2:1"]);
    expect(byQid.get("conv-1_q008")?.evidence).toEqual(["D2:3", "D2:1", "D2:2"]);
    expect(byQid.get("conv-1_q005")).toMatchObject({ answer: null, recallEligible: false, recallNoted: true, proxyEligible: false });
    expect(byQid.get("conv-1_q006")).toMatchObject({ evidence: [], recallEligible: false, proxyEligible: true });
    expect(gold.notes).toEqual({ droppedEvidence: 1, unresolvedEvidence: 1, units: 14 });
  });
});
