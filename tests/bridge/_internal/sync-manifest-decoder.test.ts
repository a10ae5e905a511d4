import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as esbuild from "esbuild";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pb } from "../../../bridge/codec";
import { createCore, type Core } from "../../../bridge/handle";
import { decodeSyncManifestRequest, looksLikeSyncManifest, type DecodedSyncManifest } from "../../../bridge/_internal/sync-manifest-decoder";
import { manifestChunkOf } from "../../../core/sync/manifest-columns";
import { isJscAvailable, jscCommand, jscMissingNote } from "../../support/shell-runtime";

// A minimal protobuf wire writer, so frames can hold what the generated
// encoder never writes: unknown fields, odd field order, repeated singular
// fields, non-canonical varints.
type Bytes = number[];

function varint(value: bigint): Bytes {
  let rest = BigInt.asUintN(64, value);
  const out: Bytes = [];
  while (rest >= 0x80n) {
    out.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  out.push(Number(rest));
  return out;
}

const tag = (field: number, wireType: number): Bytes => varint(BigInt(field * 8 + wireType));
const utf8 = (text: string): Bytes => [...new TextEncoder().encode(text)];
const delimited = (field: number, body: Bytes): Bytes => [...tag(field, 2), ...varint(BigInt(body.length)), ...body];
const varintField = (field: number, value: bigint): Bytes => [...tag(field, 0), ...varint(value)];

function doubleField(field: number, value: number): Bytes {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value, true);
  return [...tag(field, 1), ...new Uint8Array(view.buffer)];
}

const text = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.constantFrom("", "IMG_0001", "é", "日本/写真", "🏔️-1"));
const int64 = fc.oneof(
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }).map(BigInt),
  fc.integer({ min: 0, max: 4_102_444_800_000 }).map(BigInt),
);
const int32 = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 7 })).map(BigInt);

function unknownField(minField: number): fc.Arbitrary<Bytes> {
  const field = fc.oneof(fc.integer({ min: minField, max: minField + 20 }), fc.integer({ min: minField, max: 2 ** 29 - 1 }));
  return fc.oneof(
    fc.tuple(field, fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })).map(([f, v]) => varintField(f, v)),
    fc.tuple(field, fc.uint8Array({ maxLength: 12 })).map(([f, v]) => delimited(f, [...v])),
    fc.tuple(field, fc.uint8Array({ minLength: 8, maxLength: 8 })).map(([f, v]) => [...tag(f, 1), ...v]),
    fc.tuple(field, fc.uint8Array({ minLength: 4, maxLength: 4 })).map(([f, v]) => [...tag(f, 5), ...v]),
  );
}

const location = fc.array(
  fc.oneof(
    fc.double().map((v) => doubleField(1, v)),
    fc.double().map((v) => doubleField(2, v)),
    unknownField(3),
  ),
  { maxLength: 5 },
).map((fields) => fields.flat());

const entry = fc.array(
  fc.oneof(
    text.map((v) => delimited(1, utf8(v))),
    int64.map((v) => varintField(2, v)),
    int64.map((v) => varintField(3, v)),
    fc.bigInt({ min: 0n, max: 3n }).map((v) => varintField(4, v)),
    int32.map((v) => varintField(5, v)),
    int32.map((v) => varintField(6, v)),
    fc.array(int32, { maxLength: 4 }).map((vs) => delimited(6, vs.flatMap((v) => varint(v)))),
    text.map((v) => delimited(7, utf8(v))),
    location.map((v) => delimited(8, v)),
    text.map((v) => delimited(9, utf8(v))),
    unknownField(10),
  ),
  { maxLength: 14 },
).map((fields) => fields.flat());

const manifest = fc.array(
  fc.oneof(
    { weight: 5, arbitrary: entry.map((v) => delimited(1, v)) },
    { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 2n }).map((v) => varintField(2, v)) },
    { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 2n }).map((v) => varintField(3, v)) },
    { weight: 1, arbitrary: unknownField(4) },
  ),
  { maxLength: 10 },
).map((fields) => fields.flat());

