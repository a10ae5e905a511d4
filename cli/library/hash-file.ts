import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/**
 * Computes the lower-case hex SHA-256 of the whole file at `path`. Rejects
 * with the file system's error when the file cannot be read to its end, so a
 * digest of part of a file is never returned.
 */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest("hex");
}
