import { describe, expect, it } from "vitest";
import { pb } from "../../../bridge/codec";
import { PhotoIndex } from "../../../core/index/photo-index";
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_FORMAT_VERSION } from "../../../core/persistence/snapshot-codec";
import { writeStrings } from "../../../core/persistence/_internal/byte-columns";
import { errorOf, valueOf } from "../../support/result";

function indexWithOneVector(): PhotoIndex {
  const index = new PhotoIndex("m", 2);
  index.assets.set("a", {
    id: "a", createdMs: 5, modifiedMs: 6, favorite: true, mediaType: 1, subtypes: [2], albumIds: ["x"],
    location: { latitude: 1, longitude: 2 }, fingerprint: "f", embeddedModifiedMs: 6, embeddedFingerprint: "f", failure: null,
  });
  index.store.put("a", Float32Array.of(3, 4));
  index.sequence = 9;
  index.syncGeneration = 2;
  return index;
}

/** Encodes a snapshot of assets "a", "b" and "c" (only "b" with a vector), then replaces its id column with `ids`. */
function snapshotWithIds(ids: string[]): Uint8Array {
  const index = new PhotoIndex("m", 2, "float32");
  const template = indexWithOneVector().assets.get("a")!;
  for (const id of ["a", "b", "c"]) index.assets.set(id, { ...template, id });
  index.store.put("b", Float32Array.of(1, 0));
  const snapshot = pb.Snapshot.decode(encodeSnapshot(index));
  snapshot.columns!.ids = writeStrings(ids);
  return pb.Snapshot.encode(snapshot).finish();
}

function codeOf(bytes: Uint8Array, modelId = "m", dimension = 2): string {
  const result = decodeSnapshot(bytes, modelId, dimension);
  return result.ok ? "ok" : result.error.code;
}

describe("snapshot codec", () => {
  it("round trip keeps assets and vectors", () => {
    const index = indexWithOneVector();
    const decoded = decodeSnapshot(encodeSnapshot(index), "m", 2);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.value.assets.get("a")).toEqual(index.assets.get("a"));
    expect(decoded.value.store.get("a")).toEqual(index.store.get("a"));
    expect([decoded.value.sequence, decoded.value.syncGeneration]).toEqual([9, 2]);
  });

  it("same state gives same bytes", () => {
    expect(encodeSnapshot(indexWithOneVector())).toEqual(encodeSnapshot(indexWithOneVector()));
  });

  it("rejects other model or dimension", () => {
    const bytes = encodeSnapshot(indexWithOneVector());
    expect(codeOf(bytes, "other")).toBe("SNAPSHOT_MISMATCH");
    expect(codeOf(bytes, "m", 3)).toBe("SNAPSHOT_MISMATCH");
  });

  it("rejects unknown format version", () => {
    const snapshot = pb.Snapshot.decode(encodeSnapshot(indexWithOneVector()));
    snapshot.header!.formatVersion = SNAPSHOT_FORMAT_VERSION + 1;
    expect(codeOf(pb.Snapshot.encode(snapshot).finish())).toBe("UNSUPPORTED_FORMAT");
  });

  it("rejects vectors not matching assets", () => {
    const snapshot = pb.Snapshot.decode(encodeSnapshot(indexWithOneVector()));
    snapshot.vectors = snapshot.vectors.subarray(0, 4);
    expect(codeOf(pb.Snapshot.encode(snapshot).finish())).toBe("CORRUPT_SNAPSHOT");
  });

  it("rejects missing header and garbage", () => {
    expect(codeOf(pb.Snapshot.encode({ assets: [] }).finish())).toBe("CORRUPT_SNAPSHOT");
    expect(codeOf(Uint8Array.of(0x0a, 0xff))).toBe("CORRUPT_SNAPSHOT");
  });

  it("rejects a repeated asset id", () => {
    const error = errorOf(decodeSnapshot(snapshotWithIds(["a", "b", "a"]), "m", 2));
    expect(error.code).toBe("CORRUPT_SNAPSHOT");
    expect(error.message).toContain('asset id "a" appears twice');
  });

  it("rejects an empty asset id", () => {
    const error = errorOf(decodeSnapshot(snapshotWithIds(["a", "b", ""]), "m", 2));
    expect(error.code).toBe("CORRUPT_SNAPSHOT");
    expect(error.message).toContain("asset 2 has an empty id");
  });

  it("reopened empty index takes new assets", () => {
    const index = valueOf(decodeSnapshot(encodeSnapshot(new PhotoIndex("m", 2)), "m", 2));
    const template = indexWithOneVector().assets.get("a")!;
    for (let i = 0; i < 100; i++) index.assets.set(`new-${i}`, { ...template, id: `new-${i}`, createdMs: i });

    expect(index.assets.size).toBe(100);
    expect([...index.assets.values()].map((asset) => asset.createdMs)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it("reopened index takes new assets", () => {
    const index = valueOf(decodeSnapshot(encodeSnapshot(indexWithOneVector()), "m", 2));
    const template = index.assets.get("a")!;
    for (let i = 0; i < 200; i++) index.assets.set(`new-${i}`, { ...template, id: `new-${i}`, createdMs: i });
    index.store.put("new-7", Float32Array.of(0, 1));

    expect(index.assets.size).toBe(201);
    expect(index.assets.get("new-199")?.createdMs).toBe(199);
    expect(index.assets.get("a")).toEqual(template);
    expect(index.store.get("new-7")).toEqual(Float32Array.of(0, 1));
    expect(index.store.get("a")).toEqual(indexWithOneVector().store.get("a"));
  });
});