/** A valid Request frame whose kind is sync_manifest, starting the way the peek expects. */
const syncFrame = fc
  .tuple(
    fc.option(fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }), { nil: undefined }),
    manifest,
    fc.array(
      fc.oneof(
        manifest.map((v) => delimited(11, v)),
        fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }).map((v) => varintField(1, v)),
        unknownField(24),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([requestId, first, rest]) => Uint8Array.from([
    ...(requestId === undefined ? [] : varintField(1, requestId)),
    ...delimited(11, first),
    ...rest.flat(),
  ]));

function generated(frame: Uint8Array): unknown {
  try {
    return pb.Request.decode(frame);
  } catch {
    return "throws";
  }
}

/** The request id and manifest columns of a generated decode, as the fast decoder returns them. */
function columnsOf(request: InstanceType<typeof pb.Request>): DecodedSyncManifest {
  return { requestId: request.requestId, manifest: manifestChunkOf(request.syncManifest!) };
}

/** Asserts the same request id, flags and columns, NaN and -0 included. */
function expectSameColumns(actual: DecodedSyncManifest | null, expected: DecodedSyncManifest): void {
  expect(actual).not.toBeNull();
  expect(actual!.requestId).toBe(expected.requestId);
  expect(actual!.manifest.first).toBe(expected.manifest.first);
  expect(actual!.manifest.last).toBe(expected.manifest.last);
  expect(actual!.manifest.entries).toStrictEqual(expected.manifest.entries);
}

describe("decodeSyncManifestRequest", () => {
  it("matches generated decoder on valid frames", () => {
    fc.assert(
      fc.property(syncFrame, (frame) => {
        expect(looksLikeSyncManifest(frame)).toBe(true);
        const fast = decodeSyncManifestRequest(frame);
        const expected = generated(frame);
        expect(expected).not.toBe("throws");
        expect((expected as InstanceType<typeof pb.Request>).kind).toBe("syncManifest");
        expectSameColumns(fast, columnsOf(expected as InstanceType<typeof pb.Request>));
      }),
      { numRuns: 500 },
    );
  });

  it("returns null or the generated result on damaged frames", () => {
    const damaged = fc.oneof(
      fc.tuple(syncFrame, fc.nat()).map(([frame, cut]) => frame.subarray(0, cut % (frame.length + 1))),
      fc.tuple(syncFrame, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([frame, at, byte]) => {
        const copy = Uint8Array.from(frame);
        copy[at % copy.length] = byte;
        return copy;
      }),
      fc.uint8Array({ maxLength: 64 }).map((tail) => Uint8Array.from([0x5a, ...tail])),
    );
    fc.assert(
      fc.property(damaged, (frame) => {
        const fast = decodeSyncManifestRequest(frame);
        const expected = generated(frame);
        if (expected === "throws") expect(fast).toBeNull();
        else if (fast !== null) expectSameColumns(fast, columnsOf(expected as InstanceType<typeof pb.Request>));
      }),
      { numRuns: 2000 },
    );
  });

  it("falls back on invalid UTF-8 and groups", () => {
    const badUtf8 = Uint8Array.from(delimited(11, delimited(1, delimited(1, [0xc0, 0x80]))));
    const surrogate = Uint8Array.from(delimited(11, delimited(1, delimited(1, [0xed, 0xa0, 0x80]))));
    const group = Uint8Array.from(delimited(11, delimited(1, [...tag(20, 3), ...tag(20, 4)])));
    expect(decodeSyncManifestRequest(badUtf8)).toBeNull();
    expect(decodeSyncManifestRequest(surrogate)).toBeNull();
    expect(decodeSyncManifestRequest(group)).toBeNull();
  });

  it.each([1, 7, 9])("decodes non-ASCII text in field %i", (field) => {
    const plain = delimited(1, [...delimited(1, utf8("a")), ...delimited(9, utf8("fp")), ...delimited(7, utf8("album"))]);
    const accented = delimited(1, [...delimited(1, utf8("b")), ...delimited(field, utf8("日本/é"))]);
    const frame = Uint8Array.from(delimited(11, [...plain, ...accented]));
    expectSameColumns(decodeSyncManifestRequest(frame), columnsOf(pb.Request.decode(frame)));
  });

  it("falls back on a second request kind", () => {
    const frame = Uint8Array.from([...delimited(11, []), ...delimited(17, [])]);
    expect(decodeSyncManifestRequest(frame)).toBeNull();
  });
});

