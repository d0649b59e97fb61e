// biome-ignore lint/suspicious/noExplicitAny: JSON Schema nodes, walked generically.
type SchemaNode = any;

/** Picks and generated values of one seeded fuzzing run (see {@link createSchemaFuzzer}). */
export interface SchemaFuzzer {
  random(): number;
  pick<T>(values: readonly T[]): T;
  /** A value for `schema`: mostly of its type, sometimes one of the hostile values or strings. */
  generate(schema: SchemaNode): unknown;
}

/**
 * A seeded generator of values for JSON Schemas (OpenAPI bodies, MCP tool inputs): strings come from
 * `strings()` (hostile text and ids known so far), one node in `hostileShare` is replaced by any hostile value
 * or string, optional properties are present half the time, and with `unknownFieldShare` an object gains a
 * field its schema does not name. `resolve` follows `$ref`s.
 *
 * @example
 * const fuzzer = createSchemaFuzzer({ seed: 1, strings: () => ["", "constructor"], values: [null, -1] });
 * fuzzer.generate({ type: "object", properties: { query: { type: "string" } }, required: ["query"] });
 */
export function createSchemaFuzzer(options: {
  seed: number;
  strings: () => readonly string[];
  values: readonly unknown[];
  hostileShare?: number;
  unknownFieldShare?: number;
  resolve?: (reference: string) => SchemaNode;
}): SchemaFuzzer {
  let state = options.seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const generate = (schema: SchemaNode, depth = 0): unknown => {
    if (schema === undefined || depth > 5) return pick(options.values);
    const node = schema.$ref === undefined || options.resolve === undefined ? schema : options.resolve(schema.$ref);
    if (random() < (options.hostileShare ?? 0.08)) return pick([...options.values, ...options.strings()]);
    const choices = node.anyOf ?? node.oneOf;
    if (choices !== undefined) return generate(pick(choices), depth + 1);
    if (node.enum !== undefined) return pick(node.enum);
    const type = Array.isArray(node.type) ? pick(node.type) : node.type;
    if (type === "string") return pick(options.strings());
    if (type === "integer" || type === "number") return pick([0, 1, 5, 10, 100, -3, 1_000_000, node.maximum ?? 50]);
    if (type === "boolean") return random() < 0.5;
    if (type === "array") return Array.from({ length: Math.floor(random() * 3) }, () => generate(node.items, depth + 1));
    const object: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(node.properties ?? {})) {
      if ((node.required ?? []).includes(key) || random() < 0.5) object[key] = generate(property, depth + 1);
    }
    if (random() < (options.unknownFieldShare ?? 0)) object.unknownField = 1;
    return object;
  };
  return { random, pick, generate: (schema) => generate(schema) };
}
