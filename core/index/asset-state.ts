/** A point on Earth in degrees (WGS 84). */
export interface GeoPoint {
  readonly latitude: number;
  readonly longitude: number;
}

/** The failure of an asset to embed: its reason, attempts and version. */
export interface FailureState {
  readonly reason: string;
  /** Failures in a row, 1 or more. */
  readonly attempts: number;
  /** Completed syncs when the last failure was recorded. */
  readonly generation: number;
  /** The asset version that failed. */
  readonly modifiedMs: number;
  readonly fingerprint: string;
}

/**
 * The index record of one asset: its manifest entry, the version its
 * stored vector was made from, and its failure state. An asset with a
 * failure never has a vector, and a stored vector always belongs to the
 * asset's current version (modifiedMs and fingerprint).
 */
export interface AssetState {
  readonly id: string;
  createdMs: number;
  modifiedMs: number;
  favorite: boolean;
  mediaType: number;
  subtypes: number[];
  albumIds: string[];
  location: GeoPoint | null;
  fingerprint: string;
  /** Version of the stored vector; meaningful only while the store has one. */
  embeddedModifiedMs: number;
  embeddedFingerprint: string;
  failure: FailureState | null;
}

/** The version fields of an asset: a change in either means a new version. */
export interface AssetVersion {
  readonly modifiedMs: number;
  readonly fingerprint: string;
}

/** True when both versions have the same modification date and fingerprint. */
export function sameVersion(a: AssetVersion, b: AssetVersion): boolean {
  return a.modifiedMs === b.modifiedMs && a.fingerprint === b.fingerprint;
}