// Entries as encoders write them: each field at most once and in
// field-number order, which is the layout the decoder reads on its fast
// path. Each field is one Bytes element, so tests can cut, reorder or
// repeat whole fields.
const asciiText = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)), maxLength: 60 });
const photoKitId = fc.uuid().map((uuid) => `${uuid.toUpperCase()}/L0/001`);

/** Values whose varints take `bytes` bytes; 10 bytes is every negative int64. */
function int64OfVarintLength(bytes: number): fc.Arbitrary<bigint> {
  if (bytes === 10) return fc.bigInt({ min: -(2n ** 63n), max: -1n });
  const min = bytes === 1 ? 0n : 2n ** BigInt(7 * (bytes - 1));
  return fc.bigInt({ min, max: 2n ** BigInt(7 * bytes) - 1n });
}

const date = fc.oneof(
  fc.integer({ min: 1, max: 10 }).chain(int64OfVarintLength),
  fc.integer({ min: 0, max: 4_102_444_800_000 }).map(BigInt),
);

const encoderOrderFields = fc
  .record(
    {
      id: fc.oneof(photoKitId, asciiText, text),
      createdMs: date,
      modifiedMs: date,
      favorite: fc.bigInt({ min: 0n, max: 2n }),
      mediaType: int32,
      subtypes: fc.oneof(fc.constant([1n]), fc.array(int32, { minLength: 1, maxLength: 3 })),
      albumIds: fc.array(fc.oneof(photoKitId, asciiText, text), { minLength: 1, maxLength: 3 }),
      location: fc.tuple(fc.double(), fc.double()),
      fingerprint: fc.oneof(asciiText, text),
    },
    { requiredKeys: [] },
  )
  .map((entry): Bytes[] => {
    const fields: Bytes[] = [];
    if (entry.id !== undefined) fields.push(delimited(1, utf8(entry.id)));
    if (entry.createdMs !== undefined) fields.push(varintField(2, entry.createdMs));
    if (entry.modifiedMs !== undefined) fields.push(varintField(3, entry.modifiedMs));
    if (entry.favorite !== undefined) fields.push(varintField(4, entry.favorite));
    if (entry.mediaType !== undefined) fields.push(varintField(5, entry.mediaType));
    if (entry.subtypes !== undefined) fields.push(delimited(6, entry.subtypes.flatMap((v) => varint(v))));
    for (const albumId of entry.albumIds ?? []) fields.push(delimited(7, utf8(albumId)));
    if (entry.location !== undefined) fields.push(delimited(8, [...doubleField(1, entry.location[0]), ...doubleField(2, entry.location[1])]));
    if (entry.fingerprint !== undefined) fields.push(delimited(9, utf8(entry.fingerprint)));
    return fields;
  });

/** Encodes a Request frame with `entries` (each a list of fields) and then the `first` and `last` flags, in pb.Request.encode's order. */
function manifestFrame(entries: readonly (readonly Bytes[])[], requestId = 7n): Uint8Array {
  const body = entries.flatMap((fields) => delimited(1, fields.flat()));
  return Uint8Array.from([...varintField(1, requestId), ...delimited(11, [...body, ...varintField(2, 1n), ...varintField(3, 1n)])]);
}

/** Asserts that the decoder returns exactly the generated decoder's columns for `frame`. */
function expectGeneratedColumns(frame: Uint8Array): void {
  expectSameColumns(decodeSyncManifestRequest(frame), columnsOf(pb.Request.decode(frame)));
}

