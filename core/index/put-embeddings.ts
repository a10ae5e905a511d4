import type { queryable } from "../../bridge/_generated/schema.js";
import { fail, ok, type Result } from "../errors";
import { commitChanges } from "../persistence/commit-changes";
import { checkIdBatch, preview } from "./asset-id";
import { sameVersion } from "./asset-state";
import { writeFloat32Block } from "./float32-block";
import type { PhotoIndex } from "./photo-index";
import { readPutSourceVersions } from "./source-version";
import { decodeUnitVectors } from "./vector-block";

/** The result of one PutEmbeddings batch and the journal bytes that record it. */
export interface PutOutcome {
  /** Vectors stored. */
  readonly stored: number;
  /** Ids not stored because their vector came from another version, in batch order. */
  readonly stale: string[];
  readonly journal: Uint8Array;
}

/**
 * Stores one batch of embeddings, each L2-normalised and tagged with its
 * asset's current version; a stored vector clears the asset's failure.
 * When the batch gives source versions, a vector whose version is not the
 * asset's current one is skipped and listed in `stale`, leaving the asset
 * unchanged. Without them every vector is taken as the current version's.
 * Validates the whole batch first, so any bad item rejects the batch and
 * leaves the index unchanged. The errors are EMPTY_ID, ID_TOO_LONG and
 * DUPLICATE_ID for ids, UNKNOWN_ASSET for an id not in the manifest,
 * INVALID_PARAMETER for version lists of the wrong length, and the vector
 * errors of decodeUnitVectors.
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

  const versions = readPutSourceVersions(body, ids.length);
  if (!versions.ok) return versions;

  const vectors = decodeUnitVectors(body.vectors ?? new Uint8Array(0), body.encoding ?? 0, index.dimension, ids.length, (i) => `PutEmbeddings vector ${i} (asset "${preview(ids[i]!)}")`);
  if (!vectors.ok) return vectors;

  const current: number[] = [];
  const stale: string[] = [];
  ids.forEach((id, i) => {
    const source = versions.value?.[i];
    if (source === undefined || sameVersion(source, index.assets.get(id)!)) current.push(i);
    else stale.push(id);
  });
  if (current.length === 0) return ok({ stored: 0, stale, journal: new Uint8Array(0) });

  const journal = commitChanges(index, [{
    vectorsPut: {
      ids: current.map((i) => ids[i]!),
      vectors: writeFloat32Block(selectRows(vectors.value, current, index.dimension)),
      embeddedModifiedMs: current.map((i) => index.assets.get(ids[i]!)!.modifiedMs),
      embeddedFingerprints: current.map((i) => index.assets.get(ids[i]!)!.fingerprint),
    },
  }]);
  return ok({ stored: current.length, stale, journal });
}

function selectRows(block: Float32Array, rows: readonly number[], dimension: number): Float32Array {
  if (rows.length * dimension === block.length) return block;

  const out = new Float32Array(rows.length * dimension);
  rows.forEach((row, i) => out.set(block.subarray(row * dimension, (row + 1) * dimension), i * dimension));
  return out;
}
