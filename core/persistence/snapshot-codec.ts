import { pb } from "../../bridge/codec";
import { fail, ok, type Result } from "../errors";
import { compareIds } from "../index/compare-ids";
import { assetStateFromRecord } from "../index/asset-record";
import type { AssetState } from "../index/asset-state";
import { readFloat32Block, writeFloat32Block } from "../index/float32-block";
import { PhotoIndex, type StorageKind } from "../index/photo-index";
import { signCodeBytes, fineByteLength } from "../ranking/quantized/_internal/quantize";
import type { QuantizedBlockData } from "../ranking/quantized/quantized-vectors";
import { decodeAssetColumns, encodeAssetColumns } from "./asset-columns";
import { readColumn, writeColumn } from "./_internal/byte-columns";

/** Snapshot layout version written by this core. Readers accept 1 and 2 and reject others. */
export const SNAPSHOT_FORMAT_VERSION = 2;

const STORAGE_BY_ENUM = new Map<number, StorageKind>([
  [pb.VectorStorage.VECTOR_STORAGE_FLOAT32, "float32"],
  [pb.VectorStorage.VECTOR_STORAGE_QUANTIZED_RESIDUAL, "quantized-residual"],
]);

/** The VectorStorage value of a storage kind. */
export function storageEnum(storage: StorageKind): number {
  return storage === "float32" ? pb.VectorStorage.VECTOR_STORAGE_FLOAT32 : pb.VectorStorage.VECTOR_STORAGE_QUANTIZED_RESIDUAL;
}

/** The storage kind of a VectorStorage value, or null for UNSPECIFIED and unknown values. */
export function storageKind(value: number): StorageKind | null {
  return STORAGE_BY_ENUM.get(value) ?? null;
}

/**
 * Encodes the whole index as Snapshot bytes of format 2: assets sorted by
 * id as flat columns, and vectors in the same order in the index's storage.
 * The same index state always gives the same bytes.
 */
export function encodeSnapshot(index: PhotoIndex): Uint8Array {
  const ids = [...index.assets.keys()].sort(compareIds);
  const withVector = ids.filter((id) => index.store.has(id));
  const assets = ids.map((id) => index.assets.get(id)!);

  // Slots must follow id order so the quantized arrays can be copied as they are.
  const block = index.storage === "quantized-residual" ? quantizedInIdOrder(index, withVector) : null;
  const vectors = block === null ? float32InOrder(index, withVector) : new Uint8Array(0);

  return pb.Snapshot.encode({
    header: {
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      modelId: index.modelId,
      dimension: index.dimension,
      encoding: pb.VectorEncoding.VECTOR_ENCODING_FLOAT32,
      sequence: index.sequence,
      syncGeneration: index.syncGeneration,
      storage: storageEnum(index.storage),
    },
    columns: encodeAssetColumns(assets, (id) => index.store.has(id)),
    vectors,
    quantized: block === null ? null : {
      center: writeColumn(block.center),
      codes: new Uint8Array(block.codes.buffer, block.codes.byteOffset, block.codes.byteLength),
      fine: block.fine,
      scales: writeColumn(block.scales),
      signCodes: block.signCodes,
      hashes: writeColumn(block.hashes),
    },
  }).finish();
}

function float32InOrder(index: PhotoIndex, ids: readonly string[]): Uint8Array {
  const vectors = new Float32Array(ids.length * index.dimension);
  ids.forEach((id, i) => vectors.set(index.store.get(id)!, i * index.dimension));
  return writeFloat32Block(vectors);
}

// Null before the center is fixed: the few vectors are then stored as float32.
function quantizedInIdOrder(index: PhotoIndex, ids: readonly string[]): QuantizedBlockData | null {
  if (!index.quantized.ready) return null;
  const inOrder = ids.every((id, slot) => index.store.slotOf(id) === slot);
  if (inOrder) return index.quantized.exportBlock(ids.length);

  const d = index.dimension;
  const q = index.quantized;
  const count = ids.length;
  const codes = new Int8Array(count * d);
  const fine = new Uint8Array(count * q.fineBytes);
  const scales = new Float32Array(count);
  const signCodes = new Uint8Array(count * q.codeBytes);
  const hashes = new Int32Array(count);
  const all = q.exportBlock(q.slotCount)!;
  ids.forEach((id, i) => {
    const slot = index.store.slotOf(id);
    codes.set(all.codes.subarray(slot * d, (slot + 1) * d), i * d);
    fine.set(all.fine.subarray(slot * q.fineBytes, (slot + 1) * q.fineBytes), i * q.fineBytes);
    signCodes.set(all.signCodes.subarray(slot * q.codeBytes, (slot + 1) * q.codeBytes), i * q.codeBytes);
    scales[i] = all.scales[slot]!;
    hashes[i] = all.hashes[slot]!;
  });
  return { center: all.center, codes, fine, scales, signCodes, hashes };
}

