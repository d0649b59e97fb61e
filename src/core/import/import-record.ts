import type { AddInput, AddOptions } from "../schemas/add-input.js";

/** One unit of an import: it lands whole (one `add` transaction) or not at all. */
export interface ImportRecord {
  /** Where it came from, for reports: "line 3", "conv-26 session_4". */
  label: string;
  input: AddInput;
  options: AddOptions;
}

/** A record that failed validation. */
export interface ImportProblem {
  label: string;
  /** 1-based line of a JSONL file, when known. */
  line?: number;
  message: string;
}

/** What a parser found in a file. */
export interface ParsedImport {
  records: ImportRecord[];
  problems: ImportProblem[];
}
