// What bench/run.mjs hands to the in-runtime workload and what the workload
// prints back. Shared by the Node driver and the script that runs in jsc.

/** File names inside a prepared workload directory. */
export const WORKLOAD_FILES = {
  /** Frame file (tests/support/frame-file.ts format) with one sequence per phase of WORKLOAD_PHASES. */
  frames: "frames.bin",
} as const;

/**
 * Phases of one workload run, in the order their sequences appear in
 * frames.bin. Each phase is timed as a whole, in the same core instance.
 */
export const WORKLOAD_PHASES = ["create", "firstSync", "put", "plan", "search", "snapshot"] as const;

export type WorkloadPhase = (typeof WORKLOAD_PHASES)[number];

/** Settings of one run, passed to the workload as JSON in its third argument. */
export interface WorkloadSettings {
  readonly modelId: string;
  readonly dimension: number;
  /** Hits per query requested from core. */
  readonly topK: number;
}

/** The JSON line the workload prints: phase times, search results and sizes, or an error. */
export interface WorkloadReport {
  /** Wall time of each phase in milliseconds, from preciseTime(). */
  phaseMs: Partial<Record<WorkloadPhase | "open", number>>;
  /** Milliseconds of each search request, in query order. */
  searchMs: number[];
  /** Hit ids of each search, best first. */
  hits: string[][];
  /** Policy name that core reported for the searches. */
  policy: string;
  /** Dot-product kernel that core reported when the index opened from the snapshot. */
  kernel: string;
  snapshotBytes: number;
  /** Set when a request failed: the phase, error code and message. */
  error?: string;
}
