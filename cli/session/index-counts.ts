// The counts and failures of an open index, as `status` and `index` print them.
import type { CoreHost } from "../core-host/core-host";
import { success, type CliResult } from "../errors";

/** One asset that failed to embed. */
export interface FailedPhoto {
  readonly path: string;
  readonly reason: string;
  /** Embedding attempts so far, 1 or more. */
  readonly attempts: number;
}

/** Asset counts of an index, and every failed asset sorted by path. */
export interface IndexCounts {
  /** Assets in the library manifest. */
  readonly assets: number;
  readonly indexed: number;
  readonly failed: number;
  /** Assets with neither a vector nor a failure. */
  readonly pending: number;
  readonly failures: readonly FailedPhoto[];
}

/** Asks core for the counts of the open index, failures included. Fails with CORE_REJECTED. */
export function readIndexCounts(core: CoreHost): CliResult<IndexCounts> {
  const reply = core.call({ getStats: { includeFailures: true } }, "stats");
  if (!reply.ok) return reply;

  const stats = reply.value.result;
  const failures = (stats.failures ?? [])
    .map((item) => ({ path: item.id ?? "", reason: item.reason ?? "", attempts: item.attempts ?? 0 }))
    .sort((a, b) => comparePaths(a.path, b.path));
  return success({ assets: stats.assets ?? 0, indexed: stats.indexed ?? 0, failed: stats.failed ?? 0, pending: stats.pending ?? 0, failures });
}

function comparePaths(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
