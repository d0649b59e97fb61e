/**
 * Best-effort repair of the almost-JSON that small local models produce: reasoning blocks (`<think>…</think>`),
 * markdown code fences, prose around the object, trailing commas.
 */

/**
 * Extracts and parses the JSON object in a model's raw text, repairing common defects.
 * Returns `{ success: false }` when nothing parseable is found; never throws.
 *
 * @example
 * parseRepairedJson({ text: 'Sure!\n```json\n{ "facts": ["a", "b",], }\n```' });
 * // { success: true, value: { facts: ["a", "b"] } }
 */
export function parseRepairedJson({ text }: { text: string }): { success: true; value: unknown } | { success: false } {
  for (const candidate of repairCandidates({ text })) {
    try {
      return { success: true, value: JSON.parse(candidate) as unknown };
    } catch {
      // try the next, more aggressive candidate
    }
  }
  return { success: false };
}

/**
 * `text` without its reasoning blocks (`<think>…</think>`, `<thinking>…</thinking>`): each opening tag up to the
 * first closing tag after it. A scan, not a lazy pattern, which retried from every opening tag of a text full of
 * them (186 ms on 100,000 characters).
 */
function withoutThinking(text: string): string {
  const opening = /<think(?:ing)?>/gi;
  const closing = /<\/think(?:ing)?>/gi;
  let kept = "";
  let from = 0;
  for (;;) {
    opening.lastIndex = from;
    const open = opening.exec(text);
    if (open === null) break;
    closing.lastIndex = open.index + open[0].length;
    const close = closing.exec(text);
    if (close === null) break;
    kept += text.slice(from, open.index);
    from = close.index + close[0].length;
  }
  return kept + text.slice(from);
}

/**
 * The repaired texts to try, least invasive first (duplicates removed).
 *
 * @example
 * repairCandidates({ text: "<think>hmm</think> {\"a\": 1,}" }); // ['{"a": 1,}', '{"a": 1}']
 */
export function repairCandidates({ text }: { text: string }): string[] {
  const withoutReasoning = withoutThinking(text.replace(/^\uFEFF/, "")).trim();
  const unfenced = stripCodeFence({ text: withoutReasoning });
  const object = outermostObject({ text: unfenced }) ?? unfenced;
  const candidates = [object, removeTrailingCommas({ text: object })];
  return [...new Set(candidates)];
}

/**
 * The content of the first markdown code fence (```json … ``` or ``` … ```), or the text unchanged.
 *
 * @example
 * stripCodeFence({ text: "```json\n{}\n```" }); // "{}"
 */
export function stripCodeFence({ text }: { text: string }): string {
  const match = /```[\w-]*[ \t]*\r?\n?([\s\S]*?)(?:```|$)/.exec(text);
  return match?.[1] === undefined ? text : match[1].trim();
}

/**
 * The first balanced `{…}` in the text (braces inside strings ignored); when it never closes (truncated output),
 * everything from the first `{` to the last `}`. `undefined` when there is no `{`.
 *
 * @example
 * outermostObject({ text: 'Here you go: {"a": "}"} Hope it helps!' }); // '{"a": "}"}'
 */
export function outermostObject({ text }: { text: string }): string | undefined {
  const start = text.indexOf("{");
  if (start === -1) {
    return undefined;
  }
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let index = start; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (character === "\\") {
        escaped = true;
      } else if (character === '"') {
        inString = false;
      }
      continue;
    }
    if (character === '"') {
      inString = true;
    } else if (character === "{") {
      depth += 1;
    } else if (character === "}") {
      depth -= 1;
      if (depth === 0) {
        return text.slice(start, index + 1);
      }
    }
  }
  const end = text.lastIndexOf("}");
  return end > start ? text.slice(start, end + 1) : undefined;
}

/**
 * Removes commas directly before `}` or `]` (whitespace between allowed), leaving string contents alone.
 *
 * @example
 * removeTrailingCommas({ text: '{"a": [1, 2,], "b": "x,}",}' }); // '{"a": [1, 2], "b": "x,}"}'
 */
export function removeTrailingCommas({ text }: { text: string }): string {
  let result = "";
  let inString = false;
  let escaped = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] ?? "";
    if (inString) {
      result += character;
      if (escaped) {
        escaped = false;
      } else if (character === "\\") {
        escaped = true;
      } else if (character === '"') {
        inString = false;
      }
      continue;
    }
    if (character === '"') {
      inString = true;
    } else if (character === ",") {
      let next = index + 1;
      while (next < text.length && /\s/.test(text[next] ?? "")) {
        next += 1;
      }
      if (text[next] === "}" || text[next] === "]") {
        continue;
      }
    }
    result += character;
  }
  return result;
}
