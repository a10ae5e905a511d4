import { ok, type Result } from "../errors";
import { commitChanges } from "../persistence/commit-changes";
import { checkIdBatch } from "./asset-id";
import type { PhotoIndex } from "./photo-index";

/** How many assets were removed and the journal bytes that record it. */
export interface RemoveOutcome {
  readonly removed: number;
  readonly journal: Uint8Array;
}

/**
 * Removes assets and their vectors from the index. Ids the index does not
 * hold are skipped, because a sync may already have removed them. Rejects
 * the batch, changing nothing, on EMPTY_ID, ID_TOO_LONG or DUPLICATE_ID.
 */
export function removeAssets(index: PhotoIndex, ids: readonly string[]): Result<RemoveOutcome> {
  const checked = checkIdBatch(ids, "RemoveAssets.ids");
  if (!checked.ok) return checked;

  const present = ids.filter((id) => index.assets.has(id));
  if (present.length === 0) return ok({ removed: 0, journal: new Uint8Array(0) });

  const journal = commitChanges(index, [{ assetsDropped: { ids: present } }]);
  return ok({ removed: present.length, journal });
}
