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
//
// Each entry is read at most twice: first by readManifestEntry, a fast
// path for the field layout that encoders write, and when that does not
// match, again by readEntryFields, which reads every wire form. The costs
// quoted in comments here were measured with `jsc --useJIT=false` from
// Debian 12's libjavascriptcoregtk-4.0-bin 2.50.6 on x86-64, the stand-in
// for an iPhone's JSContext, which has no JIT.
import { emptyManifestColumns, NO_LIST, type ManifestChunk, type ManifestColumns } from "../../core/sync/manifest-columns";
import { hasNonAscii } from "../../core/tokenizer/_internal/utf8";
import {
  Cursor,
  enterMessage,
  FALLBACK,
  leaveMessage,
  readDouble,
  readInt64,
  readString,
  readTag,
  readUint32,
  skipField,
  skipUnknown,
} from "./protobuf-cursor";

/** Request field number of `sync_manifest`. */
const SYNC_MANIFEST_FIELD = 11;

const FROM_CHAR_CODE = String.fromCharCode;

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

/** True when every string in `columns` is ASCII. Tests all of them joined into one string. */
function allAscii(columns: ManifestColumns): boolean {
  const albumIds: string[] = [];
  const extras = columns.extras;
  for (let i = 0; i < extras.length; i++) {
    const entryAlbumIds = extras[i]?.albumIds;
    if (entryAlbumIds !== undefined && entryAlbumIds !== NO_LIST) albumIds.push(entryAlbumIds.join(""));
  }
  return !hasNonAscii(columns.ids.join("") + columns.fingerprints.join("") + albumIds.join(""));
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
  const buf = cursor.buf;
  let count = 0;
  let first = false;
  let last = false;
  while (cursor.pos < end) {
    // Nearly every field here is an entry with a one-byte tag and a length
    // of one or two bytes, read here without a call. A byte past the
    // buffer reads as undefined, which fails both `< 0x80` tests.
    const pos = cursor.pos;
    const low = buf[pos + 1]!;
    const high = buf[pos + 2]!;
    const start = low < 0x80 ? pos + 2 : pos + 3;
    const entryEnd = low < 0x80 ? start + low : start + ((low & 0x7f) | (high << 7));
    if (buf[pos] === ((1 << 3) | 2) && (low < 0x80 || high < 0x80) && entryEnd <= end) {
      readManifestEntry(cursor, start, entryEnd, columns, count++);
      cursor.pos = entryEnd;
      continue;
    }

    const tag = readTag(cursor);
    switch (tag) {
      case (1 << 3) | 2: {
        const entryEnd = enterMessage(cursor);
        readManifestEntry(cursor, cursor.pos, entryEnd, columns, count++);
        cursor.pos = entryEnd;
        cursor.limit = end;
        break;
      }
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

/**
 * Writes entry `i` of `columns` from the entry message in [start, end).
 * Encoders write the fields in field-number order, so this fast path reads
 * them in that order in straight-line code, with local variables and no
 * call besides the string conversion. It takes each field only in its
 * usual form. Tags take one byte, strings at most 127 bytes and dates at
 * most 7 varint bytes. Flags and enums take one byte, subtypes are one
 * packed byte, and a location is exactly latitude then longitude. On
 * anything else (another form, order or repeat, or an unknown field),
 * `pos` stops short of `end` or runs past it, and readEntryFields reads
 * the entry again. Nothing is written to `columns` before the whole entry
 * has been read.
 */
function readManifestEntry(cursor: Cursor, start: number, end: number, columns: ManifestColumns, i: number): void {
  // Strict UTF-8 is needed only in the rare second pass over a frame with non-ASCII text.
  if (cursor.strictStrings) return readEntryFields(cursor, start, end, columns, i);

  // Only the location tests bounds, because DataView throws past its end.
  // Any other read that runs past `end` leaves `pos` past `end`, so the
  // entry is read again and nothing read here is kept. A byte past the
  // buffer reads as undefined, and every comparison with undefined is
  // false, so each test below is written to take false as a mismatch or as
  // the last byte of a varint. Tags are numeric literals because a named
  // constant costs a scope lookup per use in the interpreter.
  const buf = cursor.buf;
  let pos = start;

  // Strings of at most 127 bytes, so the length takes one byte. The
  // string conversion is inline because a call costs about 20 ns.
  let id = "";
  if (buf[pos] === ((1 << 3) | 2) && buf[pos + 1]! < 0x80) {
    const stop = pos + 2 + buf[pos + 1]!;
    id = FROM_CHAR_CODE.apply(null, buf.subarray(pos + 2, stop) as unknown as number[]);
    pos = stop;
  }

  // A varint of up to 7 bytes (49 bits) sums exactly in a double, which
  // covers every date from 1970 to year 19,800 in milliseconds. A longer
  // one, such as the 10 bytes of a date before 1970, goes to
  // readEntryFields. The reads are unrolled, which saves the loop's counter
  // and scale updates, about a fifth of the time of a date. Once a byte has
  // no continuation bit, every later test fails.
  let createdMs = 0;
  if (buf[pos] === ((2 << 3) | 0)) {
    let byte = buf[++pos]!;
    createdMs = byte & 0x7f;
    if (byte > 0x7f) { byte = buf[++pos]!; createdMs += (byte & 0x7f) * 2 ** 7; }
    if (byte > 0x7f) { byte = buf[++pos]!; createdMs += (byte & 0x7f) * 2 ** 14; }
    if (byte > 0x7f) { byte = buf[++pos]!; createdMs += (byte & 0x7f) * 2 ** 21; }
    if (byte > 0x7f) { byte = buf[++pos]!; createdMs += (byte & 0x7f) * 2 ** 28; }
    if (byte > 0x7f) { byte = buf[++pos]!; createdMs += (byte & 0x7f) * 2 ** 35; }
    if (byte > 0x7f) { byte = buf[++pos]!; createdMs += (byte & 0x7f) * 2 ** 42; }
    if (byte > 0x7f) return readEntryFields(cursor, start, end, columns, i);
    pos++;
  }

  // The same unrolled read, repeated rather than called, because a call per
  // date would cost about what the unrolling saves.
  let modifiedMs = 0;
  if (buf[pos] === ((3 << 3) | 0)) {
    let byte = buf[++pos]!;
    modifiedMs = byte & 0x7f;
    if (byte > 0x7f) { byte = buf[++pos]!; modifiedMs += (byte & 0x7f) * 2 ** 7; }
    if (byte > 0x7f) { byte = buf[++pos]!; modifiedMs += (byte & 0x7f) * 2 ** 14; }
    if (byte > 0x7f) { byte = buf[++pos]!; modifiedMs += (byte & 0x7f) * 2 ** 21; }
    if (byte > 0x7f) { byte = buf[++pos]!; modifiedMs += (byte & 0x7f) * 2 ** 28; }
    if (byte > 0x7f) { byte = buf[++pos]!; modifiedMs += (byte & 0x7f) * 2 ** 35; }
    if (byte > 0x7f) { byte = buf[++pos]!; modifiedMs += (byte & 0x7f) * 2 ** 42; }
    if (byte > 0x7f) return readEntryFields(cursor, start, end, columns, i);
    pos++;
  }

  let favorite = false;
  if (buf[pos] === ((4 << 3) | 0) && buf[pos + 1]! < 0x80) {
    favorite = buf[pos + 1] !== 0;
    pos += 2;
  }

  let mediaType = 0;
  if (buf[pos] === ((5 << 3) | 0) && buf[pos + 1]! < 0x80) {
    mediaType = buf[pos + 1]!;
    pos += 2;
  }

  // A packed block of length 1, such as [1] for a live photo.
  let subtypes: readonly number[] = NO_LIST;
  if (buf[pos] === ((6 << 3) | 2) && buf[pos + 1] === 1 && buf[pos + 2]! < 0x80) {
    subtypes = [buf[pos + 2]!];
    pos += 3;
  }

  let albumIds: string[] | null = null;
  while (buf[pos] === ((7 << 3) | 2) && buf[pos + 1]! < 0x80) {
    const stop = pos + 2 + buf[pos + 1]!;
    (albumIds ??= []).push(FROM_CHAR_CODE.apply(null, buf.subarray(pos + 2, stop) as unknown as number[]));
    pos = stop;
  }

  // 20 bytes: tag, length 18, then a tag and 8 bytes for each double. One
  // DataView call per double costs far less than copying 8 bytes.
  let location: { latitude: number; longitude: number } | null = null;
  if (buf[pos] === ((8 << 3) | 2) && buf[pos + 1] === 18 && pos + 20 <= end && buf[pos + 2] === ((1 << 3) | 1) && buf[pos + 11] === ((2 << 3) | 1)) {
    location = { latitude: cursor.view.getFloat64(pos + 3, true), longitude: cursor.view.getFloat64(pos + 12, true) };
    pos += 20;
  }

  let fingerprint = "";
  if (buf[pos] === ((9 << 3) | 2) && buf[pos + 1]! < 0x80) {
    const stop = pos + 2 + buf[pos + 1]!;
    fingerprint = FROM_CHAR_CODE.apply(null, buf.subarray(pos + 2, stop) as unknown as number[]);
    pos = stop;
  }

  if (pos !== end) return readEntryFields(cursor, start, end, columns, i);

  // Index stores, because push costs more than a store at the length.
  columns.ids[i] = id;
  columns.createdMs[i] = createdMs;
  columns.modifiedMs[i] = modifiedMs;
  columns.favorites[i] = favorite;
  columns.mediaTypes[i] = mediaType;
  columns.fingerprints[i] = fingerprint;
  if (location !== null || subtypes !== NO_LIST || albumIds !== null) {
    columns.extras[i] = { subtypes, albumIds: albumIds ?? NO_LIST, location };
  }
}

/**
 * Writes entry `i` of `columns` from the entry message in [start, end),
 * reading every wire form the generated decoder accepts. A singular field
 * that repeats keeps its last value, as in protobufjs. Leaves cursor.limit
 * as it found it.
 */
function readEntryFields(cursor: Cursor, start: number, end: number, columns: ManifestColumns, i: number): void {
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
  const outerLimit = cursor.limit;
  cursor.pos = start;
  cursor.limit = end;
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
  if (cursor.pos !== end) throw FALLBACK;
  cursor.limit = outerLimit;

  columns.ids[i] = id;
  columns.createdMs[i] = createdMs;
  columns.modifiedMs[i] = modifiedMs;
  columns.favorites[i] = favorite;
  columns.mediaTypes[i] = mediaType;
  columns.fingerprints[i] = fingerprint;
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

