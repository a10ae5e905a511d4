// The `npm run bench` driver: prepares each workload in Node, runs it in every
// runtime, computes recall against an exact search in Node, prints one table
// and optionally writes the rows as JSON.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { BenchRow } from "./bench-row";
import { exactTopK, recall } from "./exact-top-k";
import { benchAssetId, prepareWorkload } from "./prepare-workload";
import { formatResults } from "./results-table";
import { benchRuntimes, type BenchRuntime } from "./runtimes";
import { datasets } from "./synthetic-vectors";
import type { WorkloadReport, WorkloadSettings } from "./workload-protocol";

const usage = `usage: npm run bench -- [options]
  --sizes N,N        library sizes in assets (default 10000,100000)
  --queries N        searches per run (default 10)
  --runtimes A,B     runtimes to run: jsc-nojit, jsc, node (default all found)
  --policies A,B     ranking policies by name; "" is core's default (default "")
  --dataset NAME     vector data set: ${Object.keys(datasets).join(", ")} (default random)
  --seed N           seed of the vectors (default 1)
  --json FILE        also write every row as a JSON array to FILE
  --help             print this text`;

/** Paths the driver needs, resolved by bench/run.mjs. */
export interface DriverPaths {
  readonly repoRoot: string;
  readonly coreBundle: string;
  readonly workloadScript: string;
  readonly cacheDir: string;
}

interface Options {
  sizes: number[];
  queries: number;
  runtimes: BenchRuntime[];
  policies: string[];
  dataset: string;
  seed: number;
  json: string | undefined;
}

const DIMENSION = 512;
const MODEL_ID = "bench-random-512";
const TOP_K = 10;

/** Runs the benchmark with command-line `argv` and returns the process exit code. */
export function runBenchmark(argv: readonly string[], paths: DriverPaths): number {
  if (argv.includes("--help")) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }

  const parsed = parseOptions(argv, paths);
  if (typeof parsed === "string") {
    process.stderr.write(`${parsed}\n${usage}\n`);
    return 2;
  }

  const rows: BenchRow[] = [];
  for (const assets of parsed.sizes) rows.push(...runSize(assets, parsed, paths));

  process.stdout.write(`\n${formatResults(rows)}\n`);
  if (parsed.json !== undefined) {
    writeFileSync(parsed.json, `${JSON.stringify(rows, null, 2)}\n`);
    process.stdout.write(`wrote ${rows.length} rows to ${parsed.json}\n`);
  }
  return rows.some((row) => row.error !== undefined) ? 1 : 0;
}

function runSize(assets: number, options: Options, paths: DriverPaths): BenchRow[] {
  log(`${assets} assets: generating ${options.dataset} vectors and the exact top ${TOP_K}`);
  const vectors = datasets[options.dataset]!(assets, options.queries, DIMENSION, options.seed);
  const expected = exactTopK(vectors.library, vectors.queries, DIMENSION, TOP_K).map((indexes) => indexes.map(benchAssetId));

  const rows: BenchRow[] = [];
  for (const policy of options.policies) {
    const directory = prepareWorkload(
      { modelId: MODEL_ID, dimension: DIMENSION, library: vectors.library, queries: vectors.queries, topK: TOP_K, policy, params: {} },
      join(paths.cacheDir, `${options.dataset}-${assets}-${policy || "default"}`),
    );
    for (const runtime of options.runtimes) {
      log(`${assets} assets: running policy "${policy || "default"}" in ${runtime.name}`);
      const report = runWorkload(runtime, directory, paths);
      rows.push(toRow(runtime, report, { assets, queries: options.queries, dataset: options.dataset }, expected));
    }
  }
  return rows;
}

