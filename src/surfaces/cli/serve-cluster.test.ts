import { describe, expect, it } from "vitest";
import { parseWorkerCount, workerExecArgv, workerSemiSpaceMb } from "./serve-cluster.js";

describe("workerExecArgv", () => {
  it("adds the young-generation size to the primary's options", () => {
    expect(workerExecArgv({ execArgv: ["--enable-source-maps"], nodeOptions: "" })).toEqual([
      "--enable-source-maps",
      `--max-semi-space-size=${workerSemiSpaceMb}`,
    ]);
  });

  it("keeps a size the user chose, on the command line or in NODE_OPTIONS", () => {
    expect(workerExecArgv({ execArgv: ["--max-semi-space-size=8"], nodeOptions: "" })).toEqual(["--max-semi-space-size=8"]);
    expect(workerExecArgv({ execArgv: [], nodeOptions: "--max_semi_space_size=64 --trace-gc" })).toEqual([]);
  });
});

describe("parseWorkerCount", () => {
  it("reads a count or auto, and refuses anything else with INPUT_INVALID", () => {
    expect(parseWorkerCount(" 3 ")).toBe(3);
    expect(parseWorkerCount("auto")).toBeGreaterThanOrEqual(1);
    for (const bad of ["0", "65", "1.5", "two", ""])
      expect(() => parseWorkerCount(bad)).toThrow(expect.objectContaining({ code: "INPUT_INVALID" }));
  });
});
