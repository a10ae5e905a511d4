import type { queryable } from "../../bridge/_generated/schema.js";
import { fail, ok, type Result } from "../errors";
import { commitChanges } from "../persistence/commit-changes";
import { checkIdBatch, preview } from "./asset-id";
import type { PhotoIndex } from "./photo-index";

/** How many failures were recorded and the journal bytes that record them. */
export interface MarkOutcome {
  readonly marked: number;
  readonly journal: Uint8Array;
}

/**
 * Records that assets could not be embedded: each loses any vector, keeps
 * the reason, and counts one more attempt when its version failed before
 * (else starts again at 1). Rejects the whole batch, changing nothing, on a
 * bad id (EMPTY_ID, ID_TOO_LONG, DUPLICATE_ID) or an id not in the manifest
 * (UNKNOWN_ASSET).
 */
export function markFailed(index: PhotoIndex, body: queryable.v1.IMarkFailed): Result<MarkOutcome> {
  const failures = body.failures ?? [];
  const ids = failures.map((failure) => failure.id ?? "");
  const checked = checkIdBatch(ids, "MarkFailed.failures");
  if (!checked.ok) return checked;

  for (const id of ids) {
    if (!index.assets.has(id)) {
      return fail("UNKNOWN_ASSET", `MarkFailed names asset "${preview(id)}", which is not in the library manifest; send it in a SyncManifest first`);
    }
  }
  if (ids.length === 0) return ok({ marked: 0, journal: new Uint8Array(0) });

  const reasons = failures.map((failure) => failure.reason ?? "");
  const journal = commitChanges(index, [{ failuresRecorded: { ids, reasons, syncGeneration: index.syncGeneration } }]);
  return ok({ marked: ids.length, journal });
}
