import { Gunzip } from "fflate";

// Compressed bytes per push, so that inflating stops soon after the last
// line needed. 16 KiB unpacks to about 40 KB of CLIP's vocabulary.
const PUSH_BYTES = 16 * 1024;

const NEWLINE = 0x0a;

/**
 * Unpacks gzip data until the output contains `lineCount` newlines or the
 * data ends, and returns the output so far. Stopping early skips the gzip
 * trailer, so a corrupt tail or CRC goes unnoticed. Throws fflate's error on
 * invalid gzip data before that point, and returns a short or empty output,
 * without throwing, for data that ends inside the gzip header or trailer.
 */
export function gunzipLines(gzipped: Uint8Array, lineCount: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let newlines = 0;
  const stream = new Gunzip((chunk) => {
    chunks.push(chunk);
    for (let at = chunk.indexOf(NEWLINE); at !== -1 && newlines < lineCount; at = chunk.indexOf(NEWLINE, at + 1)) newlines++;
  });

  for (let start = 0; start < gzipped.length && newlines < lineCount; start += PUSH_BYTES) {
    const end = start + PUSH_BYTES;
    stream.push(gzipped.subarray(start, end), end >= gzipped.length);
  }
  return concatenate(chunks);
}

function concatenate(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;

  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
