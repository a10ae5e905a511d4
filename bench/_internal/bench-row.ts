// One benchmark measurement, the unit of the printed table and of --json.

/** The runtime core ran in. "jsc-host" is a native host embedding JavaScriptCore, as the iPhone app does. */
export type RuntimeName = "jsc-nojit" | "jsc" | "node" | "jsc-host";

/**
 * One run of the workload: one runtime, kernel, policy and library size.
 * Times are wall-clock milliseconds measured inside the runtime with
 * preciseTime(). A field is null when the run failed before measuring it.
 */
export interface BenchRow {
  runtime: RuntimeName;
  /** Dot-product kernel core reported on open, e.g. "typescript". */
  kernel: string;
  /** Ranking policy core reported, e.g. "exact". */
  policy: string;
  /** Synthetic data set the vectors came from, e.g. "random". */
  dataset: string;
  assets: number;
  dimension: number;
  queries: number;
  /** Median time of one Search request. */
  msPerQuery: number | null;
  /** Share of the exact top 10 found in core's top 10, averaged over queries (0 to 1). */
  recallAt10: number | null;
  /** OpenIndex of a new core from a snapshot of the whole index. */
  openMs: number | null;
  /** First SyncManifest of the whole library, in chunks, into an empty index. */
  firstSyncMs: number | null;
  /** SyncManifest of the unchanged library after every vector is stored: the plan made at each app start. */
  planMs: number | null;
  /** PutEmbeddings of every vector, in batches. */
  putMs: number | null;
  /** TakeSnapshot of the whole index. */
  snapshotMs: number | null;
  snapshotBytes: number | null;
  /** The reason the run failed, absent for a complete run. */
  error?: string;
}
