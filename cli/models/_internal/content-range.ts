/** The first byte, last byte and total size (null for "*") of a `Content-Range: bytes a-b/n` header. */
export interface ContentRange {
  readonly start: number;
  readonly end: number;
  readonly total: number | null;
}

/** Parses a Content-Range header value; returns null when it is absent or not a byte range. */
export function parseContentRange(header: string | null): ContentRange | null {
  if (header === null) return null;
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header.trim());
  if (match === null) return null;

  const start = Number(match[1]);
  const end = Number(match[2]);
  const total = match[3] === "*" ? null : Number(match[3]);
  if (end < start) return null;
  return { start, end, total };
}
