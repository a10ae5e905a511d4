// The version of a file as the manifest sent it to core. Core drops a
// vector or a failure whose version is older than the one it holds, so a
// result computed before a newer version of the file reached core is not kept.
import type { queryable } from "../../bridge/codec";

/** The manifest's version fields of one asset. */
export interface AssetVersion {
  /** File mtime in milliseconds, as sent in ManifestEntry.modified_ms. */
  readonly modifiedMs: number;
  /** ManifestEntry.fingerprint: "sha256:<hex>", or "" when the file could not be hashed. */
  readonly fingerprint: string;
}

/** Maps each manifest entry's id to its version. */
export function assetVersionsOf(entries: readonly queryable.v1.IManifestEntry[]): Map<string, AssetVersion> {
  const versions = new Map<string, AssetVersion>();
  for (const entry of entries) {
    versions.set(entry.id ?? "", { modifiedMs: Number(entry.modifiedMs ?? 0), fingerprint: entry.fingerprint ?? "" });
  }
  return versions;
}

/**
 * Returns PutEmbeddings' parallel version lists for `ids`. An id missing from
 * `versions` gets modified_ms 0 and no fingerprint, which core reports as stale.
 */
export function versionFieldsOf(ids: readonly string[], versions: ReadonlyMap<string, AssetVersion>): { modifiedMs: number[]; fingerprints: string[] } {
  const modifiedMs: number[] = [];
  const fingerprints: string[] = [];
  for (const id of ids) {
    const version = versions.get(id);
    modifiedMs.push(version?.modifiedMs ?? 0);
    fingerprints.push(version?.fingerprint ?? "");
  }
  return { modifiedMs, fingerprints };
}
