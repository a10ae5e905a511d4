import type { queryable } from "../../bridge/_generated/schema.js";
import { compareIds } from "./compare-ids";
import type { PhotoIndex } from "./photo-index";

/**
 * Counts the assets of `index` by state. With `includeFailures`, lists every
 * failed asset by id with its reason and attempts.
 */
export function indexStats(index: PhotoIndex, includeFailures: boolean): queryable.v1.IStats {
  const failed = index.assets.failedCount;
  const failures: queryable.v1.IFailure[] = [];
  if (includeFailures) {
    for (const [id, failure] of index.assets.failureEntries()) failures.push({ id, reason: failure.reason, attempts: failure.attempts });
  }
  failures.sort((a, b) => compareIds(a.id!, b.id!));

  return {
    modelId: index.modelId,
    dimension: index.dimension,
    assets: index.assets.size,
    indexed: index.store.size,
    failed,
    pending: index.assets.size - index.store.size - failed,
    failures,
    vectorBytes: index.store.byteLength,
    freeSlots: index.store.freeSlotCount,
    sequence: index.sequence,
  };
}
