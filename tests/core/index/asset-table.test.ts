import { describe, expect, it } from "vitest";
import type { AssetState } from "../../../core/index/asset-state";
import { AssetTable } from "../../../core/index/asset-table";
import { PhotoIndex } from "../../../core/index/photo-index";
import { openIndex } from "../../../core/persistence/open-index";
import { encodeSnapshot } from "../../../core/persistence/snapshot-codec";
import { commitChanges } from "../../../core/persistence/commit-changes";
import { assetRecordFromState } from "../../../core/index/asset-record";

function asset(id: string, overrides: Partial<AssetState> = {}): AssetState {
  return {
    id, createdMs: 1_700_000_000_000, modifiedMs: 1_700_000_100_000, favorite: false, mediaType: 1, subtypes: [], albumIds: [], location: null,
    fingerprint: "", embeddedModifiedMs: 1_700_000_100_000, embeddedFingerprint: "", failure: null, ...overrides,
  };
}

const varied: AssetState[] = [
  asset("plain"),
  asset("rich", { favorite: true, mediaType: 2, subtypes: [1, 3], albumIds: ["trip", "family"], location: { latitude: -33.5, longitude: 151.25 }, fingerprint: "sha-1" }),
  asset("old-vector", { fingerprint: "sha-2", embeddedModifiedMs: 5, embeddedFingerprint: "sha-0" }),
  asset("failed", { failure: { reason: "cannot decode", attempts: 3, generation: 7, modifiedMs: 9, fingerprint: "x" } }),
  asset("unicode-😀", { location: { latitude: 0, longitude: -0.5 }, albumIds: ["é"] }),
];

describe("AssetTable", () => {
  it("get returns what set stored", () => {
    const table = new AssetTable();
    for (const a of varied) table.set(a.id, a);
    for (const a of varied) expect(table.get(a.id)).toEqual(a);
    expect(table.size).toBe(varied.length);
  });

  it("changing a read asset changes nothing", () => {
    const table = new AssetTable();
    table.set("rich", varied[1]!);
    const read = table.get("rich")!;
    read.subtypes.push(9);
    read.favorite = false;
    expect(table.get("rich")).toEqual(varied[1]);
  });

  it("keys keep Map insertion order", () => {
    const table = new AssetTable();
    const model = new Map<string, AssetState>();
    for (const id of ["c", "a", "b"]) {
      table.set(id, asset(id));
      model.set(id, asset(id));
    }
    table.delete("a");
    model.delete("a");
    table.set("a", asset("a"));
    model.set("a", asset("a"));
    table.set("c", asset("c", { favorite: true }));
    model.set("c", asset("c", { favorite: true }));
    expect([...table.keys()]).toEqual([...model.keys()]);
    expect([...table]).toEqual([...model]);
  });

  it("reused row starts empty", () => {
    const table = new AssetTable();
    table.set("rich", varied[1]!);
    table.set("old-vector", varied[2]!);
    table.delete("rich");
    table.delete("old-vector");
    table.set("fresh", asset("fresh"));
    expect(table.get("fresh")).toEqual(asset("fresh"));
  });

  it("embedded version survives a manifest change", () => {
    const table = new AssetTable();
    table.set("a", asset("a", { fingerprint: "v1", embeddedFingerprint: "v1" }));
    table.set("a", { ...asset("a", { fingerprint: "v2" }), embeddedModifiedMs: table.get("a")!.embeddedModifiedMs, embeddedFingerprint: table.get("a")!.embeddedFingerprint });
    expect(table.get("a")!.embeddedFingerprint).toBe("v1");
    expect(table.embeddedFingerprintAt(table.rowOf("a"))).toBe("v1");
  });

  it("failureEntries lists failed assets", () => {
    const table = new AssetTable();
    for (const a of varied) table.set(a.id, a);
    expect(table.failedCount).toBe(1);
    expect(table.failureEntries()).toEqual([["failed", varied[3]!.failure]]);
    table.setFailure("failed", null);
    expect(table.failedCount).toBe(0);
  });

  it("delete rejects an asset with a vector", () => {
    const index = new PhotoIndex("m", 4, "float32");
    index.assets.set("a", asset("a"));
    index.store.putUnit("a", Float32Array.of(1, 0, 0, 0));
    expect(() => index.assets.delete("a")).toThrow(RangeError);
    index.store.remove("a");
    expect(index.assets.delete("a")).toBe(true);
  });

  it("store rejects a vector without an asset", () => {
    const index = new PhotoIndex("m", 4, "float32");
    expect(() => index.store.putUnit("ghost", Float32Array.of(1, 0, 0, 0))).toThrow(RangeError);
    expect(index.store.size).toBe(0);
  });
});

