// Formats rows as the printed results: one search table, then short
// sections for the build, the tokenizer, the pipeline, the targets and the
// notes. docs/benchmarks.md uses the same cells as Markdown tables.
import type { BenchRow } from "./bench-row";
import type { TargetResult } from "./targets";

/** A table as header and body cells, rendered as text or Markdown. */
export interface Table {
  readonly header: readonly string[];
  readonly body: readonly (readonly string[])[];
}

/** Builds the search table: one line per size, runtime, kernel and policy. */
export function searchTable(rows: readonly BenchRow[]): Table {
  const header = ["assets", "runtime", "kernel", "policy", "ms/query", "x brute", "recall@10", "open ms", "plan ms", "put 1k ms", "snapshot ms", "resident B/asset", "snapshot B/asset"];
  const body = rows.filter((row) => row.part === "search").map((row) => row.error !== undefined
    ? [String(row.assets), row.runtime, row.kernel ?? "-", row.policy ?? "-", `failed: ${row.error}`]
    : [
      String(row.assets), row.runtime, row.kernel ?? "-", `${row.policy}${row.isDefaultPolicy ? " (default)" : ""}`,
      fixed(row.msPerQuery, 2), row.speedupVsBruteForce === null ? "n/a" : `${row.speedupVsBruteForce.toFixed(1)}x`,
      fixed(row.recallAt10, 3), fixed(row.openMs, 1), fixed(row.planMs, 1), fixed(row.put1000Ms, 1), fixed(row.snapshotMs, 1),
      fixed(row.residentBytesPerAsset, 0), fixed(row.snapshotBytesPerAsset, 0),
    ]);
  return { header, body };
}

/** Builds the build-time table: one line per size and runtime that timed them. */
export function buildTable(rows: readonly BenchRow[]): Table {
  const timed = rows.filter((row) => row.part === "search" && row.firstSyncMs !== null && row.error === undefined);
  const seen = new Set<string>();
  const body: string[][] = [];
  for (const row of timed) {
    const key = `${row.assets} ${row.runtime}`;
    if (seen.has(key)) continue;
    seen.add(key);
    body.push([String(row.assets), row.runtime, fixed(row.firstSyncMs, 1), fixed(row.putAllMs, 1), fixed(row.putAllMs === null ? null : (row.putAllMs * 1000) / row.assets!, 1)]);
  }
  return { header: ["assets", "runtime", "first sync ms", "put all ms", "put µs/vector"], body };
}

/** Lists what each runtime's resident figure counts, one line per runtime. */
export function memoryMeasures(rows: readonly BenchRow[]): string[] {
  const byRuntime = new Map<string, string>();
  for (const row of rows) if (row.memoryMeasure) byRuntime.set(row.runtime, row.memoryMeasure);
  return [...byRuntime].map(([runtime, measure]) => `${runtime}: ${measure}`);
}

/** Builds the tokenizer table: median milliseconds per request. */
export function tokenizerTable(rows: readonly BenchRow[]): Table {
  const body = rows.filter((row) => row.part === "tokenizer").map((row) => row.error !== undefined
    ? [row.runtime, `failed: ${row.error}`]
    : [row.runtime, ...["loadBpeTxtMs", "loadBpeGzMs", "loadHuggingFacePairMs", "tokenizeColdMs", "tokenizeWarmMs"].map((key) => fixed(row.figures?.[key] ?? null, key.startsWith("tokenize") ? 3 : 1))]);
  return { header: ["runtime", "load bpe_txt ms", "load bpe_gz ms", "load HF pair ms", "tokenize cold ms", "tokenize warm ms"], body };
}

/** Builds the pipeline table: images per second. */
export function pipelineTable(rows: readonly BenchRow[]): Table {
  const body = rows.filter((row) => row.part === "pipeline").map((row) => row.error !== undefined
    ? [row.runtime, `failed: ${row.error}`]
    : [row.runtime, fixed(row.figures?.files ?? null, 0), fixed(row.figures?.imagesPerSecondWithoutEncoder ?? null, 2), fixed(row.figures?.imagesPerSecondWithEncoder ?? null, 2)]);
  return { header: ["runtime", "files", "images/s without encoder", "images/s with encoder"], body };
}

/** Builds the target table. */
export function targetTable(targets: readonly TargetResult[]): Table {
  const body = targets.map((target) => [target.target, verdict(target.met), target.measured, target.reason || "-"]);
  return { header: ["target", "result", "measured", "reason"], body };
}

function verdict(met: boolean | null): string {
  if (met === null) return "not measured";
  return met ? "met" : "not met";
}

/** Renders a table as aligned plain text; the first `leftColumns` columns align left. */
export function renderText(table: Table, leftColumns: number): string {
  const widths = table.header.map((cell, i) => Math.max(cell.length, ...table.body.filter((line) => line.length === table.header.length).map((line) => (line[i] ?? "").length)));
  const render = (cells: readonly string[]) =>
    cells.length < table.header.length
      ? cells.join("  ")
      : cells.map((cell, i) => (i < leftColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [render(table.header), ...table.body.map(render)].join("\n");
}

/** Renders a table as Markdown; a short line (a failure) spans the remaining cells. */
export function renderMarkdown(table: Table): string {
  const line = (cells: readonly string[]) => `| ${[...cells, ...Array(Math.max(0, table.header.length - cells.length)).fill("")].map((cell) => cell.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(table.header), line(table.header.map(() => "---")), ...table.body.map(line)].join("\n");
}

function fixed(value: number | null, digits: number): string {
  return value === null ? "n/a" : value.toFixed(digits);
}
