// A hand-written decoder for Request frames that carry a SyncManifest.
//
// It exists because protobufjs's generic Reader is too slow without a JIT
// for the hottest request. A full sync of 100,000 entries spent more time
// in Reader.int64 (a LongBits object per date) and utf8.read (an array per
// string) than core spent planning. This decoder reads 64-bit varints as
// plain numbers and ASCII strings with one native call.
//
// It decodes entries straight into ManifestColumns, one array per field,
// and builds no message object per entry. Its columns equal those that
// manifestChunkOf builds from the generated decoder's message. On anything
// it does not handle (another Request kind, a wire type that does not
// match the field, group fields, strings that are not strict UTF-8, a
// length past the end) it returns null and the caller decodes with the
// generated decoder, so errors and protobufjs's own leniencies stay
// exactly as before.
import { emptyManifestColumns, NO_LIST, type ManifestChunk, type ManifestColumns } from "../../core/sync/manifest-columns";

/** Request field number of `sync_manifest`. */
const SYNC_MANIFEST_FIELD = 11;

/** Thrown internally to abandon the fast path; never escapes this module. */
const FALLBACK = new Error("sync manifest fast path does not apply");

// Longer strings would pass too many arguments to String.fromCharCode.
const MAX_NATIVE_STRING_BYTES = 8192;
const NON_ASCII = /[^\x00-\x7f]/;
const DOUBLE_BYTES = new Uint8Array(8);
const DOUBLE_VIEW = new Float64Array(DOUBLE_BYTES.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Returns true when `frame` starts like an encoded Request whose kind is
 * sync_manifest: field 11 first, or first after request_id (field 1).
 * Reads at most the first 8 bytes and never throws.
 */
export function looksLikeSyncManifest(frame: Uint8Array): boolean {
  let pos = 0;
  if (frame[0] === 0x08) {
    // request_id: a varint of at most 5 bytes.
    pos = 1;
    while (pos < 6 && pos < frame.length && frame[pos]! >= 0x80) pos++;
    pos++;
  }
  return frame[pos] === ((SYNC_MANIFEST_FIELD << 3) | 2);
}

/** A Request of kind sync_manifest, with its entries decoded into columns. */
export interface DecodedSyncManifest {
  readonly requestId: number;
  readonly manifest: ManifestChunk;
}

/**
 * Decodes an encoded queryable.v1.Request whose only kind field is
 * sync_manifest into the request id and `manifestChunkOf` of the message
 * that `pb.Request.decode(frame)` returns. Returns null when the frame
 * needs the generated decoder: a different or second kind, malformed or
 * unusual wire data. Throws only on a bug in this decoder.
 */
export function decodeSyncManifestRequest(frame: Uint8Array): DecodedSyncManifest | null {
  try {
    // The first pass reads strings as Latin-1 without a check each, and one
    // test over the joined strings then shows whether all were ASCII, for
    // which Latin-1 and UTF-8 agree. Otherwise the second pass decodes
    // every string as strict UTF-8.
    const latin1 = readRequest(new Cursor(frame, false));
    if (allAscii(latin1.manifest.entries)) return latin1;
    return readRequest(new Cursor(frame, true));
  } catch (thrown) {
    if (thrown === FALLBACK) return null;
    throw thrown;
  }
}

/**
 * A read position over the frame. `limit` is the end of the message being
 * read, as protobufjs's Reader.len is.
 */
class Cursor {
  pos = 0;
  limit: number;

  /** `strictStrings` false reads every string as Latin-1, for a caller that checks them afterwards. */
  constructor(
    readonly buf: Uint8Array,
    readonly strictStrings: boolean,
  ) {
    this.limit = buf.length;
  }
}

/** True when every string in `columns` is ASCII. Tests the joined strings of each column once. */
function allAscii(columns: ManifestColumns): boolean {
  if (NON_ASCII.test(columns.ids.join("")) || NON_ASCII.test(columns.fingerprints.join(""))) return false;
  let ascii = true;
  columns.extras.forEach((extras) => {
    if (extras !== undefined && NON_ASCII.test(extras.albumIds.join(""))) ascii = false;
  });
  return ascii;
}

function readRequest(cursor: Cursor): DecodedSyncManifest {
  let requestId = 0;
  let manifest: ManifestChunk | null = null;
  const end = cursor.limit;
  while (cursor.pos < end) {
    const tag = readTag(cursor);
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (field === 1) {
      if (wireType !== 0) throw FALLBACK;
      requestId = readUint32(cursor);
    } else if (field === SYNC_MANIFEST_FIELD && wireType === 2) {
      // A repeated sync_manifest replaces the earlier one, as in protobufjs.
      manifest = readSyncManifest(cursor, enterMessage(cursor));
      leaveMessage(cursor, end);
    } else if (field >= 10 && field <= 23) {
      // Another oneof kind: the generated decoder handles it and decides `kind`.
      throw FALLBACK;
    } else {
      skipField(cursor, wireType);
    }
  }
  // looksLikeSyncManifest passes only frames with sync_manifest, but a direct call may not.
  if (manifest === null) throw FALLBACK;
  return { requestId, manifest };
}

function readSyncManifest(cursor: Cursor, end: number): ManifestChunk {
  const columns = emptyManifestColumns();
  let first = false;
  let last = false;
  while (cursor.pos < end) {
    const tag = readTag(cursor);
    switch (tag) {
      case (1 << 3) | 2:
        readManifestEntry(cursor, enterMessage(cursor), columns);
        leaveMessage(cursor, end);
        break;
      case (2 << 3) | 0:
        first = readUint32(cursor) !== 0;
        break;
      case (3 << 3) | 0:
        last = readUint32(cursor) !== 0;
        break;
      default:
        skipUnknown(cursor, tag, 3);
    }
  }
  return { entries: columns, first, last };
}

/** Appends one entry to `columns`. A singular field that repeats keeps its last value, as in protobufjs. */
function readManifestEntry(cursor: Cursor, end: number, columns: ManifestColumns): void {
  let id = "";
  let createdMs = 0;
  let modifiedMs = 0;
  let favorite = false;
  let mediaType = 0;
  let subtypes: readonly number[] = NO_LIST;
  let albumIds: readonly string[] = NO_LIST;
  let location: { latitude: number; longitude: number } | null = null;
  let fingerprint = "";
  const buf = cursor.buf;
  while (cursor.pos < end) {
    // Every field of ManifestEntry has a one-byte tag, read here without a call.
    let tag = buf[cursor.pos]!;
    if (tag >= 8 && tag < 0x80) cursor.pos++;
    else tag = readTag(cursor);
    switch (tag) {
      case (1 << 3) | 2:
        id = readString(cursor);
        break;
      case (2 << 3) | 0:
        createdMs = readInt64(cursor);
        break;
      case (3 << 3) | 0:
        modifiedMs = readInt64(cursor);
        break;
      case (4 << 3) | 0:
        favorite = readUint32(cursor) !== 0;
        break;
      case (5 << 3) | 0:
        mediaType = readUint32(cursor) | 0;
        break;
      case (6 << 3) | 0: {
        const value = readUint32(cursor) | 0;
        subtypes = subtypes === NO_LIST ? [value] : [...subtypes, value];
        break;
      }
      case (6 << 3) | 2:
        subtypes = readPackedInt32(cursor, subtypes, end);
        break;
      case (7 << 3) | 2: {
        const value = readString(cursor);
        albumIds = albumIds === NO_LIST ? [value] : [...albumIds, value];
        break;
      }
      case (8 << 3) | 2: {
        // A repeated location replaces the earlier one, as in protobufjs.
        location = readLocation(cursor, enterMessage(cursor));
        leaveMessage(cursor, end);
        break;
      }
      case (9 << 3) | 2:
        fingerprint = readString(cursor);
        break;
      default:
        skipUnknown(cursor, tag, 9);
    }
  }

  const i = columns.ids.length;
  columns.ids.push(id);
  columns.createdMs.push(createdMs);
  columns.modifiedMs.push(modifiedMs);
  columns.favorites.push(favorite);
  columns.mediaTypes.push(mediaType);
  columns.fingerprints.push(fingerprint);
  if (location !== null || subtypes !== NO_LIST || albumIds !== NO_LIST) columns.extras[i] = { subtypes, albumIds, location };
}

function readLocation(cursor: Cursor, end: number): { latitude: number; longitude: number } {
  const location = { latitude: 0, longitude: 0 };
  while (cursor.pos < end) {
    const tag = readTag(cursor);
    switch (tag) {
      case (1 << 3) | 1:
        location.latitude = readDouble(cursor);
        break;
      case (2 << 3) | 1:
        location.longitude = readDouble(cursor);
        break;
      default:
        skipUnknown(cursor, tag, 2);
    }
  }
  return location;
}

// Mirrors protobufjs: the packed block becomes the limit while it is read.
// Returns `before` with the block's values appended, or NO_LIST when both are empty.
function readPackedInt32(cursor: Cursor, before: readonly number[], outerEnd: number): readonly number[] {
  const end = enterMessage(cursor);
  const values = [...before];
  while (cursor.pos < end) values.push(readUint32(cursor) | 0);
  leaveMessage(cursor, outerEnd);
  return values.length === 0 ? NO_LIST : values;
}

/** Reads a length prefix, checks it, and makes its end the limit; returns that end. */
function enterMessage(cursor: Cursor): number {
  const length = readUint32(cursor);
  const end = cursor.pos + length;
  if (end > cursor.limit) throw FALLBACK;
  cursor.limit = end;
  return end;
}

function leaveMessage(cursor: Cursor, outerEnd: number): void {
  if (cursor.pos !== cursor.limit) throw FALLBACK;
  cursor.limit = outerEnd;
}

/**
 * Skips a field that the message does not declare. A declared field with
 * another wire type falls back, because protobufjs reads it anyway with the
 * declared type's reader.
 */
function skipUnknown(cursor: Cursor, tag: number, maxField: number): void {
  const field = tag >>> 3;
  if (field <= maxField) throw FALLBACK;
  skipField(cursor, tag & 7);
}

function skipField(cursor: Cursor, wireType: number): void {
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
function readTag(cursor: Cursor): number {
  const tag = readUint32(cursor);
  if (tag >>> 3 === 0) throw FALLBACK;
  return tag;
}

/**
 * Reads a varint as protobufjs's Reader.uint32 does: the low 32 bits of up
 * to 5 bytes and, when the 5th byte continues, 5 more bytes skipped
 * unread. That is how a negative int32 (10 bytes on the wire) decodes.
 */
function readUint32(cursor: Cursor): number {
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
function readInt64(cursor: Cursor): number {
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

function readDouble(cursor: Cursor): number {
  const pos = cursor.pos;
  if (pos + 8 > cursor.limit) throw FALLBACK;
  const buf = cursor.buf;
  for (let i = 0; i < 8; i++) DOUBLE_BYTES[LITTLE_ENDIAN ? i : 7 - i] = buf[pos + i]!;
  cursor.pos = pos + 8;
  return DOUBLE_VIEW[0]!;
}

/**
 * Reads a length-delimited UTF-8 string. ASCII takes one native call, and
 * other text goes through a strict decoder. Text that is not strict UTF-8
 * falls back, because protobufjs replaces or drops such bytes its own way.
 */
function readString(cursor: Cursor): string {
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
