import type { Memory } from "../../core/engine/create-memory-engine.js";
import type { CliOutput } from "./output.js";

/** Options every command accepts. */
export interface GlobalOptions {
  db?: string;
  json?: boolean;
  tenant?: string;
}

/**
 * What a command module gets from the program: the global options, the output writer and a way to open
 * the configured memory. Commands in other files register themselves with `register…Command(program, context)`.
 *
 * @example
 * export function registerEvalCommand(program: Command, context: CliContext) {
 *   program.command("eval").action(async () => { const memory = await context.openMemory({ path: ":memory:" }); … });
 * }
 */
export interface CliContext {
  globals(): GlobalOptions;
  output(): CliOutput;
  /** Opens the memory on `--db` (or the given path). The caller closes it. */
  openMemory(options?: { path?: string }): Promise<Memory>;
}
