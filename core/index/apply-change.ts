import type { queryable } from "../../bridge/_generated/schema.js";
import type { AssetState } from "./asset-state";
import { sameVersion } from "./asset-state";
import type { PhotoIndex } from "./photo-index";
import { assetStateFromRecord } from "./asset-record";
import { readFloat32Block } from "./float32-block";

type JournalRecord = queryable.v1.IJournalRecord;

/**
 * Applies one journal record to `index` and sets its sequence. Total by
 * design: ids the index does not hold are skipped, so any record core once
 * wrote replays without error. Every change of the index goes through here,
 * live or replayed.
 */
export function applyChange(index: PhotoIndex, record: JournalRecord): void {
  if (record.manifestUpserted) applyManifestUpserted(index, record.manifestUpserted.assets ?? []);
  if (record.syncCompleted) index.syncGeneration = record.syncCompleted.syncGeneration ?? 0;
  if (record.vectorsPut) applyVectorsPut(index, record.vectorsPut);
  if (record.failuresRecorded) applyFailuresRecorded(index, record.failuresRecorded);
  if (record.assetsDropped) applyAssetsDropped(index, record.assetsDropped.ids ?? []);
  if (record.vectorsCleared) applyVectorsCleared(index, record.vectorsCleared.ids ?? []);

  index.sequence = record.sequence ?? index.sequence;
}

function applyManifestUpserted(index: PhotoIndex, records: queryable.v1.IAssetRecord[]): void {
  for (const record of records) {
    const incoming = assetStateFromRecord(record);
    const existing = index.assets.get(incoming.id);
    if (existing) {
      incoming.embeddedModifiedMs = existing.embeddedModifiedMs;
      incoming.embeddedFingerprint = existing.embeddedFingerprint;
      incoming.failure = existing.failure;
    }

    // Keeps the invariant that a stored vector belongs to the current version.
    const embedded = { modifiedMs: incoming.embeddedModifiedMs, fingerprint: incoming.embeddedFingerprint };
    if (index.store.has(incoming.id) && !sameVersion(incoming, embedded)) index.store.remove(incoming.id);

    index.assets.set(incoming.id, incoming);
  }
}

function applyVectorsPut(index: PhotoIndex, change: queryable.v1.IVectorsPut): void {
  const ids = change.ids ?? [];
  const vectors = readFloat32Block(change.vectors ?? new Uint8Array(0));
  const d = index.dimension;

  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as string;
    if (!index.assets.has(id)) continue;

    index.store.putUnit(id, vectors.subarray(i * d, (i + 1) * d));
    index.assets.setEmbeddedVersion(id, change.embeddedModifiedMs?.[i] ?? 0, change.embeddedFingerprints?.[i] ?? "");
    index.assets.setFailure(id, null);
  }
}

function applyFailuresRecorded(index: PhotoIndex, change: queryable.v1.IFailuresRecorded): void {
  const ids = change.ids ?? [];
  for (let i = 0; i < ids.length; i++) {
    const asset = index.assets.get(ids[i] as string);
    if (!asset) continue;

    index.store.remove(asset.id);
    index.assets.setFailure(asset.id, {
      reason: change.reasons?.[i] ?? "",
      attempts: repeatedFailure(asset) ? (asset.failure?.attempts ?? 0) + 1 : 1,
      generation: change.syncGeneration ?? 0,
      modifiedMs: asset.modifiedMs,
      fingerprint: asset.fingerprint,
    });
  }
}

// A failure of the same version counts as one more attempt, and a new version starts over.
function repeatedFailure(asset: AssetState): boolean {
  return asset.failure !== null && sameVersion(asset, asset.failure);
}

function applyAssetsDropped(index: PhotoIndex, ids: string[]): void {
  const sync = index.activeSync;
  const arrivals = index.assets.columns().arrivals;
  for (const id of ids) {
    // A dropped asset no longer counts as received, and a later chunk may send it again.
    const row = index.assets.rowOf(id);
    if (sync !== null && row >= 0 && arrivals[row]! > sync.base) sync.received--;
    index.store.remove(id);
    index.assets.delete(id);
  }
}

function applyVectorsCleared(index: PhotoIndex, ids: string[]): void {
  for (const id of ids) index.store.remove(id);
}
