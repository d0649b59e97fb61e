import { mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SingleBar } from "cli-progress";
import { Command, CommanderError, Option } from "commander";
import type { Memory } from "../../core/engine/create-memory-engine.js";
import { MnemoError } from "../../core/errors.js";
import { createMemory } from "../../create-memory.js";
import { registerBackupCommand } from "./backup-command.js";
import type { CliContext, GlobalOptions } from "./cli-context.js";
import { demoQuestions, demoSessions } from "./demo-conversation.js";
import { registerEvalCommand } from "./eval-command.js";
import { exitCodeFor, exitCodes } from "./exit-codes.js";
import { type ImportFormat, importFile } from "./import-file.js";
import { registerKeysCommand } from "./keys-command.js";
import { registerMcpCommand } from "./mcp-command.js";
import { createCliOutput } from "./output.js";
import { registerServeCommand } from "./serve-command.js";

interface ScopeFlags {
  user?: string;
  agent?: string;
  session?: string;
}

function scopeOptions(flags: ScopeFlags, global: GlobalOptions) {
  return {
    ...(global.tenant === undefined ? {} : { tenantId: global.tenant }),
    ...(flags.user === undefined ? {} : { userId: flags.user }),
    ...(flags.agent === undefined ? {} : { agentId: flags.agent }),
    ...(flags.session === undefined ? {} : { sessionId: flags.session }),
  };
}

function parseJsonFlag(value: string, name: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new MnemoError({ code: "INPUT_INVALID", message: `--${name} must be JSON.` });
  }
}

function parseInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new MnemoError({ code: "INPUT_INVALID", message: `"${value}" is not an integer.` });
  return parsed;
}

function withScope(command: Command): Command {
  return command.option("-u, --user <id>", "user id").option("-a, --agent <id>", "agent id").option("-s, --session <id>", "session id");
}

function formatDate(value: string | undefined): string {
  return value === undefined ? "" : value.slice(0, 10);
}

/** Commands defined in their own files (eval, serve, mcp, keys …), registered in this order. */
const commandModules: Array<(program: Command, context: CliContext) => void> = [
  registerServeCommand,
  registerMcpCommand,
  registerEvalCommand,
  registerKeysCommand,
  registerBackupCommand,
];

