import { describe, expect, it } from "vitest";
import { pb } from "../../../bridge/codec";
import { PhotoIndex, type StorageKind } from "../../../core/index/photo-index";
import { decodeSnapshot, encodeSnapshot } from "../../../core/persistence/snapshot-codec";
import { assetRecordFromState } from "../../../core/index/asset-record";
import { writeFloat32Block } from "../../../core/index/float32-block";
import { CENTER_SAMPLE } from "../../../core/ranking/quantized/quantized-vectors";
import { generateClipLike } from "../../../bench/clip-like-data";

const DIMENSION = 16;
const data = generateClipLike({ count: 200, dimension: DIMENSION, seed: 5 });

function filledIndex(storage: StorageKind, count: number): PhotoIndex {
  const index = new PhotoIndex("m", DIMENSION, storage);
  for (let i = 0; i < count; i++) {
    const id = `asset-${String(i).padStart(3, "0")}-é`;
    index.assets.set(id, {
      id, createdMs: 1000 + i, modifiedMs: 2000 + i, favorite: i % 3 === 0, mediaType: i % 2, subtypes: i % 4 === 0 ? [1, 3] : [],
      albumIds: i % 5 === 0 ? ["holiday", "家族"] : [], location: i % 7 === 0 ? { latitude: 48.85, longitude: 2.35 } : null,
      fingerprint: i % 6 === 0 ? "" : `fp${i}`, embeddedModifiedMs: 2000 + i, embeddedFingerprint: i % 6 === 0 ? "" : `fp${i}`,
      failure: i % 11 === 5 ? { reason: "decode failed", attempts: 2, generation: 3, modifiedMs: 2000 + i, fingerprint: `fp${i}` } : null,
    });
    if (i % 11 !== 5 && i % 13 !== 0) index.store.putUnit(id, data.images.subarray(i * DIMENSION, (i + 1) * DIMENSION));
  }
  index.sequence = 42;
  index.syncGeneration = 7;
  return index;
}

function expectSameIndex(decoded: PhotoIndex, original: PhotoIndex): void {
  expect([...decoded.assets.keys()].sort()).toEqual([...original.assets.keys()].sort());
  for (const [id, asset] of original.assets) {
    expect(assetRecordFromState(decoded.assets.get(id)!, decoded.store.has(id))).toEqual(assetRecordFromState(asset, original.store.has(id)));
    expect(decoded.store.get(id)).toEqual(original.store.get(id));
  }
  expect([decoded.sequence, decoded.syncGeneration, decoded.storage]).toEqual([original.sequence, original.syncGeneration, original.storage]);
}

function decoded(bytes: Uint8Array): PhotoIndex {
  const result = decodeSnapshot(bytes, "m", DIMENSION);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function codeOf(snapshot: InstanceType<typeof pb.Snapshot>): string {
  const result = decodeSnapshot(pb.Snapshot.encode(snapshot).finish(), "m", DIMENSION);
  return result.ok ? "ok" : result.error.code;
}

describe("snapshot formats", () => {
  const cases: [StorageKind, number][] = [["quantized-residual", 150], ["quantized-residual", CENTER_SAMPLE - 10], ["float32", 150]];
  for (const [storage, count] of cases) {
    it(`round trip of ${storage} with ${count} assets`, () => {
      const index = filledIndex(storage, count);
      const bytes = encodeSnapshot(index);
      expectSameIndex(decoded(bytes), index);
      expect(encodeSnapshot(decoded(bytes))).toEqual(bytes);
    });
  }

  it("quantized snapshot searches like the live index", () => {
    const index = filledIndex("quantized-residual", 150);
    const reopened = decoded(encodeSnapshot(index));
    const query = data.queries(1);
    const live = index.store.scorer(query);
    const restored = reopened.store.scorer(query);
    for (const id of index.store.ids()) expect(restored(reopened.store.slotOf(id))).toBe(live(index.store.slotOf(id)));
    expect(reopened.quantized.findDuplicates(index.store.get(index.store.ids()[3]!)!).length).toBeGreaterThan(0);
  });

  it("opens format 1 as float32 storage", () => {
    const index = filledIndex("float32", 100);
    const ids = [...index.assets.keys()].sort();
    const withVector = ids.filter((id) => index.store.has(id));
    const vectors = new Float32Array(withVector.length * DIMENSION);
    withVector.forEach((id, i) => vectors.set(index.store.get(id)!, i * DIMENSION));
    const version1 = pb.Snapshot.encode({
      header: { formatVersion: 1, modelId: "m", dimension: DIMENSION, encoding: 0, sequence: 42, syncGeneration: 7 },
      assets: ids.map((id) => assetRecordFromState(index.assets.get(id)!, index.store.has(id))),
      vectors: writeFloat32Block(vectors),
    }).finish();
    expectSameIndex(decoded(version1), index);
  });

  it("corrupt flat fields are CORRUPT_SNAPSHOT", () => {
    const bytes = encodeSnapshot(filledIndex("quantized-residual", 150));
    const corruptions: ((s: InstanceType<typeof pb.Snapshot>) => void)[] = [
      (s) => { s.columns!.ids!.lengths = s.columns!.ids!.lengths!.subarray(4); },
      (s) => { s.columns!.ids!.utf8 = Uint8Array.of(0xff, 0xfe); },
      (s) => { s.columns!.createdMs = s.columns!.createdMs!.subarray(1); },
      (s) => { s.columns!.flags = s.columns!.flags!.subarray(1); },
      (s) => { s.columns!.albumCounts = new Uint8Array(s.columns!.albumCounts!.length).fill(1); },
      (s) => { s.columns!.failedAttempts = new Uint8Array(0); },
      (s) => { s.quantized!.codes = s.quantized!.codes!.subarray(DIMENSION); },
      (s) => { s.quantized!.center = new Uint8Array(DIMENSION * 4).fill(0xff); },
      (s) => { s.quantized!.scales = new Uint8Array(3); },
      (s) => { s.vectors = new Uint8Array(DIMENSION * 4); },
    ];
    corruptions.forEach((corrupt, i) => {
      const snapshot = pb.Snapshot.decode(bytes);
      corrupt(snapshot);
      expect(codeOf(snapshot), `corruption ${i}`).toBe("CORRUPT_SNAPSHOT");
    });
  });

  it("rejects unknown storage", () => {
    const snapshot = pb.Snapshot.decode(encodeSnapshot(filledIndex("float32", 10)));
    snapshot.header!.storage = 9 as never;
    expect(codeOf(snapshot)).toBe("UNSUPPORTED_FORMAT");
  });
});
