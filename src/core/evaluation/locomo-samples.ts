/**
 * One conversation of a LoCoMo-format dataset as the evaluation sees it: its id, the raw object (for
 * ingestion only the turns and session dates are taken from it, see `conversationForIngestion`) and the
 * question list.
 */
export interface LocomoSample {
  sampleId: string;
  /** The `conversation` object, or the whole object of a flat per-conversation file. */
  conversation: Record<string, unknown>;
  /** The `qa` list (questions with answer, evidence and category). */
  questions: unknown[];
}

/** A JSON file of a dataset directory. */
export interface DatasetFile {
  fileName: string;
  json: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function idFromFileName(fileName: string): string {
  const baseName = fileName.replace(/^.*[\\/]/, "").replace(/\.json$/, "");
  return /^\d+$/.test(baseName) ? `conv-${baseName}` : baseName;
}

function toSample(value: unknown, fallbackId: string): LocomoSample {
  const object = isRecord(value) ? value : {};
  const questions = Array.isArray(object.qa) ? object.qa : [];
  if (isRecord(object.conversation)) {
    const declared = object.sample_id;
    return {
      sampleId: declared === undefined || declared === null ? fallbackId : String(declared),
      conversation: object.conversation,
      questions,
    };
  }
  // A flat per-conversation file (2024 zip release, REALTALK): the sessions sit at the top level.
  return { sampleId: fallbackId, conversation: object, questions };
}

/**
 * Reads the samples of one LoCoMo-format JSON file: the `locomo10.json` list (`sample_id`, else
 * `sample-<index>`), or one per-conversation object (`sample_id`, else the file name without `.json`, a
 * numeric name N read as `conv-N`). Ids follow the shared bench harness so question ids match its scorer.
 *
 * @example
 * locomoSamplesFromFile({ json: [{ sample_id: "conv-26", conversation: {}, qa: [] }], fileName: "locomo10.json" })[0]?.sampleId; // "conv-26"
 */
export function locomoSamplesFromFile(options: DatasetFile): LocomoSample[] {
  if (Array.isArray(options.json)) return options.json.map((value, index) => toSample(value, `sample-${index}`));
  return [toSample(options.json, idFromFileName(options.fileName))];
}

/**
 * Reads a directory of per-conversation files: every `*.json` file in name order, one sample each
 * (`26.json` → `conv-26`).
 *
 * @example
 * locomoSamplesFromDirectory({ files: [{ fileName: "26.json", json: { session_1: [] } }] })[0]?.sampleId; // "conv-26"
 */
export function locomoSamplesFromDirectory(options: { files: readonly DatasetFile[] }): LocomoSample[] {
  return options.files
    .filter((file) => file.fileName.endsWith(".json"))
    .sort((left, right) => (left.fileName < right.fileName ? -1 : left.fileName > right.fileName ? 1 : 0))
    .map((file) => toSample(file.json, idFromFileName(file.fileName)));
}

const ingestibleKey = /^(?:speaker_a|speaker_b|session_\d+|session_\d+_date_time)$/;

/**
 * The part of a conversation a memory system may ingest: speakers, sessions of raw turns and session dates.
 * Questions, evidence, observations and summaries are left out, so they cannot leak into the store.
 *
 * @example
 * Object.keys(conversationForIngestion(sample)); // ["speaker_a", "speaker_b", "session_1_date_time", "session_1", …]
 */
export function conversationForIngestion(sample: LocomoSample): Record<string, unknown> {
  return Object.fromEntries(Object.entries(sample.conversation).filter(([key]) => ingestibleKey.test(key)));
}

/**
 * The dataset-unit ids (`dia_id`) of a conversation's non-empty sessions.
 *
 * @example
 * turnIds(sample).has("D1:3"); // true
 */
export function turnIds(sample: LocomoSample): Set<string> {
  const ids = new Set<string>();
  for (const [key, value] of Object.entries(sample.conversation)) {
    if (!/^session_\d+$/.test(key) || !Array.isArray(value)) continue;
    for (const turn of value) {
      if (isRecord(turn)) ids.add(String(turn.dia_id));
    }
  }
  return ids;
}
