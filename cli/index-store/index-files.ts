// Reads and writes the snapshot and journal of an index directory. Core
// produces every byte; these functions only store them durably.
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, statSync, writeSync } from "node:fs";
import { makeDirectories } from "../files/make-directories";
import { describeThrown, failure, success, type CliResult } from "../errors";
import { writeFileAtomically } from "./atomic-write";
import type { IndexPaths } from "./index-paths";

/** The stored bytes of an index; both are empty for a new index. */
export interface StoredIndex {
  readonly snapshot: Uint8Array;
  readonly journal: Uint8Array;
}

/**
 * Reads the snapshot and journal, treating a missing file (or a missing
 * index directory) as empty. Fails with USAGE when the index path is not a
 * directory, and with INDEX_IO on a read error.
 */
export function readStoredIndex(paths: IndexPaths): CliResult<StoredIndex> {
  const location = checkIndexLocation(paths);
  if (!location.ok) return location;

  const snapshot = readIfPresent(paths.snapshot);
  if (!snapshot.ok) return snapshot;

  const journal = readIfPresent(paths.journal);
  if (!journal.ok) return journal;

  return success({ snapshot: snapshot.value, journal: journal.value });
}

/** Fails with USAGE, naming the path, when the index path exists and is not a directory. */
export function checkIndexLocation(paths: IndexPaths): CliResult<void> {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(paths.dir).isDirectory();
  } catch (thrown) {
    // Missing: a new index, created by the first `queryable index`.
    if ((thrown as NodeJS.ErrnoException).code === "ENOENT") return success(undefined);
    return failure("USAGE", `the index path ${paths.dir} cannot be used: ${describeThrown(thrown)}; pass --index with a directory (it is created when missing)`);
  }
  if (isDirectory) return success(undefined);
  return failure("USAGE", `the index path ${paths.dir} is a file, not an index directory; pass --index with a directory (it is created when missing)`);
}

/** Creates the index directory if needed. Fails with USAGE when the path is a file and INDEX_IO when creating it fails. */
export function ensureIndexDirectory(paths: IndexPaths): CliResult<void> {
  const location = checkIndexLocation(paths);
  if (!location.ok) return location;

  try {
    makeDirectories(paths.dir);
    return success(undefined);
  } catch (thrown) {
    return failure("INDEX_IO", `cannot create the index directory ${paths.dir}: ${describeThrown(thrown)}; choose another one with --index PATH`);
  }
}

/**
 * The open journal of an index being written. Appends go straight to the
 * file; `sync` makes them durable and is called once per batch.
 */
export interface JournalWriter {
  /** Appends core's journal bytes; an empty array is a no-op. */
  append(bytes: Uint8Array): CliResult<void>;
  /** Flushes every append so far to disk. */
  sync(): CliResult<void>;
  /** Bytes in the journal file now. */
  size(): number;
  /**
   * Writes `snapshot` atomically, then empties the journal. A crash in
   * between leaves journal records that the snapshot already contains, which
   * core skips on replay by their sequence numbers.
   */
  replaceWithSnapshot(snapshot: Uint8Array): CliResult<void>;
  close(): void;
}

/** Opens the journal for appending, creating it when missing. */
export function openJournalWriter(paths: IndexPaths): CliResult<JournalWriter> {
  let fd: number;
  try {
    fd = openSync(paths.journal, "a", 0o644);
  } catch (thrown) {
    return failure("INDEX_IO", `cannot open the journal ${paths.journal}: ${describeThrown(thrown)}`);
  }

  const existing = readIfPresent(paths.journal);
  let bytes = existing.ok ? existing.value.length : 0;

  const io = <T>(what: string, action: () => T): CliResult<T> => {
    try {
      return success(action());
    } catch (thrown) {
      return failure("INDEX_IO", `${what} failed: ${describeThrown(thrown)}; check free disk space and permissions of ${paths.dir}`);
    }
  };

  return success({
    append: (chunk) => io(`appending to the journal ${paths.journal}`, () => {
      if (chunk.length === 0) return;
      writeSync(fd, chunk);
      bytes += chunk.length;
    }),
    sync: () => io(`flushing the journal ${paths.journal}`, () => fsyncSync(fd)),
    size: () => bytes,
    replaceWithSnapshot: (snapshot) => io(`writing the snapshot ${paths.snapshot}`, () => {
      writeFileAtomically(paths.snapshot, snapshot);
      ftruncateSync(fd, 0);
      fsyncSync(fd);
      bytes = 0;
    }),
    close: () => closeSync(fd),
  });
}

function readIfPresent(path: string): CliResult<Uint8Array> {
  if (!existsSync(path)) return success(new Uint8Array(0));
  try {
    return success(readFileSync(path));
  } catch (thrown) {
    return failure("INDEX_IO", `cannot read ${path}: ${describeThrown(thrown)}; check its permissions`);
  }
}
