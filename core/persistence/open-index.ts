import { fail, ok, type Result } from "../errors";
import { applyChange } from "../index/apply-change";
import { DEFAULT_STORAGE, PhotoIndex } from "../index/photo-index";
import { readJournal } from "./journal-frames";
import { decodeSnapshot, readSnapshotModel, storageKind } from "./snapshot-codec";

/** Largest accepted vector dimension; CLIP models use 512 to 1024. */
export const MAX_DIMENSION = 8192;

/** An index rebuilt from stored bytes, and how the journal was read. */
export interface OpenedIndex {
  readonly index: PhotoIndex;
  readonly created: boolean;
  readonly framesReplayed: number;
  /** Bytes at the journal tail that were torn or corrupt and were skipped. */
  readonly journalBytesDropped: number;
}

/**
 * Rebuilds an index from the host's snapshot (empty for a new index) and
 * journal. Records with a sequence at or below the snapshot's are already in
 * it and are skipped. A torn or corrupt journal tail is dropped and counted,
 * never an error. `storage` (a VectorStorage value) applies to a new index
 * only, 0 meaning the default; a snapshot keeps the storage it was written
 * with. An empty model id together with dimension 0 opens a snapshot with
 * the model id and dimension its header records, so a host can read the
 * index without loading a model. Fails with INVALID_PARAMETER for that pair
 * without a snapshot, an empty model id with another dimension, a dimension
 * outside 1 to 8192 or an unknown storage. Fails with CORRUPT_SNAPSHOT when
 * the snapshot records a model id or dimension that no index can have, and
 * with the errors of decodeSnapshot.
 */
export function openIndex(modelId: string, dimension: number, snapshot: Uint8Array, journal: Uint8Array, storage = 0): Result<OpenedIndex> {
  if (modelId === "" && dimension === 0) return openStoredModel(snapshot, journal, storage);
  if (modelId === "") return fail("INVALID_PARAMETER", "OpenIndex.model_id is empty; name the embedding model, e.g. \"clip-vit-b32\"");
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > MAX_DIMENSION) {
    return fail("INVALID_PARAMETER", `OpenIndex.dimension ${dimension} is out of range; give the model's vector length, 1 to ${MAX_DIMENSION} (512 for CLIP ViT-B/32)`);
  }

  const requested = storage === 0 ? DEFAULT_STORAGE : storageKind(storage);
  if (requested === null) {
    return fail("INVALID_PARAMETER", `OpenIndex.storage ${storage} is not a known VectorStorage; use 1 (FLOAT32), 2 (QUANTIZED_RESIDUAL) or 0 for the default`);
  }

  const base = snapshot.length === 0 ? ok(new PhotoIndex(modelId, dimension, requested)) : decodeSnapshot(snapshot, modelId, dimension);
  if (!base.ok) return base;

  const index = base.value;
  const read = readJournal(journal);
  let framesReplayed = 0;
  for (const record of read.records) {
    if (record.sequence <= index.sequence) continue;
    applyChange(index, record);
    framesReplayed++;
  }

  return ok({
    index,
    created: snapshot.length === 0 && read.records.length === 0,
    framesReplayed,
    journalBytesDropped: read.bytesDropped,
  });
}

function openStoredModel(snapshot: Uint8Array, journal: Uint8Array, storage: number): Result<OpenedIndex> {
  if (snapshot.length === 0) {
    return fail(
      "INVALID_PARAMETER",
      "OpenIndex has an empty model_id and dimension 0, which open the stored snapshot with its own model, but the snapshot is empty; name the model and dimension to create an index",
    );
  }

  const stored = readSnapshotModel(snapshot);
  if (!stored.ok) return stored;
  const { modelId, dimension } = stored.value;
  if (modelId === "" || !Number.isInteger(dimension) || dimension < 1 || dimension > MAX_DIMENSION) {
    return fail("CORRUPT_SNAPSHOT", `snapshot records model "${modelId}" with dimension ${dimension}, which no index can have; restore it from a backup or open with an empty snapshot to rebuild the index`);
  }
  return openIndex(modelId, dimension, snapshot, journal, storage);
}
