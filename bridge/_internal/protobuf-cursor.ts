// Reads protobuf wire data from a frame as protobufjs's Reader does, for
// the SyncManifest decoder. These functions throw FALLBACK where protobufjs
// would read past the end of the enclosing message, where it would accept
// a varint or wire type that they do not handle, and where it would repair
// a string. The caller then decodes that frame with the generated decoder.

/** Thrown to abandon the fast path. decodeSyncManifestRequest catches it and returns null. */
export const FALLBACK = new Error("sync manifest fast path does not apply");

// Longer strings would pass too many arguments to String.fromCharCode.
const MAX_NATIVE_STRING_BYTES = 8192;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * A read position over the frame. `limit` is the end of the message being
 * read, as protobufjs's Reader.len is.
 */
export class Cursor {
  pos = 0;
  limit: number;
  /** The frame's bytes, for reading a double in one call. */
  readonly view: DataView;

  /** `strictStrings` false reads every string as Latin-1, for a caller that checks them afterwards. */
  constructor(
    readonly buf: Uint8Array,
    readonly strictStrings: boolean,
  ) {
    this.limit = buf.length;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
}

/** Reads a length prefix, checks it, and makes its end the limit; returns that end. */
export function enterMessage(cursor: Cursor): number {
  const length = readUint32(cursor);
  const end = cursor.pos + length;
  if (end > cursor.limit) throw FALLBACK;
  cursor.limit = end;
  return end;
}

export function leaveMessage(cursor: Cursor, outerEnd: number): void {
  if (cursor.pos !== cursor.limit) throw FALLBACK;
  cursor.limit = outerEnd;
}

/**
 * Skips a field that the message does not declare. A declared field with
 * another wire type falls back, because protobufjs reads it anyway with the
 * declared type's reader.
 */
export function skipUnknown(cursor: Cursor, tag: number, maxField: number): void {
  const field = tag >>> 3;
  if (field <= maxField) throw FALLBACK;
  skipField(cursor, tag & 7);
}

export function skipField(cursor: Cursor, wireType: number): void {
  switch (wireType) {
    case 0:
      do {
        if (cursor.pos >= cursor.limit) throw FALLBACK;
      } while (cursor.buf[cursor.pos++]! & 0x80);
      return;
    case 1:
      skipBytes(cursor, 8);
      return;
    case 2:
      skipBytes(cursor, readUint32(cursor));
      return;
    case 5:
      skipBytes(cursor, 4);
      return;
    default:
      // Groups (3, 4) and the undefined wire types 6 and 7.
      throw FALLBACK;
  }
}

function skipBytes(cursor: Cursor, length: number): void {
  if (cursor.pos + length > cursor.limit) throw FALLBACK;
  cursor.pos += length;
}

/** Reads a tag; field number 0 is invalid, so it goes to the generated decoder too. */
export function readTag(cursor: Cursor): number {
  const tag = readUint32(cursor);
  if (tag >>> 3 === 0) throw FALLBACK;
  return tag;
}

/**
 * Reads a varint as protobufjs's Reader.uint32 does: the low 32 bits of up
 * to 5 bytes and, when the 5th byte continues, 5 more bytes skipped
 * unread. That is how a negative int32 (10 bytes on the wire) decodes.
 */
export function readUint32(cursor: Cursor): number {
  const buf = cursor.buf;
  let pos = cursor.pos;
  const limit = cursor.limit;
  if (pos >= limit) throw FALLBACK;
  let byte = buf[pos++]!;
  if (byte < 0x80) {
    cursor.pos = pos;
    return byte;
  }

  let value = byte & 0x7f;
  for (let shift = 7; shift < 28; shift += 7) {
    if (pos >= limit) throw FALLBACK;
    byte = buf[pos++]!;
    value |= (byte & 0x7f) << shift;
    if (byte < 0x80) {
      cursor.pos = pos;
      return value >>> 0;
    }
  }

  if (pos >= limit) throw FALLBACK;
  byte = buf[pos++]!;
  value = (value | ((byte & 0x0f) << 28)) >>> 0;
  if (byte >= 0x80) {
    pos += 5;
    if (pos > limit) throw FALLBACK;
  }
  cursor.pos = pos;
  return value;
}

/**
 * Reads an int64 varint as a number, equal to protobufjs's LongBits.toNumber
 * result when util.Long is unset: exact up to 2^53 in magnitude, rounded
 * beyond. Varints longer than 10 bytes fall back.
 */
export function readInt64(cursor: Cursor): number {
  const buf = cursor.buf;
  let pos = cursor.pos;
  const limit = cursor.limit;

  // Up to 7 bytes (49 bits) sum exactly in a double, which covers every
  // date from 1970 to year 19,800 in milliseconds.
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 7; i++) {
    if (pos >= limit) throw FALLBACK;
    const byte = buf[pos++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      cursor.pos = pos;
      return value;
    }
    scale *= 128;
  }
  return readLongInt64(cursor);
}