function runWorkload(runtime: BenchRuntime, directory: string, paths: DriverPaths): WorkloadReport | string {
  const settings: WorkloadSettings = { modelId: MODEL_ID, dimension: DIMENSION, topK: TOP_K };
  const run = spawnSync(
    runtime.command,
    [...runtime.options, paths.workloadScript, "--", paths.coreBundle, directory, JSON.stringify(settings)],
    { encoding: "utf8", maxBuffer: 1 << 28 },
  );
  if (run.error) return `could not start ${runtime.command}: ${run.error.message}`;
  if (run.status !== 0) return `exited with ${run.status ?? run.signal}: ${run.stderr.trim().slice(0, 500)}`;

  const line = run.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as WorkloadReport;
  } catch {
    return `printed no JSON report: ${line.slice(0, 200)}`;
  }
}

function toRow(
  runtime: BenchRuntime,
  report: WorkloadReport | string,
  run: { assets: number; queries: number; dataset: string },
  expected: string[][],
): BenchRow {
  const base = { runtime: runtime.name, dataset: run.dataset, assets: run.assets, dimension: DIMENSION, queries: run.queries };
  if (typeof report === "string") {
    return { ...base, kernel: "", policy: "", msPerQuery: null, recallAt10: null, openMs: null, firstSyncMs: null, planMs: null, putMs: null, snapshotMs: null, snapshotBytes: null, error: report };
  }

  const complete = report.error === undefined;
  const row: BenchRow = {
    ...base,
    kernel: report.kernel,
    policy: report.policy,
    msPerQuery: report.searchMs.length > 0 ? median(report.searchMs) : null,
    recallAt10: complete && report.hits.length === expected.length ? recall(expected, report.hits.map((ids) => ids.slice(0, TOP_K))) : null,
    openMs: report.phaseMs.open ?? null,
    firstSyncMs: report.phaseMs.firstSync ?? null,
    planMs: report.phaseMs.plan ?? null,
    putMs: report.phaseMs.put ?? null,
    snapshotMs: report.phaseMs.snapshot ?? null,
    snapshotBytes: complete ? report.snapshotBytes : null,
  };
  return report.error === undefined ? row : { ...row, error: report.error };
}

function parseOptions(argv: readonly string[], paths: DriverPaths): Options | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        sizes: { type: "string", default: "10000,100000" },
        queries: { type: "string", default: "10" },
        runtimes: { type: "string" },
        policies: { type: "string", default: "" },
        dataset: { type: "string", default: "random" },
        seed: { type: "string", default: "1" },
        json: { type: "string" },
      },
    }));
  } catch (thrown) {
    return thrown instanceof Error ? thrown.message : String(thrown);
  }

  const sizes = values.sizes.split(",").map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < TOP_K)) return `invalid --sizes "${values.sizes}": expected integers of at least ${TOP_K}, e.g. 10000,100000`;
  const queries = Number(values.queries);
  if (!Number.isInteger(queries) || queries < 1) return `invalid --queries "${values.queries}": expected an integer of at least 1`;
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) return `invalid --seed "${values.seed}": expected an integer`;
  if (datasets[values.dataset] === undefined) return `unknown --dataset "${values.dataset}": expected one of ${Object.keys(datasets).join(", ")}`;

  const runtimes = selectRuntimes(values.runtimes, paths);
  if (typeof runtimes === "string") return runtimes;
  return { sizes, queries, runtimes, policies: values.policies.split(","), dataset: values.dataset, seed, json: values.json };
}

function selectRuntimes(requested: string | undefined, paths: DriverPaths): BenchRuntime[] | string {
  const known = benchRuntimes(paths.repoRoot);
  if (requested === undefined) {
    const found = known.filter((runtime) => {
      const missing = runtime.missing();
      if (missing !== undefined) log(`skipping runtime ${runtime.name}: ${missing}`);
      return missing === undefined;
    });
    return found.length > 0 ? found : "no runtime can run here";
  }

  const selected: BenchRuntime[] = [];
  for (const name of requested.split(",")) {
    const runtime = known.find((candidate) => candidate.name === name);
    if (runtime === undefined) return `unknown runtime "${name}" in --runtimes: expected ${known.map((r) => r.name).join(", ")}`;
    const missing = runtime.missing();
    if (missing !== undefined) return `runtime ${name} cannot run: ${missing}`;
    selected.push(runtime);
  }
  return selected;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
