import { describe, expect, it } from "vitest";
import { createRememberedRows, type PhraseRows } from "./remembered-rows.js";

/** Phrase rows from [rowid, score] pairs. */
function rowsOf(...pairs: Array<[number, number]>): PhraseRows {
  return { rowids: Float64Array.from(pairs.map(([rowid]) => rowid)), scores: Float64Array.from(pairs.map(([, score]) => score)) };
}

describe("createRememberedRows", () => {
  it("returns rows only for the exact write mark they were read at", () => {
    const remembered = createRememberedRows({ capacityRows: 10 });
    remembered.set("a", rowsOf([1, 2.5]), { changes: 10, version: 1 });
    expect(remembered.get("a", { changes: 10, version: 1 })).toEqual(rowsOf([1, 2.5]));
    expect(remembered.get("a", { changes: 11, version: 1 })).toBeUndefined();
    expect(remembered.get("a", { changes: 10, version: 2 })).toBeUndefined();
    expect(remembered.get("b", { changes: 10, version: 1 })).toBeUndefined();
  });

  it("holds at most its capacity in rows: a list too long is not kept, and a full cache starts over", () => {
    const remembered = createRememberedRows({ capacityRows: 3 });
    const mark = { changes: 0, version: 1 };
    remembered.set("long", rowsOf([1, 1], [2, 1], [3, 1], [4, 1]), mark);
    expect(remembered.get("long", mark)).toBeUndefined();
    remembered.set("a", rowsOf([1, 1], [2, 1]), mark);
    remembered.set("a", rowsOf([1, 1], [2, 1]), mark);
    remembered.set("b", rowsOf([3, 1]), mark);
    expect(remembered.get("a", mark)?.rowids).toHaveLength(2);
    remembered.set("c", rowsOf([4, 1]), mark);
    expect(remembered.get("a", mark)).toBeUndefined();
    expect(remembered.get("c", mark)).toEqual(rowsOf([4, 1]));
  });
});
