import type { FailureState } from "../index/asset-state";
import { sameVersion, type AssetVersion } from "../index/asset-state";

/** Most completed syncs a failed asset waits before its next try. */
export const MAX_RETRY_WAIT_SYNCS = 31;

/**
 * Completed syncs to skip after `attempts` failures in a row before trying
 * again: 0, 1, 3, 7, 15, then 31 for every later attempt.
 */
export function retryWaitSyncs(attempts: number): number {
  if (attempts <= 1) return 0;
  return Math.min(2 ** (attempts - 1) - 1, MAX_RETRY_WAIT_SYNCS);
}

/**
 * True when a failed asset should be embedded again in the sync that
 * completes now. `generation` counts the syncs completed before this one.
 * An asset whose version changed since it failed is due at once.
 */
export function isRetryDue(failure: FailureState, current: AssetVersion, generation: number): boolean {
  if (!sameVersion(failure, current)) return true;
  const skipped = generation - failure.generation;
  return skipped >= retryWaitSyncs(failure.attempts);
}
