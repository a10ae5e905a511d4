// Stops an index run that would remove many stored vectors by accident: an
// unmounted drive leaves an empty mount point, and a broad exclusion glob
// hides most of the library.
import type { queryable } from "../../bridge/codec";
import { failure, success, type CliResult } from "../errors";
import { isInside } from "../index-store/update-library-config";

/** Indexed photos that a run may remove without --allow-removal, at most (see checkRemovals). */
export const unconfirmedRemovalLimit = 10;

/** One stored asset as core lists it. */
export interface StoredAsset {
  readonly id: string;
  /** Empty when the file could not be read to its end. */
  readonly fingerprint: string;
  readonly indexed: boolean;
}

/** Inputs of checkRemovals. */
export interface RemovalCheckInput {
  /** Every asset in the index before the run. */
  readonly stored: readonly StoredAsset[];
  /** The manifest this run is about to send. */
  readonly entries: readonly queryable.v1.IManifestEntry[];
  /** The library folders of this run. */
  readonly folders: readonly string[];
  /** Folders removed with --remove-folder, whose photos leave on purpose. */
  readonly removedFolders: readonly string[];
  /** Exclusion globs added in this run, named in the message as a likely cause. */
  readonly addedExclude: readonly string[];
}

/**
 * Fails with REMOVAL_NOT_CONFIRMED when the sync of `entries` would drop
 * stored vectors in either of these ways:
 *
 * - a library folder with indexed photos now lists no file at all, which is
 *   what a drive that is not mounted looks like;
 * - more than half of the indexed photos, and more than
 *   `unconfirmedRemovalLimit` of them, would lose their vector.
 *
 * A photo whose fingerprint appears under another path keeps its vector
 * (a move), and photos of `removedFolders` are expected to go, so neither
 * counts. The message names the folder or the count and the options that
 * confirm the removal.
 */
export function checkRemovals(input: RemovalCheckInput): CliResult<void> {
  const indexed = input.stored.filter((asset) => asset.indexed && !input.removedFolders.some((folder) => isUnder(asset.id, folder)));

  for (const folder of input.folders) {
    const before = indexed.filter((asset) => isUnder(asset.id, folder)).length;
    if (before === 0 || input.entries.some((entry) => isUnder(entry.id ?? "", folder))) continue;
    const cause = input.addedExclude.length > 0
      ? `The exclusions added in this run (${input.addedExclude.map((glob) => JSON.stringify(glob)).join(", ")}) hide them; check them.`
      : "If the folder is on a drive that is not mounted, mount it and run again.";
    return failure("REMOVAL_NOT_CONFIRMED", `the library folder ${folder} lists no photos now, but the index has ${before} photos from it; nothing was changed. ${cause} To remove its photos from the index, run "queryable index --remove-folder ${folder}" (stop indexing the folder) or add --allow-removal (keep the folder)`);
  }

  const ids = new Set(input.entries.map((entry) => entry.id ?? ""));
  const fingerprints = new Set(input.entries.map((entry) => entry.fingerprint ?? "").filter((fingerprint) => fingerprint !== ""));
  const lost = indexed.filter((asset) => !ids.has(asset.id) && (asset.fingerprint === "" || !fingerprints.has(asset.fingerprint)));
  if (lost.length > unconfirmedRemovalLimit && lost.length * 2 > indexed.length) {
    const examples = lost.slice(0, 3).map((asset) => asset.id).join(", ");
    return failure("REMOVAL_NOT_CONFIRMED", `this run would remove ${lost.length} of the ${indexed.length} indexed photos (e.g. ${examples}); nothing was changed. Check the folders and exclusions that "queryable status" lists, then run the same command again with --allow-removal to remove them`);
  }
  return success(undefined);
}

/** True when `id` is `folder` itself or a path inside it. */
export function isUnder(id: string, folder: string): boolean {
  return id === folder || isInside(id, folder);
}
