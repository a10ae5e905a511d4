import { describe, expect, it } from "vitest";
import { concatFrames, encodeFrame, FRAME_HEADER_BYTES, readJournal } from "../../../core/persistence/journal-frames";

const frames = [1, 2, 3].map((sequence) => encodeFrame({ sequence, assetsDropped: { ids: [`id-${sequence}`] } }));
const journal = concatFrames(frames);

describe("readJournal", () => {
  it("reads every complete frame", () => {
    const read = readJournal(journal);
    expect(read.records.map((r) => r.sequence)).toEqual([1, 2, 3]);
    expect(read.bytesDropped).toBe(0);
  });

  it("frame header holds length and CRC", () => {
    const view = new DataView(frames[0]!.buffer);
    expect(view.getUint32(0, true)).toBe(frames[0]!.length - FRAME_HEADER_BYTES);
  });

  it("drops a torn last frame", () => {
    const read = readJournal(journal.subarray(0, journal.length - 1));
    expect(read.records.map((r) => r.sequence)).toEqual([1, 2]);
    expect(read.bytesDropped).toBe(frames[2]!.length - 1);
  });

  it("drops a header shorter than 8 bytes", () => {
    const read = readJournal(journal.subarray(0, frames[0]!.length + 5));
    expect(read.records.length).toBe(1);
    expect(read.bytesDropped).toBe(5);
  });

  it("stops at a CRC mismatch", () => {
    const damaged = journal.slice();
    damaged[frames[0]!.length + 4]! ^= 1;
    const read = readJournal(damaged);
    expect(read.records.length).toBe(1);
    expect(read.bytesDropped).toBe(journal.length - frames[0]!.length);
  });

  it("stops where sequence goes backwards", () => {
    const read = readJournal(concatFrames([frames[1]!, frames[0]!]));
    expect(read.records.map((r) => r.sequence)).toEqual([2]);
    expect(read.bytesDropped).toBe(frames[0]!.length);
  });

  it("stops at a zero length frame", () => {
    const read = readJournal(concatFrames([frames[0]!, new Uint8Array(12)]));
    expect(read.records.length).toBe(1);
    expect(read.bytesDropped).toBe(12);
  });
});
