import { pb } from "../../bridge/codec";
import { fail, ok, type Result } from "../errors";
import { compareIds } from "../index/compare-ids";
import { assetRecordFromState, assetStateFromRecord } from "../index/asset-record";
import { readFloat32Block, writeFloat32Block } from "../index/float32-block";
import { PhotoIndex } from "../index/photo-index";

/** Snapshot layout version written by this core; readers reject others. */
export const SNAPSHOT_FORMAT_VERSION = 1;

/**
 * Encodes the whole index as Snapshot bytes: assets sorted by id, vectors as
 * float32 in the same order. The same index state always gives the same bytes.
 */
export function encodeSnapshot(index: PhotoIndex): Uint8Array {
  const ids = [...index.assets.keys()].sort(compareIds);
  const withVector = ids.filter((id) => index.store.has(id));
  const vectors = new Float32Array(withVector.length * index.dimension);
  withVector.forEach((id, i) => vectors.set(index.store.get(id) as Float32Array, i * index.dimension));

  return pb.Snapshot.encode({
    header: {
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      modelId: index.modelId,
      dimension: index.dimension,
      encoding: pb.VectorEncoding.VECTOR_ENCODING_FLOAT32,
      sequence: index.sequence,
      syncGeneration: index.syncGeneration,
    },
    assets: ids.map((id) => assetRecordFromState(index.assets.get(id)!, index.store.has(id))),
    vectors: writeFloat32Block(vectors),
  }).finish();
}

/**
 * Rebuilds an index from Snapshot bytes. Fails with CORRUPT_SNAPSHOT when
 * the bytes do not decode or disagree with themselves, UNSUPPORTED_FORMAT
 * for another format version or vector encoding, and SNAPSHOT_MISMATCH when
 * it was made for another model id or dimension than requested.
 */
export function decodeSnapshot(bytes: Uint8Array, modelId: string, dimension: number): Result<PhotoIndex> {
  let snapshot: InstanceType<typeof pb.Snapshot>;
  try {
    snapshot = pb.Snapshot.decode(bytes);
  } catch (thrown) {
    return fail("CORRUPT_SNAPSHOT", `snapshot of ${bytes.length} bytes does not decode (${describe(thrown)}); restore the snapshot file from a backup or open with an empty snapshot to rebuild the index`);
  }

  const checked = checkHeader(snapshot.header, modelId, dimension);
  if (!checked.ok) return checked;

  return buildIndex(snapshot, modelId, dimension);
}

function checkHeader(header: InstanceType<typeof pb.Snapshot>["header"], modelId: string, dimension: number): Result<true> {
  if (!header) return fail("CORRUPT_SNAPSHOT", "snapshot has no header; restore it from a backup or open with an empty snapshot to rebuild the index");

  if (header.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    return fail("UNSUPPORTED_FORMAT", `snapshot format version ${header.formatVersion} is not supported (this core reads version ${SNAPSHOT_FORMAT_VERSION}); update the app or rebuild the index`);
  }
  if (header.encoding !== pb.VectorEncoding.VECTOR_ENCODING_FLOAT32) {
    return fail("UNSUPPORTED_FORMAT", `snapshot vector encoding ${header.encoding} is not supported (expected float32); update the app or rebuild the index`);
  }
  if (header.modelId !== modelId || header.dimension !== dimension) {
    return fail(
      "SNAPSHOT_MISMATCH",
      `snapshot was made for model "${header.modelId}" with dimension ${header.dimension}, but the index is opened for model "${modelId}" with dimension ${dimension}; open it with the same model or start a new index with an empty snapshot`,
    );
  }
  return ok(true);
}

function buildIndex(snapshot: InstanceType<typeof pb.Snapshot>, modelId: string, dimension: number): Result<PhotoIndex> {
  const index = new PhotoIndex(modelId, dimension);
  const vectors = readFloat32Block(snapshot.vectors);
  let vectorCount = 0;

  for (const record of snapshot.assets) {
    const asset = assetStateFromRecord(record);
    if (asset.id === "" || index.assets.has(asset.id)) {
      return fail("CORRUPT_SNAPSHOT", `snapshot lists asset id "${asset.id}" ${asset.id === "" ? "empty" : "twice"}; restore it from a backup or open with an empty snapshot to rebuild the index`);
    }
    index.assets.set(asset.id, asset);

    if (!record.hasVector) continue;
    if ((vectorCount + 1) * dimension > vectors.length) break;
    index.store.putUnit(asset.id, vectors.subarray(vectorCount * dimension, (vectorCount + 1) * dimension));
    vectorCount++;
  }

  if (vectorCount * dimension * 4 !== snapshot.vectors.length || snapshot.assets.filter((a) => a.hasVector).length !== vectorCount) {
    return fail("CORRUPT_SNAPSHOT", `snapshot vector block has ${snapshot.vectors.length} bytes, which does not match its assets with vectors at dimension ${dimension}; restore it from a backup or open with an empty snapshot to rebuild the index`);
  }

  index.sequence = snapshot.header?.sequence ?? 0;
  index.syncGeneration = snapshot.header?.syncGeneration ?? 0;
  return ok(index);
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