describe("asset columns", () => {
  function records(index: PhotoIndex) {
    return [...index.assets.keys()].sort().map((id) => assetRecordFromState(index.assets.get(id)!, index.store.has(id)));
  }

  it("round trip through snapshot and journal replay", () => {
    const index = new PhotoIndex("m", 4, "float32");
    const journal = commitChanges(index, [
      { manifestUpserted: { assets: varied.map((a) => assetRecordFromState(a, false)) } },
      { failuresRecorded: { ids: ["failed"], reasons: ["cannot decode"], syncGeneration: 2 } },
      { vectorsPut: { ids: ["rich"], vectors: new Uint8Array(new Float32Array([0, 1, 0, 0]).buffer), embeddedModifiedMs: [4], embeddedFingerprints: ["sha-old"] } },
    ]);

    const replayed = openIndex("m", 4, new Uint8Array(0), journal);
    expect(replayed.ok).toBe(true);
    if (!replayed.ok) return;
    expect(records(replayed.value.index)).toEqual(records(index));

    const reopened = openIndex("m", 4, encodeSnapshot(index), new Uint8Array(0));
    expect(reopened.ok).toBe(true);
    if (!reopened.ok) return;
    expect(records(reopened.value.index)).toEqual(records(index));
    expect(reopened.value.index.assets.get("rich")!.embeddedFingerprint).toBe("sha-old");
  });
});

describe("AssetTable.loadRows", () => {
  function rowsOf(ids: string[]) {
    const count = ids.length;
    return {
      ids,
      fingerprints: ids.map((id) => `fp-${id}`),
      createdMs: Float64Array.from(ids, (_, i) => 1000 + i),
      modifiedMs: Float64Array.from(ids, (_, i) => 2000 + i),
      mediaTypes: new Int32Array(count).fill(1),
      favorites: Uint8Array.from(ids, (_, i) => i % 2),
    };
  }

  it("loaded rows read as set rows", () => {
    const table = new AssetTable();
    expect(table.loadRows(rowsOf(["x", "y"]))).toBe(-1);
    table.setLocationAt(1, 10, 20);
    table.setListsAt(1, [3], ["trip"]);
    table.setEmbeddedVersionAt(1, 5, "old");
    table.setFailureAt(1, { reason: "r", attempts: 1, generation: 2, modifiedMs: 3, fingerprint: "f" });

    const expected = new AssetTable();
    expected.set("x", asset("x", { createdMs: 1000, modifiedMs: 2000, fingerprint: "fp-x", embeddedModifiedMs: 2000, embeddedFingerprint: "fp-x" }));
    expected.set("y", asset("y", {
      createdMs: 1001, modifiedMs: 2001, favorite: true, fingerprint: "fp-y", location: { latitude: 10, longitude: 20 }, subtypes: [3], albumIds: ["trip"],
      embeddedModifiedMs: 5, embeddedFingerprint: "old", failure: { reason: "r", attempts: 1, generation: 2, modifiedMs: 3, fingerprint: "f" },
    }));
    expect([...table]).toEqual([...expected]);
    expect(table.rowOf("y")).toBe(1);
  });

  it("loaded table grows for new rows", () => {
    const table = new AssetTable();
    table.loadRows(rowsOf(["x"]));
    for (let i = 0; i < 10; i++) table.set(`n${i}`, asset(`n${i}`, { createdMs: i }));
    expect(table.size).toBe(11);
    expect(table.get("n9")?.createdMs).toBe(9);
    expect(table.get("x")?.createdMs).toBe(1000);
  });

  it("returns first empty or repeated id", () => {
    expect(new AssetTable().loadRows(rowsOf(["a", "b", "a", "c"]))).toBe(2);
    expect(new AssetTable().loadRows(rowsOf(["a", "b", "c", "b", "a"]))).toBe(3);
    expect(new AssetTable().loadRows(rowsOf(["a", "", "a"]))).toBe(1);
  });

  it("rejects a table with rows", () => {
    const table = new AssetTable();
    table.set("a", asset("a"));
    expect(() => table.loadRows(rowsOf(["b"]))).toThrow(RangeError);
  });

  it("rejects columns of other lengths", () => {
    const rows = { ...rowsOf(["a", "b"]), mediaTypes: new Int32Array(1) };
    expect(() => new AssetTable().loadRows(rows)).toThrow(/1 values for 2 ids/);
  });

  it("assignInOrder rejects a repeated id", () => {
    const index = new PhotoIndex("m", 2, "float32");
    index.assets.loadRows(rowsOf(["a", "b"]));
    expect(() => index.store.assignSlots(["a", "a"])).toThrow(/two slots/);
    expect(() => new PhotoIndex("m", 2, "float32").store.assignSlots(["ghost"])).toThrow(/not in the asset table/);
  });

  it("assignSlots gives slots in order", () => {
    const index = new PhotoIndex("m", 2, "float32");
    index.assets.loadRows(rowsOf(["a", "b", "c"]));
    index.store.assignSlots(["c", "a"]);
    expect([index.store.slotOf("c"), index.store.slotOf("a"), index.store.slotOf("b")]).toEqual([0, 1, -1]);
    expect(index.store.size).toBe(2);
    expect(index.store.ids()).toEqual(["c", "a"]);
  });
});
