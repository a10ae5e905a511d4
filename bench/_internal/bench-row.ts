// The one row format of `npm run bench`: the unit of the printed table, of
// --json and of docs/benchmarks.md.

/** The runtime core ran in. "jsc-host" is tests/jsc-host, a native host embedding JavaScriptCore without JIT, as the iPhone app does. */
export type RuntimeName = "jsc-nojit" | "jsc" | "node" | "jsc-host";

/** The benchmark part a row comes from. */
export type BenchPart = "search" | "tokenizer" | "pipeline";

/**
 * One measurement. Every row has every key of this interface. A key that does
 * not apply to the row's part, or that a failed run did not reach, is null.
 * Times are wall-clock milliseconds from preciseTime() inside the runtime,
 * except pipeline times, which Node measures.
 */
export interface BenchRow {
  part: BenchPart;
  runtime: RuntimeName;
  /** Dot-product kernel core reported on OpenIndex: "typescript", "wasm" or "host". */
  kernel: string | null;
  /** Ranking policy core reported in SearchResult.policy. */
  policy: string | null;
  /** True for core's default policy (ListPolicies is_default). */
  isDefaultPolicy: boolean | null;
  /** Vector source: "clip-like" (bench/clip-like-data.ts) or the --vectors file name. */
  dataset: string | null;
  assets: number | null;
  dimension: number | null;
  /** Searches timed for this row. */
  queries: number | null;
  /** Median time of one Search request of top 10. */
  msPerQuery: number | null;
  /** Share of returned hits whose exact float32 score reaches the exact 10th-best score, averaged over queries (0 to 1). */
  recallAt10: number | null;
  /** Brute-force msPerQuery (exact policy, typescript kernel, same runtime and size) divided by this row's. */
  speedupVsBruteForce: number | null;
  /** OpenIndex of a new core from a snapshot of the whole index, median of openRunsMs. */
  openMs: number | null;
  /** Each timed OpenIndex, in run order. */
  openRunsMs: number[] | null;
  /** SyncManifest of the whole unchanged library after open, in chunks of 1,000 (the plan made at each app start), median of planRunsMs. */
  planMs: number | null;
  /** Each timed full sync plan, in run order. */
  planRunsMs: number[] | null;
  /** One PutEmbeddings request of 1,000 float32 vectors into the opened index: the bridge cost of one encoder batch. */
  put1000Ms: number | null;
  /** TakeSnapshot of the whole index. */
  snapshotMs: number | null;
  /** Snapshot size divided by the asset count. */
  snapshotBytesPerAsset: number | null;
  /** Growth of the runtime's memory measure from before the snapshot was read to after open and searches, divided by the asset count. */
  residentBytesPerAsset: number | null;
  /** Description of what residentBytesPerAsset counts in this runtime. */
  memoryMeasure: string | null;
  /** First SyncManifest of the whole library into an empty index. Measured once per runtime and size. */
  firstSyncMs: number | null;
  /** PutEmbeddings of every vector in batches of 256. Measured once per runtime and size. */
  putAllMs: number | null;
  /** Extra figures of the tokenizer and pipeline parts, in milliseconds or images per second as named. */
  figures: Record<string, number> | null;
  /** The reason the run failed, absent for a complete run. */
  error?: string;
}

/** Returns a row of `part` and `runtime` with every measurement null. */
export function emptyRow(part: BenchPart, runtime: RuntimeName): BenchRow {
  return {
    part, runtime, kernel: null, policy: null, isDefaultPolicy: null, dataset: null, assets: null, dimension: null,
    queries: null, msPerQuery: null, recallAt10: null, speedupVsBruteForce: null, openMs: null, openRunsMs: null, planMs: null, planRunsMs: null,
    put1000Ms: null, snapshotMs: null, snapshotBytesPerAsset: null, residentBytesPerAsset: null, memoryMeasure: null,
    firstSyncMs: null, putAllMs: null, figures: null,
  };
}
