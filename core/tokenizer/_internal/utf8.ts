// UTF-8 by hand, because a bare JSContext has no TextEncoder or TextDecoder.

/**
 * Encodes a string as UTF-8. A lone surrogate is encoded as U+FFFD, as
 * TextEncoder does.
 */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    pushCodePoint(out, code);
  }
  return Uint8Array.from(out);
}

function pushCodePoint(out: number[], code: number): void {
  if (code < 0x80) {
    out.push(code);
  } else if (code < 0x800) {
    out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
  } else if (code < 0x10000) {
    out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  } else {
    out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
}

/** A decoded string, or the byte offset of the first invalid sequence. */
export type Utf8Decoded = { ok: true; text: string } | { ok: false; offset: number };

// Bytes per String.fromCharCode call, because it takes its arguments on the stack.
const CHUNK_BYTES = 8192;
/** The one-char strings U+0080 to U+00FF. */
const LATIN1_HIGH_CHARS = Array.from({ length: 0x80 }, (_, i) => String.fromCharCode(0x80 + i));

/**
 * Decodes strict UTF-8: overlong forms, surrogates, code points past
 * U+10FFFF and truncated sequences are invalid. A leading byte order mark
 * is kept as U+FEFF.
 */
export function decodeUtf8(bytes: Uint8Array): Utf8Decoded {
  // The byte-by-byte loop took 1.2 to 1.6 s for CLIP's 3.2 MB vocabulary in
  // Debian's `jsc --useJIT=false`, so valid input goes through built-in
  // functions only. Every byte becomes one Latin-1 character, escape() turns
  // bytes 0x80..0xFF into %XX, and decodeURIComponent() decodes those as
  // UTF-8. ECMA-262 makes decodeURIComponent throw URIError on exactly the
  // sequences this function calls invalid (tests compare it with a strict
  // TextDecoder), so only the error path runs the loop to find the offset.
  const latin1 = latin1String(bytes);
  // ASCII reads the same as Latin-1 and as UTF-8, so it needs no decoding.
  if (!hasNonAscii(latin1)) return { ok: true, text: latin1 };
  try {
    return { ok: true, text: decodeURIComponent(escape(latin1)) };
  } catch (thrown) {
    if (!(thrown instanceof URIError)) throw thrown;
  }
  return decodeUtf8Slowly(bytes);
}

/**
 * True when `latin1`, a string of char codes below 0x100, has one of 0x80
 * or more. Without a JIT, 128 native indexOf scans took about a quarter of
 * the time of one regular-expression test over the same string (Debian's
 * jsc --useJIT=false), and a fifth of the time of decoding it.
 */
export function hasNonAscii(latin1: string): boolean {
  for (let i = 0; i < LATIN1_HIGH_CHARS.length; i++) {
    if (latin1.indexOf(LATIN1_HIGH_CHARS[i]!) !== -1) return true;
  }
  return false;
}

function latin1String(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    parts.push(String.fromCharCode.apply(null, bytes.subarray(start, start + CHUNK_BYTES) as unknown as number[]));
  }
  return parts.join("");
}

function decodeUtf8Slowly(bytes: Uint8Array): Utf8Decoded {
  const parts: string[] = [];
  let units: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const decoded = decodeOne(bytes, i);
    if (decoded === null) return { ok: false, offset: i };
    pushUtf16(units, decoded.code);
    i += decoded.length;

    if (units.length >= CHUNK_BYTES) {
      parts.push(String.fromCharCode(...units));
      units = [];
    }
  }
  parts.push(String.fromCharCode(...units));
  return { ok: true, text: parts.join("") };
}

function decodeOne(bytes: Uint8Array, i: number): { code: number; length: number } | null {
  const lead = bytes[i] as number;
  if (lead < 0x80) return { code: lead, length: 1 };

  let length: number;
  let code: number;
  let min: number;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2; code = lead & 0x1f; min = 0x80;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3; code = lead & 0x0f; min = 0x800;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4; code = lead & 0x07; min = 0x10000;
  } else {
    return null;
  }
  if (i + length > bytes.length) return null;

  for (let k = 1; k < length; k++) {
    const next = bytes[i + k] as number;
    if ((next & 0xc0) !== 0x80) return null;
    code = (code << 6) | (next & 0x3f);
  }
  if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
  return { code, length };
}

function pushUtf16(units: number[], code: number): void {
  if (code < 0x10000) {
    units.push(code);
    return;
  }
  const offset = code - 0x10000;
  units.push(0xd800 + (offset >> 10), 0xdc00 + (offset & 0x3ff));
}
