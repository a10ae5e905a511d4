// Decides which folders and exclusions an index run scans: the stored
// library config with the command line's changes applied and checked.
import { failure, success, type CliResult } from "../errors";
import type { IndexPaths } from "../index-store/index-paths";
import { readLibraryConfig } from "../index-store/library-config";
import { isFolder } from "../library/is-folder";
import { updateLibraryConfig, type LibraryChanges, type UpdatedLibrary } from "../index-store/update-library-config";

/**
 * Reads library.json and applies `changes`. Fails with USAGE when a changed
 * value is invalid or no folder is left to index, with INDEX_IO when
 * library.json is invalid, and with FILE_NOT_FOUND when a stored folder is
 * missing, because syncing without it would remove every photo indexed
 * from it. Writes nothing.
 */
export function resolveLibrary(paths: IndexPaths, changes: LibraryChanges): CliResult<UpdatedLibrary> {
  const stored = readLibraryConfig(paths.library);
  if (!stored.ok) return stored;

  const updated = updateLibraryConfig(stored.value, changes);
  if (!updated.ok) return updated;

  const { folders } = updated.value.config;
  if (folders.length === 0 && updated.value.removedFolders.length === 0) {
    return failure("USAGE", `the index in ${paths.dir} has no folders yet; run "queryable index DIR..." with the photo folders to index`);
  }

  for (const folder of folders) {
    if (!isFolder(folder)) {
      return failure("FILE_NOT_FOUND", `the library folder ${folder} does not exist or is not a folder; nothing was changed. Reconnect the drive and run again, or run "queryable index --remove-folder ${folder}" to stop indexing it and remove its photos from the index`);
    }
  }
  return success(updated.value);
}