const fullEntry: Bytes[] = [
  delimited(1, utf8("6F9619FF-8B86-D011-B42D-00CF4FC964FF/L0/001")),
  varintField(2, 1_704_067_200_000n),
  varintField(3, 1_704_153_600_000n),
  varintField(4, 1n),
  varintField(5, 2n),
  delimited(6, [1]),
  delimited(7, utf8("6C1D5A0E-41F2-4B7A-9E55-2D7C0B3A1F00/L0/007")),
  delimited(7, utf8("6C1D5A0E-41F2-4B7A-9E55-2D7C0B3A1F00/L0/012")),
  delimited(8, [...doubleField(1, 48.8566), ...doubleField(2, -2.3522)]),
  delimited(9, utf8("sha256:9f86d081884c7d659a2feaa0c55ad015")),
];

describe("decodeSyncManifestRequest on encoder-order entries", () => {
  it("matches generated decoder", () => {
    fc.assert(
      fc.property(fc.array(encoderOrderFields, { maxLength: 8 }), (entries) => {
        expectGeneratedColumns(manifestFrame(entries));
      }),
      { numRuns: 1000 },
    );
  });

  it("matches pb.Request.encode output", () => {
    const entries = [
      { id: "A", createdMs: 1_704_067_200_000, modifiedMs: 1_704_067_200_000, mediaType: 1 },
      { id: "B", createdMs: -86_400_000, modifiedMs: 0, favorite: true, mediaType: 2, subtypes: [1], location: { latitude: 0, longitude: -0 } },
      { id: "C", albumIds: ["x", "y"], location: { latitude: Number.NaN, longitude: Number.POSITIVE_INFINITY }, fingerprint: "f" },
      {},
    ];
    const frame = pb.Request.encode({ requestId: 3, syncManifest: { entries, first: true, last: false } }).finish();
    expectGeneratedColumns(frame);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])("reads dates of %i varint bytes", (bytes) => {
    fc.assert(
      fc.property(int64OfVarintLength(bytes), int64OfVarintLength(bytes), (created, modified) => {
        expect(varint(created)).toHaveLength(bytes);
        expectGeneratedColumns(manifestFrame([[varintField(2, created), varintField(3, modified), varintField(5, 1n)]]));
        expectGeneratedColumns(manifestFrame([[delimited(1, utf8("a")), varintField(2, created)], [varintField(3, modified)]]));
      }),
      { numRuns: 200 },
    );
  });

  it("reads dates at varint length limits", () => {
    for (let bytes = 1; bytes <= 9; bytes++) {
      const lowest = bytes === 1 ? 0n : 2n ** BigInt(7 * (bytes - 1));
      const highest = 2n ** BigInt(7 * bytes) - 1n;
      for (const value of [lowest, highest, -lowest, -highest]) {
        expectGeneratedColumns(manifestFrame([[varintField(2, value), varintField(3, value)]]));
      }
    }
  });

  it("reads varints padded with continuation bytes", () => {
    // A value written in more bytes than it needs, as a careless encoder may.
    const padded = (value: number, bytes: number): Bytes => {
      const out: Bytes = [];
      for (let i = 0; i < bytes - 1; i++) out.push((Math.floor(value / 2 ** (7 * i)) & 0x7f) | 0x80);
      out.push(0);
      return out;
    };
    for (let bytes = 2; bytes <= 10; bytes++) {
      expectGeneratedColumns(manifestFrame([[[...tag(2, 0), ...padded(5, bytes)], [...tag(3, 0), ...padded(1_704_067_200_000, bytes)]]]));
    }
    // protobufjs reads a 32-bit varint of 6 to 9 bytes as 10 bytes, so those lengths are left out.
    for (const bytes of [2, 3, 4, 5, 10]) {
      expectGeneratedColumns(manifestFrame([[[...tag(4, 0), ...padded(1, bytes)], [...tag(5, 0), ...padded(2, bytes)]]]));
      expectGeneratedColumns(manifestFrame([[delimited(6, padded(1, bytes))]]));
    }
  });

  it("reads varints up to their last byte", () => {
    // Dates of every length whose last byte equals a field tag, followed by
    // a byte that is valid only as that field's value. A reader that stops
    // one byte early or late reads a different, often valid, entry.
    const tags = [0x0a, 0x10, 0x18, 0x20, 0x28, 0x32, 0x3a, 0x42, 0x4a];
    for (let bytes = 2; bytes <= 10; bytes++) {
      for (const last of tags) {
        for (const field of [2, 3]) {
          const value = [...Array.from({ length: bytes - 1 }, (_, i) => 0x80 | (i + 1)), last];
          for (const tail of [[], [0x01], [0x00, 0x01], [0x28, 0x01]]) {
            const frame = manifestFrame([[delimited(1, utf8("a")), [...tag(field, 0), ...value], tail]]);
            const expected = generated(frame);
            const fast = decodeSyncManifestRequest(frame);
            // A tail starting with byte 0 is field 0, which this decoder leaves to the generated one.
            if (expected === "throws" || tail[0] === 0) expect(fast, `${bytes} bytes ending ${last}, tail ${tail}`).toBeNull();
            else expectSameColumns(fast, columnsOf(expected as InstanceType<typeof pb.Request>));
          }
        }
      }
    }
  });

  it("reads fields in any order and repeated", () => {
    const shuffled = encoderOrderFields.chain((fields) =>
      fc.tuple(
        fc.shuffledSubarray(fields, { minLength: fields.length, maxLength: fields.length }),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), unknownField(10)), { maxLength: 2 }),
      ),
    ).map(([fields, repeats, unknowns]) => {
      const out = [...fields];
      for (const at of repeats) if (fields.length > 0) out.splice(at % (out.length + 1), 0, fields[at % fields.length]!);
      for (const [at, unknown] of unknowns) out.splice(at % (out.length + 1), 0, unknown);
      return out;
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(shuffled, encoderOrderFields), { maxLength: 6 }), (entries) => {
        expectGeneratedColumns(manifestFrame(entries));
      }),
      { numRuns: 1000 },
    );
  });

  it("reads entries with unpacked or long subtypes", () => {
    expectGeneratedColumns(manifestFrame([[varintField(6, 1n)]]));
    expectGeneratedColumns(manifestFrame([[delimited(6, [1]), delimited(6, [2])]]));
    expectGeneratedColumns(manifestFrame([[delimited(6, [])]]));
    expectGeneratedColumns(manifestFrame([[delimited(6, varint(-1n))]]));
    expectGeneratedColumns(manifestFrame([[delimited(6, [1, 2, 3])]]));
  });

  it("reads locations of other shapes", () => {
    expectGeneratedColumns(manifestFrame([[delimited(8, [])]]));
    expectGeneratedColumns(manifestFrame([[delimited(8, doubleField(1, 1.5))]]));
    expectGeneratedColumns(manifestFrame([[delimited(8, doubleField(2, 1.5))]]));
    expectGeneratedColumns(manifestFrame([[delimited(8, [...doubleField(2, 1.5), ...doubleField(1, 2.5)])]]));
    expectGeneratedColumns(manifestFrame([[delimited(8, [...doubleField(1, 1.5), ...doubleField(1, 2.5)])]]));
    expectGeneratedColumns(manifestFrame([[delimited(8, [...doubleField(1, 1.5), ...doubleField(2, 2.5), ...varintField(3, 1n)])]]));
    for (const value of [Number.NaN, -0, 0, Number.NEGATIVE_INFINITY, Number.MIN_VALUE, -Number.MAX_VALUE]) {
      expectGeneratedColumns(manifestFrame([[delimited(8, [...doubleField(1, value), ...doubleField(2, value)])]]));
    }
  });

  it("reads entries of 1-, 2- and 3-byte lengths", () => {
    const lengthBytesByAlbums = new Map([[1, 1], [4, 2], [400, 3]]);
    for (const [albums, lengthBytes] of lengthBytesByAlbums) {
      const entry = [fullEntry[0]!, ...Array.from({ length: albums }, (_, i) => delimited(7, utf8(`album-${i}`.padEnd(40, "x"))))];
      expect(varint(BigInt(entry.flat().length))).toHaveLength(lengthBytes);
      expectGeneratedColumns(manifestFrame([entry, fullEntry]));
    }
  });

  it("reads entry lengths padded with continuation bytes", () => {
    const body = fullEntry.flat();
    const paddedLength = [(body.length & 0x7f) | 0x80, body.length >> 7];
    const frame = Uint8Array.from(delimited(11, [...tag(1, 2), ...paddedLength, ...body, ...delimited(1, body)]));
    expectGeneratedColumns(frame);
    expect(decodeSyncManifestRequest(frame)!.manifest.entries.ids).toHaveLength(2);
  });

  it("reads strings of 128 bytes and more", () => {
    const entryOf = (length: number): Bytes[] => [delimited(1, utf8("i".repeat(length))), delimited(7, utf8("a".repeat(length))), delimited(9, utf8("f".repeat(length)))];
    for (const length of [127, 128, 300, 8192]) expectGeneratedColumns(manifestFrame([entryOf(length)]));
    // Longer strings would pass too many arguments to String.fromCharCode.
    expect(decodeSyncManifestRequest(manifestFrame([entryOf(8193)]))).toBeNull();
  });

  it("reads empty entries and entries next to flags", () => {
    const idOnly = [delimited(1, utf8("a"))];
    expectGeneratedColumns(manifestFrame([[], idOnly, [], fullEntry, []]));
    // An entry whose next sibling starts with a byte equal to an entry field tag.
    const frame = Uint8Array.from(delimited(11, [...delimited(1, idOnly.flat()), ...varintField(2, 1n), ...delimited(1, idOnly.flat()), ...varintField(3, 1n)]));
    expectGeneratedColumns(frame);
    const beforeUnknown = Uint8Array.from(delimited(11, [...delimited(1, idOnly.flat()), ...delimited(9, utf8("manifest field 9"))]));
    expectGeneratedColumns(beforeUnknown);
  });

  it("falls back on an entry cut inside a field", () => {
    const boundaries = new Set<number>([0]);
    for (let i = 0, at = 0; i < fullEntry.length; i++) boundaries.add((at += fullEntry[i]!.length));
    const body = fullEntry.flat();
    for (let cut = 0; cut <= body.length; cut++) {
      const cutEntry = body.slice(0, cut);
      // The cut entry once between whole entries, so reads past its end see
      // the next entry, and once last in the frame, so they see no bytes.
      const framed = [
        Uint8Array.from(delimited(11, [...delimited(1, body), ...delimited(1, cutEntry), ...delimited(1, body)])),
        Uint8Array.from(delimited(11, [...delimited(1, body), ...delimited(1, cutEntry)])),
      ];
      for (const frame of framed) {
        if (boundaries.has(cut)) expectGeneratedColumns(frame);
        else expect(decodeSyncManifestRequest(frame), `cut at byte ${cut}`).toBeNull();
      }
    }
  });

  it("falls back on a manifest cut at any byte", () => {
    // The request keeps a valid length for the cut manifest, so the decoder
    // reaches the entry whose length now runs past the frame.
    const entries = [fullEntry, [fullEntry[0]!, fullEntry[8]!], [fullEntry[8]!], fullEntry];
    const encoded = entries.map((fields) => delimited(1, fields.flat()));
    const boundaries = new Set<number>([0]);
    for (let i = 0, at = 0; i < encoded.length; i++) boundaries.add((at += encoded[i]!.length));
    const body = encoded.flat();
    for (let cut = 0; cut <= body.length; cut++) {
      const frame = Uint8Array.from([...varintField(1, 5n), ...delimited(11, body.slice(0, cut))]);
      if (boundaries.has(cut)) expectGeneratedColumns(frame);
      else expect(decodeSyncManifestRequest(frame), `cut at byte ${cut}`).toBeNull();
    }
  });

  it("reads 2-byte string lengths whose low byte would parse", () => {
    // 256 bytes: read with only the low length byte (128), the string would
    // end early and its rest would read as a 127-byte fingerprint.
    const text = [...utf8("a".repeat(127)), (9 << 3) | 2, 127, ...utf8("x".repeat(127))];
    expect(varint(BigInt(text.length))).toEqual([0x80, 0x02]);
    expectGeneratedColumns(manifestFrame([[delimited(1, text)]]));
    expectGeneratedColumns(manifestFrame([[delimited(1, utf8("a")), delimited(7, text)]]));
  });

  it("falls back on a frame cut at any byte", () => {
    const frame = manifestFrame([fullEntry, [fullEntry[0]!, fullEntry[1]!], fullEntry]);
    for (let cut = 0; cut < frame.length; cut++) {
      expect(decodeSyncManifestRequest(frame.subarray(0, cut)), `cut at byte ${cut}`).toBeNull();
    }
    expectGeneratedColumns(frame);
  });

  it("returns null or the generated result on damaged frames", () => {
    const frame = manifestFrame([fullEntry, fullEntry]);
    for (let at = 0; at < frame.length; at++) {
      for (const byte of [0x00, 0x01, 0x12, 0x7f, 0x80, 0xff]) {
        const copy = Uint8Array.from(frame);
        copy[at] = byte;
        const fast = decodeSyncManifestRequest(copy);
        const expected = generated(copy);
        if (expected === "throws") expect(fast, `byte ${at} set to ${byte}`).toBeNull();
        else if (fast !== null) expectSameColumns(fast, columnsOf(expected as InstanceType<typeof pb.Request>));
      }
    }
  });

  it.each([1, 7, 9])("falls back on each lone non-ASCII byte in field %i", (field) => {
    for (let byte = 0x80; byte <= 0xff; byte++) {
      const text = [0x61, byte, 0x62];
      const entry = field === 1 ? [delimited(1, text)] : [delimited(1, utf8("a")), delimited(field, text)];
      expect(decodeSyncManifestRequest(manifestFrame([fullEntry, entry])), `byte ${byte}`).toBeNull();
    }
  });

  it.each([1, 7, 9])("decodes U+0080 to U+00FF in field %i", (field) => {
    // Valid UTF-8 for each char, which the strict second pass decodes.
    for (let code = 0x80; code <= 0xff; code++) {
      const text = utf8(`a${String.fromCharCode(code)}b`);
      const entry = field === 1 ? [delimited(1, text)] : [delimited(1, utf8("a")), delimited(field, text)];
      expectGeneratedColumns(manifestFrame([fullEntry, entry]));
    }
  });
});

