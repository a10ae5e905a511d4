import type { queryable } from "../../bridge/_generated/schema.js";
import { fail, ok, type Result } from "../errors";
import { commitChanges } from "../persistence/commit-changes";
import { checkIdBatch, preview } from "./asset-id";
import { sameVersion, type AssetVersion } from "./asset-state";
import type { PhotoIndex } from "./photo-index";
import { readFailureSourceVersion } from "./source-version";

/** The result of one MarkFailed batch and the journal bytes that record it. */
export interface MarkOutcome {
  /** Failures recorded. */
  readonly marked: number;
  /** Ids whose failure was not recorded because it names another version, in batch order. */
  readonly stale: string[];
  readonly journal: Uint8Array;
}

/**
 * Records that assets could not be embedded: each loses any vector, keeps
 * the reason, and counts one more attempt when its version failed before
 * (else starts again at 1). A failure that gives a version other than the
 * asset's current one is skipped and listed in `stale`, leaving the asset
 * unchanged. Rejects the whole batch, changing nothing, on a bad id
 * (EMPTY_ID, ID_TOO_LONG, DUPLICATE_ID), an id not in the manifest
 * (UNKNOWN_ASSET) or a version with only one of its two fields
 * (INVALID_PARAMETER).
 */
export function markFailed(index: PhotoIndex, body: queryable.v1.IMarkFailed): Result<MarkOutcome> {
  const failures = body.failures ?? [];
  const ids = failures.map((failure) => failure.id ?? "");
  const checked = checkIdBatch(ids, "MarkFailed.failures");
  if (!checked.ok) return checked;

  const versions: (AssetVersion | null)[] = [];
  for (let i = 0; i < failures.length; i++) {
    const id = ids[i]!;
    if (!index.assets.has(id)) {
      return fail("UNKNOWN_ASSET", `MarkFailed names asset "${preview(id)}", which is not in the library manifest; send it in a SyncManifest first`);
    }

    const version = readFailureSourceVersion(failures[i]!, `MarkFailed failure ${i} (asset "${preview(id)}")`);
    if (!version.ok) return version;
    versions.push(version.value);
  }

  const current: number[] = [];
  const stale: string[] = [];
  versions.forEach((version, i) => {
    if (version === null || sameVersion(version, index.assets.get(ids[i]!)!)) current.push(i);
    else stale.push(ids[i]!);
  });
  if (current.length === 0) return ok({ marked: 0, stale, journal: new Uint8Array(0) });

  const journal = commitChanges(index, [{
    failuresRecorded: {
      ids: current.map((i) => ids[i]!),
      reasons: current.map((i) => failures[i]!.reason ?? ""),
      syncGeneration: index.syncGeneration,
    },
  }]);
  return ok({ marked: current.length, stale, journal });
}
