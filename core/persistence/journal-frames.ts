import { pb } from "../../bridge/codec";
import type { queryable } from "../../bridge/_generated/schema.js";
import { crc32 } from "./crc32";

/** Bytes before each payload: u32 LE payload length, u32 LE CRC-32 of the payload. */
export const FRAME_HEADER_BYTES = 8;

/** Encodes one JournalRecord as a frame: length, CRC-32, payload. */
export function encodeFrame(record: queryable.v1.IJournalRecord): Uint8Array {
  const payload = pb.JournalRecord.encode(record).finish();
  const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  const view = new DataView(frame.buffer);

  view.setUint32(0, payload.length, true);
  view.setUint32(4, crc32(payload), true);
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame;
}

/** Joins frames into one byte block for the host to append. */
export function concatFrames(frames: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const frame of frames) length += frame.length;

  const out = new Uint8Array(length);
  let offset = 0;
  for (const frame of frames) {
    out.set(frame, offset);
    offset += frame.length;
  }
  return out;
}

/** The complete frames at the start of a journal, and what followed them. */
export interface JournalRead {
  readonly records: queryable.v1.JournalRecord[];
  /** Bytes after the last complete frame: a torn write, corruption or a sequence that went backwards. */
  readonly bytesDropped: number;
}

/**
 * Reads frames from the start of `journal` and stops at the first frame that
 * is torn (shorter than its length), fails its CRC-32, does not decode, or
 * does not increase the sequence. Never fails: everything from that frame on
 * is counted in bytesDropped.
 */
export function readJournal(journal: Uint8Array): JournalRead {
  const records: queryable.v1.JournalRecord[] = [];
  const view = new DataView(journal.buffer, journal.byteOffset, journal.byteLength);
  let offset = 0;
  let lastSequence = -1;

  while (journal.length - offset >= FRAME_HEADER_BYTES) {
    const record = readFrameAt(journal, view, offset);
    if (record === null || (record.sequence ?? 0) <= lastSequence) break;

    records.push(record);
    lastSequence = record.sequence;
    offset += FRAME_HEADER_BYTES + view.getUint32(offset, true);
  }
  return { records, bytesDropped: journal.length - offset };
}

function readFrameAt(journal: Uint8Array, view: DataView, offset: number): queryable.v1.JournalRecord | null {
  const length = view.getUint32(offset, true);
  const start = offset + FRAME_HEADER_BYTES;
  if (length === 0 || start + length > journal.length) return null;
  if (crc32(journal, start, start + length) !== view.getUint32(offset + 4, true)) return null;

  try {
    return pb.JournalRecord.decode(journal.subarray(start, start + length));
  } catch {
    // A frame whose CRC matches but does not decode came from a broken
    // writer, so it ends the readable journal like any corrupt frame.
    return null;
  }
}
