/**
 * One retrieved item of a results line, in the bench harness's wire format. `sources` are dataset unit ids
 * (LoCoMo `dia_id`s); when they are missing the item's `id` stands for its only source.
 */
export interface RetrievedItem {
  id?: string | number;
  text?: string;
  sources?: Array<string | number>;
}

/**
 * One line of a results JSONL file (bench README, "Results JSONL"): the question id, the in-process search
 * latency and the retrieved items in rank order. Field names are the harness's (snake_case `latency_ms`).
 *
 * @example
 * const line: ResultLine = { qid: "conv-26_q001", latency_ms: 3.2, retrieved: [{ id: "m1", text: "[8 May 2023] …", sources: ["D1:3"] }] };
 */
export interface ResultLine {
  qid: string | number;
  latency_ms?: number;
  retrieved?: RetrievedItem[];
}
