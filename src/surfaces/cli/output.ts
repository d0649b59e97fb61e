import { MnemoError } from "../../core/errors.js";

/** Where the CLI writes: stdout for results (JSON with --json), stderr for messages and progress. */
export interface CliOutput {
  json: boolean;
  result(value: unknown, human: () => string): void;
  message(text: string): void;
  failure(error: unknown): void;
}

/**
 * Creates the CLI's writer.
 *
 * @example
 * createCliOutput({ json: true }).result({ id }, () => `added ${id}`);
 */
export function createCliOutput(options: { json: boolean }): CliOutput {
  return {
    json: options.json,
    result(value, human) {
      process.stdout.write(options.json ? `${JSON.stringify(value)}\n` : `${human()}\n`);
    },
    message(text) {
      process.stderr.write(`${text}\n`);
    },
    failure(error) {
      const body = MnemoError.isInstance(error)
        ? error.toJSON()
        : { code: "INTERNAL", message: error instanceof Error ? error.message : String(error) };
      if (options.json) process.stdout.write(`${JSON.stringify({ error: body })}\n`);
      process.stderr.write(`mnemo: ${body.code}: ${body.message}\n`);
    },
  };
}
