import { readFile } from "node:fs/promises";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import { MnemoError } from "../../core/errors.js";
import type { ImportProblem, ParsedImport } from "../../core/import/import-record.js";
import { parseJsonlImport } from "../../core/import/parse-jsonl.js";
import { flattenConversations, parseLocomoFile } from "../../core/import/parse-locomo.js";

/** Import file formats. */
export type ImportFormat = "auto" | "jsonl" | "locomo";

/** Summary of an import. */
export interface ImportSummary {
  file: string;
  format: "jsonl" | "locomo";
  records: number;
  messages: number;
  memoriesAdded: number;
  memoriesMerged: number;
  problems: ImportProblem[];
  seconds: number;
  messagesPerSecond: number;
}

/**
 * Reads and validates an import file (JSONL, or LoCoMo-format JSON), then imports it record by record, each
 * record in one transaction. Any invalid record refuses the whole file unless `skipInvalid` is set.
 *
 * @example
 * const summary = await importFile({ memory, path: "conversations.jsonl", format: "auto", skipInvalid: false });
 */
export async function importFile(options: {
  memory: Memory;
  path: string;
  format: ImportFormat;
  skipInvalid: boolean;
  tenantId?: string;
  onProgress?: (done: number, total: number) => void;
}): Promise<ImportSummary> {
  let text: string;
  try {
    text = await readFile(options.path, "utf8");
  } catch (error) {
    throw new MnemoError({ code: "IMPORT_INVALID", message: `Cannot read ${options.path}: ${(error as Error).message}`, cause: error });
  }
  const format =
    options.format === "auto" ? (/\.jsonl$/i.test(options.path) || !/^\s*[[{]/.test(text) ? "jsonl" : detectJson(text)) : options.format;
  let parsed: ParsedImport;
  if (format === "jsonl") {
    parsed = parseJsonlImport({ text });
  } else {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new MnemoError({ code: "IMPORT_INVALID", message: `${options.path} is not valid JSON: ${(error as Error).message}` });
    }
    parsed = flattenConversations(
      parseLocomoFile({ json, fileName: options.path, ...(options.tenantId === undefined ? {} : { tenantId: options.tenantId }) }),
    );
  }
  if (parsed.problems.length > 0 && !options.skipInvalid) {
    throw new MnemoError({
      code: "IMPORT_INVALID",
      message: `${parsed.problems.length} invalid record(s); nothing was imported (use --skip-invalid to import the valid ones):\n${parsed.problems
        .slice(0, 20)
        .map((problem) => `  ${problem.label}: ${problem.message}`)
        .join("\n")}`,
      details: { problems: parsed.problems },
    });
  }
  const started = performance.now();
  let messages = 0;
  let memoriesAdded = 0;
  let memoriesMerged = 0;
  for (const [index, record] of parsed.records.entries()) {
    const recordOptions =
      options.tenantId === undefined || record.options.tenantId !== undefined
        ? record.options
        : { ...record.options, tenantId: options.tenantId };
    const result = await options.memory.add(record.input, recordOptions);
    messages += result.episodes.length;
    for (const item of result.results) {
      if (item.event === "ADD") memoriesAdded += 1;
      else memoriesMerged += 1;
    }
    options.onProgress?.(index + 1, parsed.records.length);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    file: options.path,
    format,
    records: parsed.records.length,
    messages,
    memoriesAdded,
    memoriesMerged,
    problems: parsed.problems,
    seconds: Number(seconds.toFixed(3)),
    messagesPerSecond: Number((messages / Math.max(seconds, 1e-9)).toFixed(1)),
  };
}

function detectJson(text: string): "jsonl" | "locomo" {
  const firstLine = text.trimStart().split(/\r?\n/, 1)[0] ?? "";
  try {
    JSON.parse(firstLine);
    return text.trim().includes("\n") ? "jsonl" : "locomo";
  } catch {
    return "locomo";
  }
}
