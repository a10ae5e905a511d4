// The files of one index directory. Core decides what the snapshot and
// journal bytes are; the CLI only stores them here.
import { join } from "node:path";

/** Absolute paths of the files in one index directory. */
export interface IndexPaths {
  readonly dir: string;
  /** The last snapshot core produced (queryable.v1.Snapshot bytes). */
  readonly snapshot: string;
  /** Journal frames appended since that snapshot. */
  readonly journal: string;
  /** Lock file held by a running `index` command. */
  readonly lock: string;
  /** The folders and exclusion globs that `queryable index` updates. */
  readonly library: string;
  /** Cache of file path -> size, mtime, SHA-256 and metadata, so unchanged files are not read again. */
  readonly fileCache: string;
}

/** Lays out the files of the index directory `dir` (which need not exist yet). */
export function indexPaths(dir: string): IndexPaths {
  return {
    dir,
    snapshot: join(dir, "snapshot.bin"),
    journal: join(dir, "journal.bin"),
    lock: join(dir, "index.lock"),
    library: join(dir, "library.json"),
    fileCache: join(dir, "file-cache.json"),
  };
}
