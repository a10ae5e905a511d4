import type { queryable } from "../../bridge/_generated/schema.js";
import { fail, ok, type Result } from "../errors";
import { checkIdBatch, preview } from "./asset-id";
import { manifestEntryFromState } from "./asset-record";
import { compareIds } from "./compare-ids";
import type { PhotoIndex } from "./photo-index";

/**
 * Describes the assets named by `ids` in that order, or every asset sorted
 * by id when `ids` is empty. Fails with UNKNOWN_ASSET for an id not in the
 * manifest and with checkIdBatch's errors.
 */
export function listAssets(index: PhotoIndex, ids: readonly string[]): Result<queryable.v1.IAssetInfo[]> {
  const checked = checkIdBatch(ids, "GetAssets.ids");
  if (!checked.ok) return checked;

  const requested = ids.length > 0 ? ids : [...index.assets.keys()].sort(compareIds);
  const infos: queryable.v1.IAssetInfo[] = [];
  for (const id of requested) {
    const asset = index.assets.get(id);
    if (!asset) return fail("UNKNOWN_ASSET", `GetAssets names asset "${preview(id)}", which is not in the library manifest; check the id or sync first`);

    const failure = asset.failure ? { id, reason: asset.failure.reason, attempts: asset.failure.attempts } : null;
    infos.push({ entry: manifestEntryFromState(asset), indexed: index.store.has(id), failure });
  }
  return ok(infos);
}
