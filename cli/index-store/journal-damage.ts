// Tells a torn journal tail (the last append was cut short) from damage
// that hides complete records, and keeps a copy of a damaged journal.
// Journal frames are laid out as core writes them: u32 LE payload length,
// u32 LE CRC-32 of the payload, then the payload.
import { closeSync, constants, copyFileSync, fsyncSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { crc32 } from "../../core/persistence/crc32";
import { describeThrown, failure, success, type CliResult } from "../errors";
import { fsyncDirectory } from "./atomic-write";

const frameHeaderBytes = 8;

/** Bytes that core dropped from the end of a journal, and why they are there. */
export interface JournalDamage {
  /**
   * "torn-tail": one incomplete frame or zero bytes at the end, as an
   * interrupted append or a power loss leaves. "corrupt": the dropped bytes
   * contain a complete frame (a bad checksum, an undecodable or out-of-order
   * record, or a valid frame after the damage), so recorded changes are lost.
   */
  readonly kind: "torn-tail" | "corrupt";
  /** Offset of the first dropped byte. */
  readonly offset: number;
  readonly bytes: number;
}

/**
 * Classifies the last `bytesDropped` bytes of `journal` (core's
 * IndexOpened.journal_bytes_dropped). Returns undefined when nothing was dropped.
 */
export function classifyJournalDamage(journal: Uint8Array, bytesDropped: number): JournalDamage | undefined {
  if (bytesDropped <= 0) return undefined;

  const offset = journal.length - bytesDropped;
  const damage = (kind: JournalDamage["kind"]): JournalDamage => ({ kind, offset, bytes: bytesDropped });
  const tail = journal.subarray(offset);
  if (tail.every((byte) => byte === 0)) return damage("torn-tail");
  if (tail.length < frameHeaderBytes) return damage("torn-tail");

  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const length = view.getUint32(0, true);
  const complete = length > 0 && frameHeaderBytes + length <= tail.length;
  if (complete || containsValidFrame(tail, view)) return damage("corrupt");
  return damage("torn-tail");
}

/**
 * Copies the journal at `journalPath` to `journalPath.<label>-<UTC time>`
 * ("damaged" unless given) and makes the copy durable, so a rewrite of the
 * index never destroys the only copy of recorded changes. Returns the
 * copy's path; fails with INDEX_IO when the copy cannot be written.
 */
export function preserveDamagedJournal(journalPath: string, now: Date = new Date(), label = "damaged"): CliResult<string> {
  const copy = `${journalPath}.${label}-${now.toISOString().replace(/[:.]/g, "-")}`;
  try {
    copyFileSync(journalPath, copy, constants.COPYFILE_EXCL);
    const fd = openSync(copy, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    fsyncDirectory(dirname(copy));
    return success(copy);
  } catch (thrown) {
    return failure("INDEX_IO", `cannot save a copy of the journal to ${copy}: ${describeThrown(thrown)}; nothing was changed. Free some disk space, or copy ${journalPath} somewhere safe yourself and run again`);
  }
}

// A complete frame with a matching checksum after the first bad byte means
// the damage sits in the middle, not at the end.
function containsValidFrame(tail: Uint8Array, view: DataView): boolean {
  for (let at = 1; at + frameHeaderBytes < tail.length; at++) {
    const length = view.getUint32(at, true);
    const end = at + frameHeaderBytes + length;
    if (length === 0 || end > tail.length) continue;
    if (crc32(tail, at + frameHeaderBytes, end) === view.getUint32(at + 4, true)) return true;
  }
  return false;
}