/**
 * Builds the `mnemo` command line. `run` parses argv, executes one command and returns its exit code.
 *
 * @example
 * const code = await runCli(["node", "mnemo", "search", "Lisbon", "--user", "u1", "--json"]);
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  let exitCode: number = exitCodes.success;
  const program = new Command("mnemo")
    .description("Mnemo: a memory engine for AI agents (embedded, offline, English and Chinese).")
    .option("--db <path>", "SQLite database file (default: $MNEMO_DB or ./mnemo.db)")
    .option("--json", "machine-readable output on stdout")
    .option("--tenant <id>", "tenant id (default: default)")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  const globals = () => program.opts<GlobalOptions>();
  const output = () => createCliOutput({ json: globals().json === true });
  const open = async (options: { path?: string } = {}): Promise<Memory> => {
    const path = options.path ?? globals().db;
    return createMemory(path === undefined ? {} : { path });
  };
  const context: CliContext = { globals, output, openMemory: open };
  const action =
    <A extends unknown[]>(work: (memory: Memory, ...args: A) => Promise<void>) =>
    async (...args: A) => {
      const memory = await open();
      try {
        await work(memory, ...args);
      } finally {
        await memory.close();
      }
    };

  withScope(program.command("add").description("remember a text or messages").argument("[text...]", "text to remember"))
    .option("--messages <json>", "a JSON array of messages {role, content, name?, id?, timestamp?}")
    .option("--role <role>", "role of the text", "user")
    .option("--speaker <name>", "speaker of the text")
    .option("--timestamp <iso>", "when it was said (ISO 8601)")
    .option("--metadata <json>", "JSON metadata")
    .option("--no-infer", "store verbatim, no filtering or merging")
    .action(
      action(async (memory, words: string[], flags: ScopeFlags & Record<string, unknown>) => {
        const text = words.join(" ").trim();
        const input =
          flags.messages !== undefined
            ? parseJsonFlag(String(flags.messages), "messages")
            : flags.speaker !== undefined || flags.role !== "user"
              ? [{ role: flags.role, content: text, ...(flags.speaker === undefined ? {} : { name: flags.speaker }) }]
              : text;
        const result = await memory.add(input as never, {
          ...scopeOptions(flags, globals()),
          ...(flags.timestamp === undefined ? {} : { timestamp: String(flags.timestamp) }),
          ...(flags.metadata === undefined ? {} : { metadata: parseJsonFlag(String(flags.metadata), "metadata") as Record<string, never> }),
          infer: flags.infer !== false,
        });
        output().result(result, () =>
          result.results.length === 0
            ? `stored ${result.episodes.length} episode(s); nothing memorable`
            : result.results.map((item) => `${item.event.padEnd(6)} ${item.id}  ${item.memory}`).join("\n"),
        );
      }),
    );

  withScope(program.command("search").description("recall memories").argument("<query...>", "what to recall"))
    .option("-k, --top-k <n>", "number of results", parseInteger)
    .option("--token-budget <n>", "cut results to this many tokens", parseInteger)
    .option("--as-of <iso>", "what was true at that time")
    .option("--kind <kinds>", "comma-separated kinds")
    .action(
      action(async (memory, words: string[], flags: ScopeFlags & { topK?: number; tokenBudget?: number; asOf?: string; kind?: string }) => {
        const response = await memory.search(words.join(" "), {
          ...scopeOptions(flags, globals()),
          ...(flags.topK === undefined ? {} : { topK: flags.topK }),
          ...(flags.tokenBudget === undefined ? {} : { tokenBudget: flags.tokenBudget }),
          ...(flags.asOf === undefined ? {} : { asOf: flags.asOf }),
          ...(flags.kind === undefined ? {} : { filters: { kinds: flags.kind.split(",") as never } }),
        });
        output().result(response, () =>
          response.results.length === 0
            ? "no memories found"
            : response.results
                .map(
                  (result, index) =>
                    `${index + 1}. ${result.memory}\n   ${result.kind} · score ${result.score.toFixed(4)} · ${formatDate(result.validFrom)}${
                      result.sources.length > 0 ? ` · sources ${result.sources.join(", ")}` : ""
                    } · via ${result.why.map((reason) => `${reason.channel}#${reason.rank}`).join(" ")}\n   id ${result.id}`,
                )
                .join("\n"),
        );
      }),
    );

  withScope(program.command("list").description("list memories (newest first)"))
    .option("--limit <n>", "page size", parseInteger)
    .option("--offset <n>", "page start", parseInteger)
    .option("--kind <kinds>", "comma-separated kinds")
    .option("--status <statuses>", "comma-separated statuses (active, superseded, dormant)")
    .action(
      action(async (memory, flags: ScopeFlags & { limit?: number; offset?: number; kind?: string; status?: string }) => {
        const page = await memory.getAll({
          ...scopeOptions(flags, globals()),
          ...(flags.limit === undefined ? {} : { limit: flags.limit }),
          ...(flags.offset === undefined ? {} : { offset: flags.offset }),
          filters: {
            ...(flags.kind === undefined ? {} : { kinds: flags.kind.split(",") as never }),
            ...(flags.status === undefined ? {} : { statuses: flags.status.split(",") as never }),
          },
        });
        output().result(page, () =>
          [
            ...page.results.map((item) => `${item.id}  ${item.kind.padEnd(10)} ${item.status.padEnd(10)} ${item.memory}`),
            `(${page.results.length} of ${page.total})`,
          ].join("\n"),
        );
      }),
    );

  program
    .command("get")
    .description("show one memory")
    .argument("<id>")
    .action(
      action(async (memory, id: string) => {
        const item = await memory.get(id, scopeOptions({}, globals()));
        output().result(item, () => JSON.stringify(item, null, 2));
      }),
    );

  program
    .command("update")
    .description("change a memory's text or metadata")
    .argument("<id>")
    .option("--text <text>", "new text")
    .option("--metadata <json>", "new metadata (JSON)")
    .option("--version <n>", "expected current version", parseInteger)
    .action(
      action(async (memory, id: string, flags: { text?: string; metadata?: string; version?: number }) => {
        const item = await memory.update(
          id,
          {
            ...(flags.text === undefined ? {} : { text: flags.text }),
            ...(flags.metadata === undefined ? {} : { metadata: parseJsonFlag(flags.metadata, "metadata") as Record<string, never> }),
            ...(flags.version === undefined ? {} : { version: flags.version }),
          },
          scopeOptions({}, globals()),
        );
        output().result(item, () => `updated ${item.id} (version ${item.version}): ${item.memory}`);
      }),
    );

  withScope(program.command("delete").description("delete one memory, or --all in a scope").argument("[id]"))
    .option("--all", "delete every memory and episode in the given scope")
    .action(
      action(async (memory, id: string | undefined, flags: ScopeFlags & { all?: boolean }) => {
        if (flags.all === true) {
          const result = await memory.deleteAll(scopeOptions(flags, globals()));
          output().result(result, () => `deleted ${result.deletedMemories} memories and ${result.deletedEpisodes} episodes`);
          return;
        }
        if (id === undefined) throw new MnemoError({ code: "INPUT_INVALID", message: "Give a memory id, or --all with a scope." });
        const result = await memory.delete(id, scopeOptions({}, globals()));
        output().result(result, () => `deleted ${result.id}`);
      }),
    );

  program
    .command("history")
    .description("every change to a memory")
    .argument("<id>")
    .action(
      action(async (memory, id: string) => {
        const entries = await memory.history(id, scopeOptions({}, globals()));
        output().result(entries, () =>
          entries
            .map(
              (entry) =>
                `${entry.createdAt}  ${entry.event.padEnd(9)} ${entry.actor.padEnd(10)} ${entry.beforeText ?? ""}${entry.afterText !== undefined && entry.afterText !== entry.beforeText ? ` → ${entry.afterText}` : ""}${entry.reason === undefined ? "" : ` (${entry.reason})`}`,
            )
            .join("\n"),
        );
      }),
    );

  program
    .command("import")
    .description("import a JSONL file or a LoCoMo-format conversation file")
    .argument("<file>")
    .addOption(new Option("--format <format>", "file format").choices(["auto", "jsonl", "locomo"]).default("auto"))
    .option("--skip-invalid", "import the valid records and report the invalid ones")
    .option("--no-optimize", "leave the search indexes as the writes left them (see `mnemo optimize`)")
    .action(
      action(async (memory, file: string, flags: { format: ImportFormat; skipInvalid?: boolean; optimize: boolean }) => {
        const out = output();
        const showBar = process.stderr.isTTY === true && !out.json;
        const bar = showBar
          ? new SingleBar({ format: "importing [{bar}] {value}/{total} records · {eta_formatted} left", stream: process.stderr })
          : undefined;
        let started = false;
        const summary = await importFile({
          memory,
          path: file,
          format: flags.format,
          skipInvalid: flags.skipInvalid === true,
          ...(globals().tenant === undefined ? {} : { tenantId: globals().tenant as string }),
          onProgress: (done, total) => {
            if (bar === undefined) return;
            if (!started) {
              bar.start(total, 0);
              started = true;
            }
            bar.update(done);
          },
        });
        bar?.stop();
        if (summary.problems.length > 0) {
          for (const problem of summary.problems) out.message(`skipped ${problem.label}: ${problem.message}`);
        }
        // A bulk write leaves each full-text index in many segments, and every search reads them all: merge
        // them once now rather than leave it to the first searches (timed apart from the import itself).
        const optimized = flags.optimize && summary.messages > 0 ? await memory.optimize() : undefined;
        out.result(
          { ...summary, ...(optimized === undefined ? {} : { optimizeSeconds: optimized.seconds }) },
          () =>
            `imported ${summary.records} records (${summary.messages} messages) from ${summary.file} in ${summary.seconds} s — ${summary.messagesPerSecond} messages/s; ${summary.memoriesAdded} memories added, ${summary.memoriesMerged} merged${summary.problems.length > 0 ? `; ${summary.problems.length} invalid skipped` : ""}${optimized === undefined ? "" : `; search indexes optimized in ${optimized.seconds} s`}`,
        );
      }),
    );

  withScope(program.command("export").description("export memories as JSONL"))
    .option("--out <file>", "write to a file instead of stdout")
    .action(
      action(async (memory, flags: ScopeFlags & { out?: string }) => {
        const lines: string[] = [];
        for (let offset = 0; ; offset += 1000) {
          const page = await memory.getAll({ ...scopeOptions(flags, globals()), limit: 1000, offset });
          for (const item of page.results) lines.push(JSON.stringify(item));
          if (page.results.length < 1000) break;
        }
        const body = lines.length === 0 ? "" : `${lines.join("\n")}\n`;
        if (flags.out === undefined) {
          process.stdout.write(body);
          return;
        }
        await writeFile(flags.out, body, "utf8");
        output().result({ file: flags.out, memories: lines.length }, () => `exported ${lines.length} memories to ${flags.out}`);
      }),
    );

  program
    .command("stats")
    .description("counts and configuration")
    .action(
      action(async (memory) => {
        const stats = await memory.stats(scopeOptions({}, globals()));
        output().result(stats, () =>
          Object.entries(stats)
            .map(([key, value]) => `${key.padEnd(20)} ${typeof value === "object" ? JSON.stringify(value) : String(value)}`)
            .join("\n"),
        );
      }),
    );

  program
    .command("optimize")
    .description("reorganise the search indexes for reads (after a bulk import; no memory changes)")
    .action(
      action(async (memory) => {
        const { seconds } = await memory.optimize();
        output().result({ optimized: true, seconds }, () => `optimized the search indexes in ${seconds} s`);
      }),
    );

  program
    .command("demo")
    .description("ingest a short English + Chinese conversation and show what Mnemo recalls")
    .action(async () => {
      const out = output();
      const directory = globals().db === undefined ? mkdtempSync(join(tmpdir(), "mnemo-demo-")) : undefined;
      const path = globals().db ?? join(directory ?? ".", "demo.db");
      const memory = await createMemory({ path });
      try {
        const report: Array<{ question: string; results: unknown[] }> = [];
        for (const session of demoSessions) {
          await memory.add(session.messages, { userId: "lena", sessionId: session.sessionId, timestamp: session.timestamp });
        }
        const stats = await memory.stats();
        if (!out.json) {
          out.result(null, () => `Mnemo demo — stored ${stats.episodes} episodes as ${stats.activeMemories} memories in ${path}\n`);
        }
        for (const question of demoQuestions) {
          const { results } = await memory.search(question, { userId: "lena", topK: 3 });
          report.push({ question, results });
          if (!out.json) {
            out.result(null, () =>
              [
                `? ${question}`,
                ...results.map(
                  (result) =>
                    `  → ${result.memory}   [sources ${result.sources.join(", ")} · ${formatDate(result.validFrom)}${result.eventStart === undefined ? "" : ` · about ${formatDate(result.eventStart)}`} · via ${result.why.map((reason) => reason.channel).join("+")}]`,
                ),
              ].join("\n"),
            );
          }
        }
        if (out.json) out.result({ database: path, stats, questions: report }, () => "");
      } finally {
        await memory.close();
        if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
      }
    });

  for (const register of commandModules) register(program, context);

  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      exitCode = error.exitCode === 0 ? exitCodes.success : exitCodes.badInput;
    } else {
      createCliOutput({ json: program.opts<GlobalOptions>().json === true }).failure(error);
      exitCode = exitCodeFor(error);
    }
  }
  return exitCode;
}
