/**
 * The id of a LoCoMo question in a results file: `<sampleId>_q<NNN>`, NNN = 1-based position in the
 * sample's `qa` list, zero-padded to 3 digits (the scheme of the shared bench harness).
 *
 * @example
 * formatQuestionId({ sampleId: "conv-26", index: 0 }); // "conv-26_q001"
 */
export function formatQuestionId(options: { sampleId: string; index: number }): string {
  return `${options.sampleId}_q${String(options.index + 1).padStart(3, "0")}`;
}