// Runs inside jsc: decodes each length-prefixed frame of the file with the
// bundled decoder and prints one line per frame, as serializeDecoded does.
const JSC_RUNNER = `
load(arguments[0]);
var file = readFile(arguments[1], "binary");
var offset = 0;
while (offset < file.length) {
  var length = (file[offset] | (file[offset + 1] << 8) | (file[offset + 2] << 16) | (file[offset + 3] << 24)) >>> 0;
  var frame = file.subarray(offset + 4, offset + 4 + length);
  offset += 4 + length;
  print(SyncManifestDecoder.serializeDecoded(SyncManifestDecoder.decodeSyncManifestRequest(frame)));
}
`;

/** Writes a decoder result as one line that keeps NaN, infinities and -0 apart. Runs in jsc as well. */
function serializeDecoded(decoded: unknown): string {
  return JSON.stringify(decoded, (_key, value: unknown) =>
    typeof value === "number" && (!Number.isFinite(value) || Object.is(value, -0)) ? `number ${Object.is(value, -0) ? "-0" : String(value)}` : value,
  );
}

describe.skipIf(!isJscAvailable())(`decodeSyncManifestRequest in jsc${isJscAvailable() ? "" : ` (skipped: ${jscMissingNote})`}`, () => {
  const dir = mkdtempSync(join(tmpdir(), "queryable-manifest-decoder-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("matches Node without JIT", () => {
    // The fast path relies on how the engine reads bytes past the end of a
    // Uint8Array and on DataView, so it runs here in JavaScriptCore's interpreter too.
    const entryLists = fc.sample(fc.array(encoderOrderFields, { maxLength: 6 }), { seed: 20_260_101, numRuns: 300 });
    const frames = entryLists.map((entries) => manifestFrame(entries));
    const whole = manifestFrame([fullEntry, [fullEntry[0]!, fullEntry[1]!], [], fullEntry]);
    for (let cut = 0; cut <= whole.length; cut++) frames.push(whole.subarray(0, cut));
    const body = [...delimited(1, fullEntry.flat()), ...delimited(1, fullEntry.flat())];
    for (let cut = 0; cut <= body.length; cut++) frames.push(Uint8Array.from(delimited(11, body.slice(0, cut))));

    const entry = join(dir, "entry.ts");
    writeFileSync(entry, `export { decodeSyncManifestRequest } from ${JSON.stringify(join(__dirname, "../../../bridge/_internal/sync-manifest-decoder"))};\nexport const serializeDecoded = ${serializeDecoded.toString()};\n`);
    esbuild.buildSync({ entryPoints: [entry], outfile: join(dir, "decoder.js"), bundle: true, format: "iife", globalName: "SyncManifestDecoder", target: "safari16", logLevel: "warning" });
    writeFileSync(join(dir, "runner.js"), JSC_RUNNER);
    const file = frames.flatMap((frame) => {
      const length = new DataView(new ArrayBuffer(4));
      length.setUint32(0, frame.length, true);
      return [...new Uint8Array(length.buffer), ...frame];
    });
    writeFileSync(join(dir, "frames.bin"), Uint8Array.from(file));

    const run = spawnSync(jscCommand, ["--useJIT=false", join(dir, "runner.js"), "--", join(dir, "decoder.js"), join(dir, "frames.bin")], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(frames.length);
    for (let i = 0; i < frames.length; i++) expect(lines[i], `frame ${i}`).toBe(serializeDecoded(decodeSyncManifestRequest(frames[i]!)));
  });
});

describe("handle with sync manifest decoder", () => {
  let createReferenceCore: () => Core;

  beforeAll(async () => {
    // A second copy of the bridge with the fast path switched off: the
    // Response bytes the generated decoder alone produces.
    vi.resetModules();
    vi.doMock("../../../bridge/_internal/sync-manifest-decoder", () => ({
      looksLikeSyncManifest: () => false,
      decodeSyncManifestRequest: () => null,
    }));
    createReferenceCore = (await import("../../../bridge/handle")).createCore;
    vi.doUnmock("../../../bridge/_internal/sync-manifest-decoder");
  });

  const open = pb.Request.encode({ requestId: 1, openIndex: { modelId: "clip-test", dimension: 4 } }).finish();

  function responses(core: Core, frame: Uint8Array): Uint8Array[] {
    return [core.handle(open), core.handle(frame)];
  }

  it("returns same Response bytes for any frame", () => {
    const frames = fc.oneof(
      syncFrame,
      fc.tuple(syncFrame, fc.nat()).map(([frame, cut]) => frame.subarray(0, cut % (frame.length + 1))),
      fc.uint8Array({ maxLength: 64 }).map((tail) => Uint8Array.from([0x5a, ...tail])),
      fc.uint8Array({ maxLength: 64 }),
    );
    fc.assert(
      fc.property(frames, (frame) => {
        expect(responses(createCore(), frame)).toEqual(responses(createReferenceCore(), frame));
      }),
      { numRuns: 500 },
    );
  });
});