/**
 * Reads the model id and dimension that a snapshot's header records. Fails
 * with CORRUPT_SNAPSHOT when the bytes do not decode or have no header.
 */
export function readSnapshotModel(bytes: Uint8Array): Result<{ modelId: string; dimension: number }> {
  let snapshot: InstanceType<typeof pb.Snapshot>;
  try {
    snapshot = pb.Snapshot.decode(bytes);
  } catch (thrown) {
    return fail("CORRUPT_SNAPSHOT", `snapshot of ${bytes.length} bytes does not decode (${describe(thrown)}); restore the snapshot file from a backup or open with an empty snapshot to rebuild the index`);
  }
  if (!snapshot.header) return fail("CORRUPT_SNAPSHOT", "snapshot has no header; restore it from a backup or open with an empty snapshot to rebuild the index");
  return ok({ modelId: snapshot.header.modelId ?? "", dimension: snapshot.header.dimension ?? 0 });
}

/**
 * Rebuilds an index from Snapshot bytes of format 1 or 2. Fails with
 * CORRUPT_SNAPSHOT when the bytes do not decode or disagree with
 * themselves, UNSUPPORTED_FORMAT for another format version, vector
 * encoding or storage, and SNAPSHOT_MISMATCH when it was made for another
 * model id or dimension than requested.
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

  const index = snapshot.header!.formatVersion === 1 ? buildFromRecords(snapshot, modelId, dimension) : buildFromColumns(snapshot, modelId, dimension, checked.value);
  if (!index.ok) return index;
  index.value.sequence = snapshot.header?.sequence ?? 0;
  index.value.syncGeneration = snapshot.header?.syncGeneration ?? 0;
  return index;
}

function checkHeader(header: InstanceType<typeof pb.Snapshot>["header"], modelId: string, dimension: number): Result<StorageKind> {
  if (!header) return fail("CORRUPT_SNAPSHOT", "snapshot has no header; restore it from a backup or open with an empty snapshot to rebuild the index");

  if (header.formatVersion !== 1 && header.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    return fail("UNSUPPORTED_FORMAT", `snapshot format version ${header.formatVersion} is not supported (this core reads versions 1 and ${SNAPSHOT_FORMAT_VERSION}); update the app or rebuild the index`);
  }
  if (header.encoding !== pb.VectorEncoding.VECTOR_ENCODING_FLOAT32) {
    return fail("UNSUPPORTED_FORMAT", `snapshot vector encoding ${header.encoding} is not supported (expected float32); update the app or rebuild the index`);
  }
  const storage = header.formatVersion === 1 ? "float32" : storageKind(header.storage ?? 0);
  if (storage === null) {
    return fail("UNSUPPORTED_FORMAT", `snapshot vector storage ${header.storage} is not supported (expected FLOAT32 or QUANTIZED_RESIDUAL); update the app or rebuild the index`);
  }
  if (header.modelId !== modelId || header.dimension !== dimension) {
    return fail(
      "SNAPSHOT_MISMATCH",
      `snapshot was made for model "${header.modelId}" with dimension ${header.dimension}, but the index is opened for model "${modelId}" with dimension ${dimension}; open it with the same model or start a new index with an empty snapshot`,
    );
  }
  return ok(storage);
}

function buildFromRecords(snapshot: InstanceType<typeof pb.Snapshot>, modelId: string, dimension: number): Result<PhotoIndex> {
  const index = new PhotoIndex(modelId, dimension, "float32");
  const vectors = readFloat32Block(snapshot.vectors);
  let vectorCount = 0;

  for (const record of snapshot.assets) {
    const asset = assetStateFromRecord(record);
    const added = addAsset(index, asset);
    if (!added.ok) return added;

    if (!record.hasVector) continue;
    if ((vectorCount + 1) * dimension > vectors.length) break;
    index.store.putUnit(asset.id, vectors.subarray(vectorCount * dimension, (vectorCount + 1) * dimension));
    vectorCount++;
  }

  if (vectorCount * dimension * 4 !== snapshot.vectors.length || snapshot.assets.filter((a) => a.hasVector).length !== vectorCount) {
    return corruptVectors(`vector block has ${snapshot.vectors.length} bytes, which does not match its assets with vectors at dimension ${dimension}`);
  }
  return ok(index);
}

function buildFromColumns(snapshot: InstanceType<typeof pb.Snapshot>, modelId: string, dimension: number, storage: StorageKind): Result<PhotoIndex> {
  const index = new PhotoIndex(modelId, dimension, storage);
  const decoded = decodeAssetColumns(snapshot.columns ?? {}, index.assets);
  if (typeof decoded === "string") return corruptVectors(`asset columns do not fit together (${decoded})`);

  const withVector: string[] = [];
  for (let i = 0; i < decoded.ids.length; i++) {
    if (decoded.hasVector[i] === 1) withVector.push(decoded.ids[i]!);
  }

  const quantized = snapshot.quantized;
  const hasBlock = quantized != null && (quantized.center?.length ?? 0) > 0;
  if (storage === "quantized-residual" && hasBlock) {
    if (snapshot.vectors.length !== 0) return corruptVectors(`has both quantized codes and ${snapshot.vectors.length} bytes of float32 vectors`);
    return restoreQuantized(index, quantized as InstanceType<typeof pb.QuantizedBlock>, withVector);
  }

  const vectors = readFloat32Block(snapshot.vectors);
  if (hasBlock || snapshot.vectors.length !== withVector.length * dimension * 4) {
    return corruptVectors(`vector block has ${snapshot.vectors.length} bytes, which does not match its ${withVector.length} assets with vectors at dimension ${dimension}`);
  }
  withVector.forEach((id, i) => index.store.putUnit(id, vectors.subarray(i * dimension, (i + 1) * dimension)));
  return ok(index);
}

function restoreQuantized(index: PhotoIndex, block: InstanceType<typeof pb.QuantizedBlock>, ids: readonly string[]): Result<PhotoIndex> {
  const d = index.dimension;
  const count = ids.length;
  const center = readColumn<Float32Array>(Float32Array, block.center, d);
  const scales = readColumn<Float32Array>(Float32Array, block.scales, count);
  const hashes = readColumn<Int32Array>(Int32Array, block.hashes, count);
  const lengthsFit = block.codes.length === count * d && block.fine.length === count * fineByteLength(d) && block.signCodes.length === count * signCodeBytes(d);
  if (center === null || scales === null || hashes === null || !lengthsFit) {
    return corruptVectors(`quantized vector arrays do not match its ${count} assets with vectors at dimension ${d}`);
  }
  for (let i = 0; i < d; i++) {
    if (!Number.isFinite(center[i]!)) return corruptVectors(`quantized center has ${center[i]} at component ${i}`);
  }

  const codes = new Int8Array(block.codes.buffer, block.codes.byteOffset, block.codes.byteLength);
  index.store.assignSlots(ids);
  index.quantized.restoreBlock({ center, codes, fine: block.fine, scales, signCodes: block.signCodes, hashes }, count);
  return ok(index);
}

function addAsset(index: PhotoIndex, asset: AssetState): Result<true> {
  if (asset.id === "" || index.assets.has(asset.id)) {
    return fail("CORRUPT_SNAPSHOT", `snapshot lists asset id "${asset.id}" ${asset.id === "" ? "empty" : "twice"}; restore it from a backup or open with an empty snapshot to rebuild the index`);
  }
  index.assets.set(asset.id, asset);
  return ok(true);
}

function corruptVectors(problem: string): Result<never> {
  return fail("CORRUPT_SNAPSHOT", `snapshot ${problem}; restore it from a backup or open with an empty snapshot to rebuild the index`);
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
