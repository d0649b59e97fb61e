import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import type { Command } from "commander";
import { MnemoError } from "../../core/errors.js";
import { formatEvaluationTable } from "../../core/evaluation/format-evaluation-table.js";
import {
  type DatasetFile,
  type LocomoSample,
  locomoSamplesFromDirectory,
  locomoSamplesFromFile,
} from "../../core/evaluation/locomo-samples.js";
import { runEvaluation } from "../../core/evaluation/run-evaluation.js";
import type { CliContext } from "./cli-context.js";

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new MnemoError({ code: "IMPORT_INVALID", message: `Cannot read ${path}: ${(error as Error).message}`, cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MnemoError({ code: "IMPORT_INVALID", message: `${path} is not valid JSON: ${(error as Error).message}`, cause: error });
  }
}

/**
 * Reads a LoCoMo-format dataset from disk: the `locomo10.json` list, one per-conversation file, or a
 * directory of per-conversation `*.json` files.
 *
 * @example
 * const samples = await readLocomoDataset("../shared/bench/data/locomo10.json");
 */
export async function readLocomoDataset(path: string): Promise<LocomoSample[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    throw new MnemoError({ code: "IMPORT_INVALID", message: `Cannot read ${path}: ${(error as Error).message}`, cause: error });
  }
  if (!isDirectory) return locomoSamplesFromFile({ json: await readJsonFile(path), fileName: basename(path) });
  const files: DatasetFile[] = [];
  for (const fileName of (await readdir(path)).filter((name) => name.endsWith(".json"))) {
    files.push({ fileName, json: await readJsonFile(join(path, fileName)) });
  }
  return locomoSamplesFromDirectory({ files });
}

function parsePositiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 200) {
    throw new MnemoError({ code: "INPUT_INVALID", message: `--top-k must be an integer from 1 to 200, not "${value}".` });
  }
  return parsed;
}

/**
 * Registers `mnemo eval --dataset <path> --out <results.jsonl> [--top-k 50]`: ingests every conversation of a
 * LoCoMo-format dataset into its own scope (a temporary database unless `--db` is given), asks every question,
 * writes one results line per question in the bench harness's JSONL format and prints recall, NDCG, the
 * answer-in-context proxy and latency per category (`--json`: the whole report).
 *
 * @example
 * registerEvalCommand(program, context);
 * // mnemo eval --dataset ../shared/bench/data/locomo10.json --out bench/out/locomo-results.jsonl
 */
export function registerEvalCommand(program: Command, context: CliContext): void {
  program
    .command("eval")
    .description("evaluate recall on a LoCoMo-format dataset: ingest each conversation, ask every question, score the results")
    .requiredOption("--dataset <path>", "locomo10.json, a per-conversation JSON file, or a directory of them")
    .requiredOption("--out <file>", "where to write the results JSONL (one line per question)")
    .option("-k, --top-k <n>", "memories retrieved per question (1–200)", parsePositiveInteger, 50)
    .action(async (flags: { dataset: string; out: string; topK: number }) => {
      const output = context.output();
      const { db, tenant } = context.globals();
      const samples = await readLocomoDataset(flags.dataset);
      if (samples.length === 0) throw new MnemoError({ code: "IMPORT_INVALID", message: `${flags.dataset} holds no conversation.` });
      const directory = db === undefined ? mkdtempSync(join(tmpdir(), "mnemo-eval-")) : undefined;
      const path = db ?? join(directory ?? ".", "eval.db");
      try {
        const memory = await context.openMemory({ path });
        let run: Awaited<ReturnType<typeof runEvaluation>>;
        try {
          run = await runEvaluation({
            memory,
            samples,
            topK: flags.topK,
            ...(tenant === undefined ? {} : { tenantId: tenant }),
            label: "mnemo",
            onProgress: (progress) => {
              const position = `[${progress.index + 1}/${progress.total}] ${progress.sampleId}`;
              output.message(
                progress.phase === "ingested"
                  ? `${position}: ingested ${progress.turns} turns in ${progress.seconds} s`
                  : `${position}: searched ${progress.questions} questions in ${progress.seconds} s`,
              );
            },
          });
        } finally {
          await memory.close();
        }
        await mkdir(dirname(flags.out), { recursive: true });
        await writeFile(flags.out, run.lines.map((line) => `${JSON.stringify(line)}\n`).join(""), "utf8");
        output.result(
          {
            dataset: flags.dataset,
            results: flags.out,
            database: db ?? null,
            ingest: run.ingest,
            search: run.search,
            report: run.report,
          },
          () => formatEvaluationTable({ run, dataset: flags.dataset, resultsFile: flags.out }),
        );
      } finally {
        if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
      }
    });
}
