import { describe, expect, it } from "vitest";
import { pb } from "../../../bridge/codec";
import { PhotoIndex } from "../../../core/index/photo-index";
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_FORMAT_VERSION } from "../../../core/persistence/snapshot-codec";

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
});
