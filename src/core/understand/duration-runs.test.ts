import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as chrono from "chrono-node";
import { describe, expect, it } from "vitest";
import { boundDurationRuns } from "./duration-runs.js";

const referenceTime = new Date("2024-05-08T13:56:00Z");
const root = fileURLToPath(new URL("../../..", import.meta.url));
if (!existsSync(join(root, "dist", "core", "understand", "temporal.js"))) {
  throw new Error("dist/ is missing: run `npm test` (it builds first) or `npm run build`.");
}

describe("boundDurationRuns", () => {
  it("leaves ordinary durations, up to four in a row, as they were", () => {
    for (const text of [
      "I came back 2 years, 3 months and 4 days ago",
      "a couple of weeks ago I moved to Porto",
      "3 hours and 20 minutes later we left",
      "1 year 2 months 3 weeks 4 days",
      "I'm here, and I'm happy",
    ]) {
      expect(boundDurationRuns(text)).toBe(text);
    }
  });

  it("cuts a run of more than four durations with a ';' before the fifth, keeping the length", () => {
    const text = "x couple hour couple hour couple hour couple hour couple hour couple hour x";
    const bounded = boundDurationRuns(text);
    expect(bounded).toHaveLength(text.length);
    expect(bounded).toBe("x couple hour couple hour couple hour couple hour;couple hour couple hour x");
    expect(boundDurationRuns("2h 3h 4h 5h 6h 7h")).toBe("2h 3h 4h 5h;6h 7h");
  });

  it("keeps what chrono reads in a text of at most four durations", () => {
    const text = "We met 2 years, 3 months and 4 days ago";
    const [plain] = chrono.en.casual.parse(text, referenceTime);
    const [bounded] = chrono.en.casual.parse(boundDurationRuns(text), referenceTime);
    expect(bounded?.text).toBe(plain?.text);
    expect(bounded?.start.date()).toEqual(plain?.start.date());
  });

  it("lets a 100,000-character run of durations be read in linear time (in a child, killed after 20 s)", () => {
    // Unbounded, twelve "couple hour"s took chrono minutes (each one more, about six times as long): a message
    // of them held the whole process. The built module runs in a child so a regression fails instead of hanging.
    const temporal = join(root, "dist", "core", "understand", "temporal.js");
    const script = `
      const { resolveTimeExpressions } = await import(${JSON.stringify(pathToFileURL(temporal).href)});
      for (const unit of ["couple  hour ", "a couple hours ", "couple hours and "]) {
        const text = unit.repeat(Math.ceil(100000 / unit.length)).slice(0, 100000);
        resolveTimeExpressions({ text, referenceTime: new Date("2024-05-08T13:56:00Z") });
      }
      process.stdout.write("read");`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 20_000 });
    expect(child.signal).toBeNull();
    expect(child.stdout).toBe("read");
  });
});
