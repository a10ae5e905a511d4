import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** Computes the lower-case hex SHA-256 and the byte size of a file by streaming it. Rejects when the file cannot be read. */
export async function sha256File(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    size += bytes.length;
  }
  return { sha256: hash.digest("hex"), size };
}
