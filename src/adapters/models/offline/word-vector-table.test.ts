import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_WORD_VECTOR_PATH, loadWordVectorTable, parseWordVectorTable } from "./word-vector-table.js";

/** Builds a file in the documented MNWV version 1 layout. */
function buildFile({
  words,
  vectors,
  weights,
  magic = "MNWV",
}: {
  words: string[];
  vectors: number[][];
  weights: number[];
  magic?: string;
}): Uint8Array {
  const count = words.length;
  const dimensions = vectors[0]?.length ?? 0;
  const wordBytes = Buffer.from(words.join("\n"), "utf8");
  const bytes = Buffer.alloc(24 + 8 * count + count * dimensions + wordBytes.length);
  bytes.write(magic, 0, "ascii");
  bytes.writeUInt32LE(1, 4);
  bytes.writeUInt32LE(count, 8);
  bytes.writeUInt32LE(dimensions, 12);
  bytes.writeUInt32LE(wordBytes.length, 16);
  vectors.forEach((vector, index) => {
    const scale = Math.max(...vector.map(Math.abs)) / 127;
    bytes.writeFloatLE(scale, 24 + 4 * index);
    bytes.writeFloatLE(weights[index] ?? 1, 24 + 4 * count + 4 * index);
    vector.forEach((value, dimension) => {
      bytes.writeInt8(Math.round(value / scale), 24 + 8 * count + index * dimensions + dimension);
    });
  });
  wordBytes.copy(bytes, 24 + 8 * count + count * dimensions);
  // Return a view at a non-zero offset to check that unaligned buffers are handled.
  const padded = new Uint8Array(bytes.length + 3);
  padded.set(bytes, 3);
  return padded.subarray(3);
}

describe("parseWordVectorTable", () => {
  it("reads the documented format and dequantises with the per-vector scale", () => {
    const table = parseWordVectorTable({
      bytes: buildFile({
        words: ["coffee", "tea"],
        vectors: [
          [1, -0.5, 0.25],
          [0, 2, -2],
        ],
        weights: [0.5, 0.9],
      }),
    });
    expect(table.count).toBe(2);
    expect(table.dimensions).toBe(3);
    const coffee = table.lookup("coffee");
    expect(coffee?.index).toBe(0);
    expect(coffee?.weight).toBeCloseTo(0.5, 6);
    expect(Array.from(coffee?.vector ?? [])).toEqual([expect.closeTo(1, 2), expect.closeTo(-0.5, 2), expect.closeTo(0.25, 2)]);
    expect(Array.from(table.lookup("tea")?.vector ?? [])).toEqual([0, expect.closeTo(2, 2), expect.closeTo(-2, 2)]);
    expect(table.lookup("milk")).toBeUndefined();
  });

  it("rejects a file with the wrong magic or a truncated file", () => {
    const wrongMagic = buildFile({ words: ["a"], vectors: [[1]], weights: [1], magic: "XXXX" });
    expect(() => parseWordVectorTable({ bytes: wrongMagic })).toThrow(/not a word-vector file/);
    const valid = buildFile({ words: ["a"], vectors: [[1]], weights: [1] });
    expect(() => parseWordVectorTable({ bytes: valid.subarray(0, valid.length - 1) })).toThrow(/build-word-vectors/);
    expect(() => parseWordVectorTable({ bytes: new Uint8Array(4) })).toThrow(/truncated/);
  });
});

describe("loadWordVectorTable", () => {
  const scratch = mkdtempSync(join(tmpdir(), "mnemo-word-vectors-test-"));
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it("loads the shipped table once per process", () => {
    const table = loadWordVectorTable();
    expect(loadWordVectorTable()).toBe(table);
    expect(loadWordVectorTable({ path: DEFAULT_WORD_VECTOR_PATH })).toBe(table);
    expect(table.count).toBe(50_000);
    expect(table.dimensions).toBe(100);
  });

  it("looks up lowercase English words with finite vectors and frequency weights", () => {
    const table = loadWordVectorTable();
    const coffee = table.lookup("coffee");
    const the = table.lookup("the");
    expect(coffee?.vector).toHaveLength(100);
    expect(Array.from(coffee?.vector ?? []).every(Number.isFinite)).toBe(true);
    expect(Array.from(coffee?.vector ?? []).some((value) => value !== 0)).toBe(true);
    expect(the?.index).toBe(0);
    expect(the?.weight).toBeLessThan(0.1);
    expect(coffee?.weight).toBeGreaterThan(0.9);
    expect(coffee?.weight).toBeLessThanOrEqual(1);
    expect(table.lookup("Coffee")).toBeUndefined();
    expect(table.lookup("咖啡")).toBeUndefined();
    expect(table.lookup("")).toBeUndefined();
  });

  it("tells how to build the file when it is missing", () => {
    const missing = join(scratch, "missing.bin");
    expect(() => loadWordVectorTable({ path: missing })).toThrow(/node scripts\/build-word-vectors\.mjs/);
  });

  it("tells how to rebuild the file when it is corrupt", () => {
    const corrupt = join(scratch, "corrupt.bin");
    writeFileSync(corrupt, "not a table at all, just some text");
    expect(() => loadWordVectorTable({ path: corrupt })).toThrow(/node scripts\/build-word-vectors\.mjs/);
  });
});
