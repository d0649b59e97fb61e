import { describe, expect, it } from "vitest";
import { normalizeEvidence } from "./evidence.js";

describe("normalizeEvidence", () => {
  it("keeps well-formed ids", () => {
    expect(normalizeEvidence(["D1:3", "D12:40"])).toEqual({ ids: ["D1:3", "D12:40"], dropped: 0 });
  });

  it("splits strings that hold several ids on ; , and whitespace", () => {
    expect(normalizeEvidence(["D1:3; D1:5", "D2:1,D2:2 D2:3"])).toEqual({ ids: ["D1:3", "D1:5", "D2:1", "D2:2", "D2:3"], dropped: 0 });
  });

  it("repairs D:11:26, drops leading zeros, parentheses and a trailing full stop", () => {
    expect(normalizeEvidence(["D:11:26", "D30:05", "(D2:8)", "D4:1."])).toEqual({ ids: ["D11:26", "D30:5", "D2:8", "D4:1"], dropped: 0 });
  });

  it("expands same-session ranges and leaves cross-session ranges out", () => {
    expect(normalizeEvidence(["D12:5-D12:3"])).toEqual({ ids: ["D12:3", "D12:4", "D12:5"], dropped: 0 });
    expect(normalizeEvidence(["D3:1-3:2"])).toEqual({ ids: ["D3:1", "D3:2"], dropped: 0 });
    expect(normalizeEvidence(["D3:1-D4:2"])).toEqual({ ids: [], dropped: 1 });
  });

  it("drops and counts tokens that are not turn ids, and removes duplicates", () => {
    expect(normalizeEvidence(["D", "D1:3", "D1:03", "session 2"])).toEqual({ ids: ["D1:3"], dropped: 3 });
  });

  it("accepts a missing list or a single string", () => {
    expect(normalizeEvidence(undefined)).toEqual({ ids: [], dropped: 0 });
    expect(normalizeEvidence("D1:1; D1:2")).toEqual({ ids: ["D1:1", "D1:2"], dropped: 0 });
  });
});
