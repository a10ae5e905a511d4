import type { queryable } from "../../bridge/_generated/schema.js";
import { fail, ok, type Result } from "../errors";
import { commitChanges } from "../persistence/commit-changes";
import { checkIdBatch, preview } from "./asset-id";
import { writeFloat32Block } from "./float32-block";
import type { PhotoIndex } from "./photo-index";
import { decodeUnitVectors } from "./vector-block";

/** How many vectors were stored and the journal bytes that record them. */
export interface PutOutcome {
  readonly stored: number;
  readonly journal: Uint8Array;
}

/**
 * Stores one batch of embeddings, each L2-normalised and tagged with its
 * asset's current version; a stored vector clears the asset's failure.
 * Validates the whole batch first, so any bad item rejects the batch and
 * leaves the index unchanged: ids (EMPTY_ID, ID_TOO_LONG, DUPLICATE_ID),
 * UNKNOWN_ASSET for an id not in the manifest, and the vector errors of
 * decodeUnitVectors.
 */
export function putEmbeddings(index: PhotoIndex, body: queryable.v1.IPutEmbeddings): Result<PutOutcome> {
  const ids = body.ids ?? [];
  const checkedIds = checkIdBatch(ids, "PutEmbeddings.ids");
  if (!checkedIds.ok) return checkedIds;

  for (const id of ids) {
    if (!index.assets.has(id)) {
      return fail("UNKNOWN_ASSET", `PutEmbeddings names asset "${preview(id)}", which is not in the library manifest; send it in a SyncManifest first, or drop the embedding`);
    }
  }

  const vectors = decodeUnitVectors(body.vectors ?? new Uint8Array(0), body.encoding ?? 0, index.dimension, ids.length, (i) => `PutEmbeddings vector ${i} (asset "${preview(ids[i]!)}")`);
  if (!vectors.ok) return vectors;
  if (ids.length === 0) return ok({ stored: 0, journal: new Uint8Array(0) });

  // NOTE: PutEmbeddings carries no asset version, so a vector encoded from
  // content older than the latest SyncManifest is tagged with the newer
  // version. Adding modified_ms per id to PutEmbeddings would let core reject it.
  const journal = commitChanges(index, [{
    vectorsPut: {
      ids: [...ids],
      vectors: writeFloat32Block(vectors.value),
      embeddedModifiedMs: ids.map((id) => index.assets.get(id)!.modifiedMs),
      embeddedFingerprints: ids.map((id) => index.assets.get(id)!.fingerprint),
    },
  }]);
  return ok({ stored: ids.length, journal });
}
