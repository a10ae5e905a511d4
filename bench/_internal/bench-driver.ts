// The `npm run bench` driver: runs the search, tokenizer and pipeline parts,
// prints one table with short sections, and writes the rows as JSON and as
// docs/benchmarks.md.
import { writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseBenchOptions, USAGE, type BenchOptions } from "./bench-options";
import type { BenchRow } from "./bench-row";
import { writeMarkdownReport } from "./markdown-report";
import { runPipelinePart, runTokenizerPart } from "./other-parts";
import { buildTable, memoryMeasures, pipelineTable, renderText, searchTable, targetTable, tokenizerTable } from "./results-table";
import { benchRuntimes, type BenchRuntime } from "./runtimes";
import { runSearchPart, type SearchPaths } from "./search-part";
import { checkTargets } from "./targets";
import { makeDirectories } from "../../cli/files/make-directories";

/** Paths the driver needs, resolved by bench/run.mjs. */
export interface DriverPaths extends SearchPaths {
  readonly repoRoot: string;
}

/** Runs the benchmark with command-line `argv` and returns the process exit code. */
export async function runBenchmark(argv: readonly string[], paths: DriverPaths): Promise<number> {
  if (argv.includes("--help")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const options = parseBenchOptions(argv, paths.repoRoot);
  if (typeof options === "string") {
    process.stderr.write(`bench: ${options}\n${USAGE}\n`);
    return 2;
  }

  const notes: string[] = [];
  const note = (message: string) => {
    notes.push(message);
    process.stderr.write(`bench: ${message}\n`);
  };

  const rows: BenchRow[] = [];
  if (options.parts.includes("search")) {
    const runtimes = selectRuntimes(options, paths.repoRoot, note);
    if (typeof runtimes === "string") {
      process.stderr.write(`bench: ${runtimes}\n`);
      return 2;
    }
    rows.push(...runSearchPart(options, runtimes, paths, note));
  }
  if (options.parts.includes("tokenizer")) rows.push(...(await runTokenizerPart(paths.repoRoot, note)));
  if (options.parts.includes("pipeline")) rows.push(...(await runPipelinePart(paths.repoRoot, note)));

  const targets = checkTargets(rows);
  process.stdout.write(`\n${formatReport(rows, notes, targets)}\n`);
  makeDirectories(dirname(options.json));
  writeFileSync(options.json, `${JSON.stringify(rows, null, 2)}\n`);
  process.stdout.write(`wrote ${rows.length} rows to ${options.json}\n`);
  if (options.markdown !== null) {
    writeMarkdownReport(options.markdown, rows, targets, notes, `npm run bench -- ${argv.join(" ")}`.trim().replace(/ --$/, ""));
    process.stdout.write(`wrote ${options.markdown}\n`);
  }
  return rows.some((row) => row.error !== undefined) ? 1 : 0;
}

function formatReport(rows: readonly BenchRow[], notes: readonly string[], targets: ReturnType<typeof checkTargets>): string {
  const sections = [`Search (ms per query, top 10)\n${renderText(searchTable(rows), 4)}`];
  const measures = memoryMeasures(rows);
  if (measures.length > 0) sections.push(`Resident memory counts\n${measures.map((line) => `  ${line}`).join("\n")}`);
  if (buildTable(rows).body.length > 0) sections.push(`Build from empty\n${renderText(buildTable(rows), 2)}`);
  if (rows.some((row) => row.part === "tokenizer")) sections.push(`Tokenizer (median ms per request)\n${renderText(tokenizerTable(rows), 1)}`);
  if (rows.some((row) => row.part === "pipeline")) sections.push(`Pipeline\n${renderText(pipelineTable(rows), 1)}`);
  if (targets.some((target) => target.met !== null)) sections.push(`Targets at 100k, 512-d\n${renderText(targetTable(targets), 1)}`);
  if (notes.length > 0) sections.push(`Notes\n${notes.map((line) => `  ${line}`).join("\n")}`);
  return sections.join("\n\n");
}

function selectRuntimes(options: BenchOptions, repoRoot: string, note: (message: string) => void): BenchRuntime[] | string {
  const known = benchRuntimes(repoRoot);
  if (options.runtimes === null) {
    const found = known.filter((runtime) => {
      const missing = runtime.missing();
      if (missing !== undefined) note(`runtime ${runtime.name} skipped: ${missing}`);
      return missing === undefined;
    });
    return found.length > 0 ? found : "no runtime can run here";
  }

  const selected: BenchRuntime[] = [];
  for (const name of options.runtimes) {
    const runtime = known.find((candidate) => candidate.name === name)!;
    const missing = runtime.missing();
    if (missing !== undefined) return `runtime ${name} cannot run: ${missing}`;
    selected.push(runtime);
  }
  return selected;
}
