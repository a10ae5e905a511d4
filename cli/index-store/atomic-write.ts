import { closeSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { describeThrown } from "../errors";
import type { Logger } from "../logger";

/** Returns the temporary file name that writeFileAtomically uses for `path` in process `pid`. */
export function temporaryPathFor(path: string, pid: number = process.pid): string {
  return `${path}.${pid}.tmp`;
}

/**
 * Replaces `path` with `bytes` so that a crash at any moment leaves either
 * the old or the new content: write a temporary file, fsync it, rename it
 * over `path`, then fsync the directory so the rename itself is durable.
 * Throws the file system's error on failure. The old file is then untouched
 * and the temporary file is removed. A crash can still leave the temporary
 * file behind, and removeStaleTemporaryFiles cleans it up.
 */
export function writeFileAtomically(path: string, bytes: Uint8Array | string): void {
  const temporary = temporaryPathFor(path);

  try {
    const fd = openSync(temporary, "w", 0o644);
    try {
      const data = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
      // writeSync may write less than asked, e.g. above 2 GiB on Linux.
      for (let offset = 0; offset < data.length;) offset += writeSync(fd, data, offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (thrown) {
    removeQuietly(temporary);
    throw thrown;
  }
  fsyncDirectory(dirname(path));
}

/** Flushes a directory entry change (create, rename) to disk. */
export function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes the temporary files (`NAME.PID.tmp`) that writeFileAtomically left
 * in `dir` when a process died mid-write. Only files of processes that
 * `isAlive` reports dead are removed, and only a holder of the index lock
 * should call this. Returns the removed paths; failures are logged, never thrown.
 */
export function removeStaleTemporaryFiles(dir: string, isAlive: (pid: number) => boolean, logger: Logger): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (thrown) {
    logger.warn("cannot list the index directory for stale temporary files", { dir, error: describeThrown(thrown) });
    return [];
  }

  const removed: string[] = [];
  for (const name of names) {
    const match = /\.(\d+)\.tmp$/.exec(name);
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isAlive(pid)) continue;

    const path = join(dir, name);
    try {
      unlinkSync(path);
      removed.push(path);
      logger.info("removed a temporary file left by an earlier run", { path, pid });
    } catch (thrown) {
      logger.warn("cannot remove a temporary file left by an earlier run", { path, error: describeThrown(thrown) });
    }
  }
  return removed;
}

// The original error matters more than a failed cleanup, e.g. on a full disk.
function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Missing (open failed) or not removable: the write error is what gets reported.
  }
}
