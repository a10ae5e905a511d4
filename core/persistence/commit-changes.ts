import type { queryable } from "../../bridge/_generated/schema.js";
import { applyChange } from "../index/apply-change";
import type { PhotoIndex } from "../index/photo-index";
import { concatFrames, encodeFrame } from "./journal-frames";

/** One journal change without its sequence, which commitChanges assigns. */
export type Change = Omit<queryable.v1.IJournalRecord, "sequence">;

/**
 * Gives each change the next sequence number, applies it to `index` and
 * returns the frames for the host to append, in order. Callers validate
 * first: a change that reaches here always applies.
 */
export function commitChanges(index: PhotoIndex, changes: readonly Change[]): Uint8Array {
  const frames: Uint8Array[] = [];
  for (const change of changes) {
    const record: queryable.v1.IJournalRecord = { ...change, sequence: index.sequence + 1 };
    applyChange(index, record);
    frames.push(encodeFrame(record));
  }
  return concatFrames(frames);
}
