// The inputs the driver hands to the in-runtime search workload and the
// report the workload prints back. Shared by the Node driver and the script that runs
// inside each runtime.

/** File names inside a prepared workload directory. */
export const WORKLOAD_FILES = {
  /** Snapshot bytes of the whole index, taken through the bridge in Node. */
  snapshot: "snapshot.bin",
  /** Query vectors, float32 little-endian, back to back. */
  queries: "queries.f32",
  /** Frame file (tests/support/frame-file.ts format) with the sequences of STORE_SEQUENCES. */
  store: "store-frames.bin",
  /** Frame file with the sequences of BUILD_SEQUENCES; absent when the build is not timed at this size. */
  build: "build-frames.bin",
} as const;

/** Sequences of the store frame file, in order. */
export const STORE_SEQUENCES = ["plan", "put1000"] as const;

/** Sequences of the build frame file, in order: create an empty index, first sync, put every vector. */
export const BUILD_SEQUENCES = ["create", "firstSync", "putAll"] as const;

/** Settings of one run, passed to the workload as JSON. */
export interface WorkloadSettings {
  readonly modelId: string;
  readonly dimension: number;
  readonly assets: number;
  /** Searches timed per policy, except the exact policy. */
  readonly queries: number;
  /** Searches timed with the exact policy, fewer where it is slow. */
  readonly exactQueries: number;
}

/** Timed searches of one policy. */
export interface PolicyReport {
  policy: string;
  isDefault: boolean;
  /** Milliseconds of each Search request, in query order. */
  searchMs: number[];
  /** Hit ids of each search, best first. */
  hits: string[][];
}

/** The JSON line the workload prints. */
export interface WorkloadReport {
  /** Kernel core reported on OpenIndex. */
  kernel: string;
  /** Median of openRunsMs. */
  openMs: number | null;
  /** Milliseconds of each OpenIndex, each in a new core. */
  openRunsMs: number[];
  /** Median of planRunsMs. */
  planMs: number | null;
  /** Milliseconds of each full sync plan, one after another in the last opened core. */
  planRunsMs: number[];
  put1000Ms: number | null;
  snapshotMs: number | null;
  snapshotBytes: number | null;
  /** Growth of the memory measure over open and searches, in bytes. */
  residentBytes: number | null;
  memoryMeasure: string;
  policies: PolicyReport[];
  firstSyncMs: number | null;
  putAllMs: number | null;
  /** Set when a request failed: the step, error code and message. */
  error?: string;
}
