import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/**
 * Bytes of a file's start that readAndHashFile keeps by default: 16 MiB.
 * JPEG keeps EXIF in an APP1 segment of at most 64 KiB near the start.
 * NOTE: a PNG or TIFF may store EXIF after its pixels; when that lies past
 * 16 MiB it is not read, and the file's mtime becomes its date.
 */
export const defaultHeadBytes = 16 * 1024 * 1024;

/** A file's digest and its first bytes, from one read. */
export interface HashedFile {
  /** Lower-case hex SHA-256 of the whole file. */
  readonly sha256: string;
  /** The first bytes of the file, at most the requested length; the whole file when it is shorter. */
  readonly head: Uint8Array;
}

/**
 * Computes the lower-case hex SHA-256 of the whole file at `path`. Rejects
 * with the file system's error when the file cannot be read to its end, so a
 * digest of part of a file is never returned.
 */
export async function hashFile(path: string): Promise<string> {
  return (await readAndHashFile(path, 0)).sha256;
}

/**
 * Reads the file at `path` once, returning its SHA-256 and its first
 * `headBytes` bytes, so metadata can be parsed from memory without opening
 * the file again. Rejects like hashFile. The stream closes its file
 * descriptor on success and on error.
 */
export async function readAndHashFile(path: string, headBytes: number = defaultHeadBytes): Promise<HashedFile> {
  const hash = createHash("sha256");
  const chunks: Buffer[] = [];
  let kept = 0;

  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    if (kept < headBytes) {
      const part = bytes.subarray(0, headBytes - kept);
      chunks.push(part);
      kept += part.length;
    }
  }
  return { sha256: hash.digest("hex"), head: Buffer.concat(chunks) };
}
