import type { queryable } from "../../bridge/_generated/schema.js";
import type { AssetState } from "./asset-state";

/**
 * Builds an AssetState from a stored AssetRecord or a ManifestEntry (whose
 * fields are a prefix of AssetRecord). The failure is kept only when the
 * record has a failure reason or attempts.
 */
export function assetStateFromRecord(record: queryable.v1.IAssetRecord): AssetState {
  const location = record.location ? { latitude: record.location.latitude ?? 0, longitude: record.location.longitude ?? 0 } : null;
  const attempts = record.failedAttempts ?? 0;

  return {
    id: record.id ?? "",
    createdMs: record.createdMs ?? 0,
    modifiedMs: record.modifiedMs ?? 0,
    favorite: record.favorite ?? false,
    mediaType: record.mediaType ?? 0,
    subtypes: [...(record.subtypes ?? [])],
    albumIds: [...(record.albumIds ?? [])],
    location,
    fingerprint: record.fingerprint ?? "",
    embeddedModifiedMs: record.embeddedModifiedMs ?? 0,
    embeddedFingerprint: record.embeddedFingerprint ?? "",
    failure: attempts > 0
      ? {
          reason: record.failureReason ?? "",
          attempts,
          generation: record.failedGeneration ?? 0,
          modifiedMs: record.failedModifiedMs ?? 0,
          fingerprint: record.failedFingerprint ?? "",
        }
      : null,
  };
}

/** Builds the AssetRecord of `asset` for a snapshot or journal record. */
export function assetRecordFromState(asset: AssetState, hasVector: boolean): queryable.v1.IAssetRecord {
  return {
    ...manifestEntryFromState(asset),
    embeddedModifiedMs: hasVector ? asset.embeddedModifiedMs : 0,
    embeddedFingerprint: hasVector ? asset.embeddedFingerprint : "",
    hasVector,
    failureReason: asset.failure?.reason ?? "",
    failedAttempts: asset.failure?.attempts ?? 0,
    failedGeneration: asset.failure?.generation ?? 0,
    failedModifiedMs: asset.failure?.modifiedMs ?? 0,
    failedFingerprint: asset.failure?.fingerprint ?? "",
  };
}

/** Copies the manifest fields of `asset` into a ManifestEntry. */
export function manifestEntryFromState(asset: AssetState): queryable.v1.IManifestEntry {
  return {
    id: asset.id,
    createdMs: asset.createdMs,
    modifiedMs: asset.modifiedMs,
    favorite: asset.favorite,
    mediaType: asset.mediaType,
    subtypes: [...asset.subtypes],
    albumIds: [...asset.albumIds],
    location: asset.location ? { latitude: asset.location.latitude, longitude: asset.location.longitude } : null,
    fingerprint: asset.fingerprint,
  };
}
