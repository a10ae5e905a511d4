import { crc32 } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { pb } from "../../bridge/codec";
import { protocDecode, protocEncode, isProtocAvailable, protocMissingNote, type ProtocMessage } from "../support/protoc";
import { runFrames, type FrameOutcome } from "../support/run-frames";
import { decodeToPlain } from "../support/schema-reflection";
import { nodeShell } from "../support/shell-runtime";
import { corpusFrames, frameName, loadConformanceCorpus, responseOf } from "./conformance-corpus";

const protoc = isProtocAvailable();
if (!protoc) console.warn(`skipping protoc checks: ${protocMissingNote}`);

/**
 * Checks that protoc reads `bytes` as `type` to the same values as
 * protobufjs: protoc prints text format, encodes that text again, and both
 * binaries decode to equal plain objects.
 */
function expectProtocReadsSame(type: ProtocMessage, bytes: Uint8Array, where: string): void {
  const text = protocDecode(type, bytes);
  const rewritten = protocEncode(type, text);

  expect(decodeToPlain(type, rewritten), where).toEqual(decodeToPlain(type, bytes));
}

/** Splits journal bytes into payloads, checking each frame's length and CRC-32 on the way. */
function journalPayloads(journal: Uint8Array, where: string): Uint8Array[] {
  const view = new DataView(journal.buffer, journal.byteOffset, journal.byteLength);
  const payloads: Uint8Array[] = [];
  let offset = 0;
  while (offset < journal.length) {
    expect(offset + 8, `${where}: journal frame header at byte ${offset}`).toBeLessThanOrEqual(journal.length);
    const length = view.getUint32(offset, true);
    const crc = view.getUint32(offset + 4, true);
    const payload = journal.subarray(offset + 8, offset + 8 + length);

    expect(payload.length, `${where}: journal payload length at byte ${offset}`).toBe(length);
    expect(crc32(payload), `${where}: journal CRC-32 at byte ${offset}`).toBe(crc);
    payloads.push(payload);
    offset += 8 + length;
  }
  return payloads;
}

describe.skipIf(!protoc)("protoc reads what core writes", () => {
  const corpus = loadConformanceCorpus();
  let outcomes: FrameOutcome[][];
  const responses: { where: string; bytes: Uint8Array }[] = [];

  beforeAll(() => {
    outcomes = runFrames(nodeShell, corpusFrames(corpus));
    outcomes.forEach((sequence, s) =>
      sequence.forEach((outcome, f) => {
        const where = frameName(corpus, s, f);
        responses.push({ where, bytes: responseOf(outcome, where) });
      }),
    );
  });

  it("reads every response", () => {
    for (const { where, bytes } of responses) expectProtocReadsSame("queryable.v1.Response", bytes, where);
  });

  it("reads every journal record", (context) => {
    let records = 0;
    for (const { where, bytes } of responses) {
      for (const payload of journalPayloads(pb.Response.decode(bytes).journalAppend, where)) {
        expectProtocReadsSame("queryable.v1.JournalRecord", payload, where);
        records++;
      }
    }
    if (records === 0) context.skip("no response in the corpus carried a journal append; this core build serves no changing request");
  });

  it("reads every snapshot", (context) => {
    let snapshots = 0;
    for (const { where, bytes } of responses) {
      const response = pb.Response.decode(bytes);
      const snapshotResult = response.snapshotTaken ?? response.compacted;
      if (snapshotResult === null || snapshotResult === undefined) continue;
      expectProtocReadsSame("queryable.v1.Snapshot", snapshotResult.snapshot ?? new Uint8Array(0), where);
      snapshots++;
    }
    if (snapshots === 0) context.skip("no response in the corpus carried a snapshot; this core build does not serve TakeSnapshot or Compact");
  });

  it("reads every corpus request", () => {
    for (const sequence of corpus) {
      for (const frame of sequence.frames.filter((f) => f.request !== undefined)) {
        expectProtocReadsSame("queryable.v1.Request", frame.bytes, `"${sequence.name}" / "${frame.label}"`);
      }
    }
  });
});
