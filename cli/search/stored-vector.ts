// Decides whether `similar` may use the vector the index stores for an
// example photo, or must encode the file because it changed since indexing.
import { statSync } from "node:fs";
import type { CoreHost } from "../core-host/core-host";
import { loadFileCache } from "../index-store/file-cache";
import type { IndexPaths } from "../index-store/index-paths";
import { silentLogger, type Logger } from "../logger";

/**
 * Returns true when the index has a vector for `path` and the file still is
 * the version that vector came from: its mtime equals the manifest's
 * modified_ms (core's GetAssets), and the index's file cache has the path
 * at its current size and mtime. A file that changed is logged at debug
 * level and gets false, so the caller encodes it. A file that cannot be
 * read any more keeps its stored vector, since nothing else is left.
 */
export function storedVectorIsCurrent(core: CoreHost, paths: IndexPaths, path: string, logger: Logger): boolean {
  const known = core.call({ getAssets: { ids: [path] } }, "assetList");
  const asset = known.ok ? known.value.result.assets?.[0] : undefined;
  if (asset?.indexed !== true) return false;

  let size: number;
  let mtimeMs: number;
  try {
    const info = statSync(path);
    size = info.size;
    mtimeMs = Math.floor(info.mtimeMs);
  } catch {
    logger.debug("the indexed photo cannot be read; using its stored vector", { path });
    return true;
  }

  const indexedMtimeMs = Number(asset.entry?.modifiedMs ?? 0);
  const cached = loadFileCache(paths.fileCache, silentLogger).lookup(path, size, mtimeMs);
  if (mtimeMs !== indexedMtimeMs || cached === undefined) {
    logger.debug("the photo changed since it was indexed; encoding the file instead of using its stored vector", { path, indexedMtimeMs, mtimeMs, size });
    return false;
  }
  return true;
}
