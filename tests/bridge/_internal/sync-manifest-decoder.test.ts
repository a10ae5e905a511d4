import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { pb } from "../../../bridge/codec";
import { createCore, type Core } from "../../../bridge/handle";
import { decodeSyncManifestRequest, looksLikeSyncManifest, type DecodedSyncManifest } from "../../../bridge/_internal/sync-manifest-decoder";
import { manifestChunkOf } from "../../../core/sync/manifest-columns";

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
