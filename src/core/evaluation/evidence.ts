/** Evidence ids of one question after normalisation, and how many tokens were not dataset unit ids. */
export interface NormalizedEvidence {
  ids: string[];
  dropped: number;
}

const colonSessionPattern = /^D:(\d+):(\d+)$/;
const rangePattern = /^D(\d+):(\d+)-D?(\d+):(\d+)$/;
const unitPattern = /^D(\d+):(\d+)$/;

/**
 * Normalises a LoCoMo `evidence` list (bench README, "Gold construction"): parentheses removed, split on `;`,
 * `,` and whitespace, a trailing `.` removed, `D:11:26` → `D11:26`, leading zeros dropped (`D30:05` →
 * `D30:5`), same-session ranges `D12:3-D12:5` expanded; other tokens are dropped and counted. Ids are
 * de-duplicated in first-seen order.
 *
 * @example
 * normalizeEvidence(["D1:3; D1:5", "D:1:2", "(D30:05)", "D"]); // { ids: ["D1:3", "D1:5", "D1:2", "D30:5"], dropped: 1 }
 */
export function normalizeEvidence(evidence: unknown): NormalizedEvidence {
  const entries = Array.isArray(evidence) ? evidence : evidence === undefined || evidence === null ? [] : [evidence];
  const ids: string[] = [];
  let dropped = 0;
  for (const entry of entries) {
    for (const piece of String(entry)
      .replace(/[()]/g, " ")
      .split(/[;,\s]+/)) {
      let token = piece.trim().replace(/\.$/, "");
      if (token === "") continue;
      const colonSession = colonSessionPattern.exec(token);
      if (colonSession !== null) token = `D${colonSession[1]}:${colonSession[2]}`;
      const range = rangePattern.exec(token);
      if (range !== null && range[1] === range[3]) {
        const first = Number(range[2]);
        const last = Number(range[4]);
        for (let turn = Math.min(first, last); turn <= Math.max(first, last); turn += 1) ids.push(`D${Number(range[1])}:${turn}`);
        continue;
      }
      const unit = unitPattern.exec(token);
      if (unit !== null) {
        ids.push(`D${Number(unit[1])}:${Number(unit[2])}`);
        continue;
      }
      dropped += 1;
    }
  }
  return { ids: [...new Set(ids)], dropped };
}
