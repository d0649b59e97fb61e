import { describe, expect, it } from "vitest";
import { createRememberedRecords } from "./remembered-records.js";

const mark = (changes: number, version = 1) => ({ changes, version });

describe("createRememberedRecords", () => {
  it("returns what was read at the same mark, and forgets everything when the mark moves", () => {
    const remembered = createRememberedRecords<{ id: string; text: string }>({ capacity: 10, idOf: (record) => record.id });
    remembered.put([{ id: "a", text: "Lisbon" }], mark(1));
    const first = remembered.take(["a", "b"], mark(1));
    expect(first.found.get("a")?.text).toBe("Lisbon");
    expect(first.missing).toEqual(["b"]);
    expect(remembered.take(["a"], mark(2)).missing).toEqual(["a"]);
    // Back to the old mark: nothing of it is left.
    expect(remembered.take(["a"], mark(1)).missing).toEqual(["a"]);
    remembered.put([{ id: "a", text: "Porto" }], mark(1, 2));
    expect(remembered.take(["a"], mark(1)).missing).toEqual(["a"]);
  });

  it("freezes what it keeps, nested objects too, so no caller can change what the next one reads", () => {
    const remembered = createRememberedRecords<{ id: string; tags: string[]; metadata: { place: { city: string } } }>({
      capacity: 10,
      idOf: (record) => record.id,
    });
    remembered.put([{ id: "a", tags: ["trip"], metadata: { place: { city: "Lisbon" } } }], mark(1));
    const record = remembered.take(["a"], mark(1)).found.get("a");
    expect(() => record?.tags.push("x")).toThrow(TypeError);
    expect(() => {
      if (record !== undefined) record.metadata.place.city = "Porto";
    }).toThrow(TypeError);
    expect(remembered.take(["a"], mark(1)).found.get("a")?.metadata.place.city).toBe("Lisbon");
  });

  it("starts over rather than pass its capacity", () => {
    const remembered = createRememberedRecords<{ id: string }>({ capacity: 3, idOf: (record) => record.id });
    remembered.put([{ id: "a" }, { id: "b" }], mark(1));
    remembered.put([{ id: "c" }, { id: "d" }], mark(1));
    const { found, missing } = remembered.take(["a", "b", "c", "d"], mark(1));
    expect([...found.keys()]).toEqual(["c", "d"]);
    expect(missing).toEqual(["a", "b"]);
  });
});