function readLongInt64(cursor: Cursor): number {
  const buf = cursor.buf;
  let pos = cursor.pos;
  const limit = cursor.limit;
  let lo = 0;
  let hi = 0;
  let done = false;

  for (let i = 0; i < 10 && !done; i++) {
    if (pos >= limit) throw FALLBACK;
    const byte = buf[pos++]!;
    const bits = byte & 0x7f;
    if (i < 4) lo |= bits << (7 * i);
    else if (i === 4) {
      lo |= bits << 28;
      hi |= bits >>> 4;
    } else hi |= bits << (7 * (i - 5) + 3);
    done = byte < 0x80;
  }
  if (!done) throw FALLBACK;
  cursor.pos = pos;

  lo >>>= 0;
  hi >>>= 0;
  if (hi >>> 31) {
    let negLo = (~lo + 1) >>> 0;
    let negHi = ~hi >>> 0;
    if (negLo === 0) negHi = (negHi + 1) >>> 0;
    return -(negLo + negHi * 4294967296);
  }
  return lo + hi * 4294967296;
}

export function readDouble(cursor: Cursor): number {
  const pos = cursor.pos;
  if (pos + 8 > cursor.limit) throw FALLBACK;
  cursor.pos = pos + 8;
  return cursor.view.getFloat64(pos, true);
}

/**
 * Reads a length-delimited UTF-8 string. ASCII takes one native call, and
 * other text goes through a strict decoder. Text that is not strict UTF-8
 * falls back, because protobufjs replaces or drops such bytes its own way.
 */
export function readString(cursor: Cursor): string {
  const length = readUint32(cursor);
  const start = cursor.pos;
  const end = start + length;
  if (end > cursor.limit) throw FALLBACK;
  cursor.pos = end;
  if (length === 0) return "";
  if (length > MAX_NATIVE_STRING_BYTES) throw FALLBACK;

  const bytes = cursor.buf.subarray(start, end);
  const latin1 = String.fromCharCode.apply(null, bytes as unknown as number[]);
  return cursor.strictStrings && NON_ASCII.test(latin1) ? decodeStrictUtf8(bytes) : latin1;
}

function decodeStrictUtf8(bytes: Uint8Array): string {
  const units: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i]!;
    if (first < 0x80) {
      units.push(first);
      i++;
      continue;
    }

    let count: number;
    let min: number;
    let point: number;
    if (first >= 0xc2 && first <= 0xdf) {
      count = 1; min = 0x80; point = first & 0x1f;
    } else if (first >= 0xe0 && first <= 0xef) {
      count = 2; min = 0x800; point = first & 0x0f;
    } else if (first >= 0xf0 && first <= 0xf4) {
      count = 3; min = 0x10000; point = first & 0x07;
    } else {
      throw FALLBACK;
    }
    if (i + count >= bytes.length) throw FALLBACK;
    for (let k = 1; k <= count; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) throw FALLBACK;
      point = (point << 6) | (next & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and points past U+10FFFF are not UTF-8.
    if (point < min || (point >= 0xd800 && point <= 0xdfff) || point > 0x10ffff) throw FALLBACK;

    if (point >= 0x10000) {
      point -= 0x10000;
      units.push(0xd800 + (point >> 10), 0xdc00 + (point & 0x3ff));
    } else {
      units.push(point);
    }
    i += count + 1;
  }
  return String.fromCharCode.apply(null, units);
}
