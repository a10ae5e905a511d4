import { closeSync, fsyncSync, openSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Replaces `path` with `bytes` so that a crash at any moment leaves either
 * the old or the new content: write a temporary file, fsync it, rename it
 * over `path`, then fsync the directory so the rename itself is durable.
 * Throws the file system's error on failure; the old file is then untouched.
 */
export function writeFileAtomically(path: string, bytes: Uint8Array | string): void {
  const temporary = `${path}.${process.pid}.tmp`;

  const fd = openSync(temporary, "w", 0o644);
  try {
    writeSync(fd, typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }

  renameSync(temporary, path);
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
