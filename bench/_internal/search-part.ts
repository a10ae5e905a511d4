// The search part: for each size, prepares one workload in Node and runs it
// in every runtime with every kernel, then turns the reports into rows with
// recall against exact float32 truth.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { emptyRow, type BenchRow } from "./bench-row";
import type { BenchOptions } from "./bench-options";
import { exactScore, kthBestScores, recallByScore } from "./exact-truth";
import { memoryShortfall } from "./memory-check";
import { benchAssetRow, prepareWorkload, type PreparedWorkload } from "./prepare-workload";
import type { BenchRuntime } from "./runtimes";
import { clipLikeVectors, fileVectors, type VectorSet } from "./vector-source";
import type { WorkloadReport, WorkloadSettings } from "./workload-protocol";

const MODEL_ID = "bench-clip-like";
const TOP_K = 10;
/** Vectors the exact policy may score per size in a runtime without a JIT, about 15 s of jsc --useJIT=false. */
const INTERPRETED_EXACT_BUDGET = 300_000;

/** Scripts and folders the search part needs, resolved by bench/run.mjs. */
export interface SearchPaths {
  readonly coreBundle: string;
  readonly preludeScript: string;
  readonly workloadScript: string;
  readonly cacheDir: string;
}

/** Runs every size and returns its rows; `note` receives skip messages for the output. */
export function runSearchPart(options: BenchOptions, runtimes: readonly BenchRuntime[], paths: SearchPaths, note: (message: string) => void): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const assets of options.sizes) {
    const shortfall = memoryShortfall(assets, options.dimension);
    if (shortfall !== undefined) {
      note(`size ${assets} skipped: it ${shortfall}`);
      continue;
    }
    rows.push(...runSize(assets, options, runtimes, paths, note));
  }
  return withSpeedups(rows);
}

function runSize(assets: number, options: BenchOptions, runtimes: readonly BenchRuntime[], paths: SearchPaths, note: (message: string) => void): BenchRow[] {
  log(`${assets} assets: preparing vectors, exact top ${TOP_K} and the snapshot`);
  const vectors = options.vectors === null
    ? clipLikeVectors(assets, options.queries, options.dimension)
    : fileVectors(options.vectors, assets, options.queries, options.dimension);
  const kth = kthBestScores(vectors.library, vectors.queries, vectors.dimension, TOP_K);
  const build = assets <= options.buildMax;
  if (!build) note(`size ${assets}: first sync and put of every vector not timed (above --build-max ${options.buildMax})`);
  const workload = prepareWorkload(vectors, MODEL_ID, paths.coreBundle, join(paths.cacheDir, `${vectors.dataset}-${assets}`), build);

  const rows: BenchRow[] = [];
  for (const runtime of runtimes) {
    const exactQueries = runtime.interpreted ? Math.max(1, Math.min(options.queries, Math.floor(INTERPRETED_EXACT_BUDGET / assets))) : options.queries;
    const settings: WorkloadSettings = { modelId: MODEL_ID, dimension: vectors.dimension, assets, queries: options.queries, exactQueries };
    runtime.kernels.forEach((kernel, index) => {
      log(`${assets} assets: ${runtime.name} with the ${kernel} kernel`);
      // The build does not depend on the kernel, so only the runtime's default kernel times it.
      const report = runWorkload(runtime, kernel, workload, settings, paths, index === 0);
      rows.push(...toRows(runtime, kernel, report, vectors, kth, workload));
    });
  }
  return rows;
}

function runWorkload(runtime: BenchRuntime, kernel: string, workload: PreparedWorkload, settings: WorkloadSettings, paths: SearchPaths, build: boolean): WorkloadReport | string {
  const directory = workload.directory;
  const args = [...runtime.options, paths.preludeScript, paths.coreBundle, paths.workloadScript, "--", kernel, directory, JSON.stringify(settings), build ? "build" : "no-build"];
  const run = spawnSync(runtime.command, args, { encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, ...runtime.env } });
  if (run.error) return `could not start ${runtime.command}: ${run.error.message}`;
  if (run.status !== 0) return `exited with ${run.status ?? run.signal}: ${run.stderr.trim().slice(0, 500)}`;

  const line = run.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as WorkloadReport;
  } catch {
    return `printed no JSON report: ${line.slice(0, 200)}`;
  }
}

function toRows(runtime: BenchRuntime, kernel: string, report: WorkloadReport | string, vectors: VectorSet, kth: Float64Array, workload: PreparedWorkload): BenchRow[] {
  const assets = vectors.library.length / vectors.dimension;
  const base: BenchRow = { ...emptyRow("search", runtime.name), kernel, dataset: vectors.dataset, assets, dimension: vectors.dimension };
  if (typeof report === "string") return [{ ...base, error: report }];

  const store: BenchRow = {
    ...base,
    openMs: report.openMs,
    openRunsMs: report.openRunsMs,
    planMs: report.planMs,
    planRunsMs: report.planRunsMs,
    put1000Ms: report.put1000Ms,
    snapshotMs: report.snapshotMs,
    snapshotBytesPerAsset: (report.snapshotBytes ?? workload.snapshotBytes) / assets,
    residentBytesPerAsset: report.residentBytes === null ? null : report.residentBytes / assets,
    memoryMeasure: report.memoryMeasure,
    firstSyncMs: report.firstSyncMs,
    putAllMs: report.putAllMs,
  };
  const score = (row: number, q: number) => exactScore(vectors.library, vectors.queries, vectors.dimension, row, q);
  const rows = report.policies.map((policy): BenchRow => ({
    ...store,
    policy: policy.policy,
    isDefaultPolicy: policy.isDefault,
    queries: policy.searchMs.length,
    msPerQuery: policy.searchMs.length > 0 ? median(policy.searchMs) : null,
    recallAt10: recallByScore(policy.hits, kth, score, (id) => (benchAssetRow(id) < assets ? benchAssetRow(id) : -1), TOP_K),
  }));
  if (report.error !== undefined) rows.push({ ...store, error: report.error });
  return rows;
}

/** Sets speedupVsBruteForce of each row against the exact + typescript row of its runtime and size. */
function withSpeedups(rows: readonly BenchRow[]): BenchRow[] {
  return rows.map((row) => {
    const brute = rows.find((other) => other.runtime === row.runtime && other.assets === row.assets && other.policy === "exact" && other.kernel === "typescript");
    const speedup = brute?.msPerQuery != null && row.msPerQuery != null && row.msPerQuery > 0 ? brute.msPerQuery / row.msPerQuery : null;
    return { ...row, speedupVsBruteForce: speedup };
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
