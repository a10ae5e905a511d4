import { describe, expect, it } from "vitest";
import type { queryable } from "../../../bridge/codec";
import { markFailed } from "../../../core/index/mark-failed";
import { PhotoIndex } from "../../../core/index/photo-index";
import { putEmbeddings } from "../../../core/index/put-embeddings";
import { removeAssets } from "../../../core/index/remove-assets";
import { decodeSnapshot, encodeSnapshot } from "../../../core/persistence/snapshot-codec";
import { receiveSyncChunk } from "../../../core/sync/receive-sync-chunk";
import { valueOf } from "../../support/result";

type Entry = queryable.v1.IManifestEntry;

function chunk(index: PhotoIndex, body: queryable.v1.ISyncManifest): queryable.v1.ISyncPlan {
  const outcome = receiveSyncChunk(index, body);
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value.plan;
}

function fullSync(index: PhotoIndex, entries: Entry[]): queryable.v1.ISyncPlan {
  return chunk(index, { first: true, last: true, entries });
}

function embed(index: PhotoIndex, ids: string[], value = 1): void {
  const vectors = new Uint8Array(ids.length * 8);
  const view = new DataView(vectors.buffer);
  ids.forEach((_, i) => view.setFloat32(i * 8, value, true));
  const result = putEmbeddings(index, { ids, vectors });
  if (!result.ok) throw new Error(result.error.message);
}

function fail(index: PhotoIndex, id: string): void {
  const result = markFailed(index, { failures: [{ id, reason: "cannot decode" }] });
  if (!result.ok) throw new Error(result.error.message);
}

describe("receiveSyncChunk", () => {
  it("cut short sync removes nothing", () => {
    const index = new PhotoIndex("m", 2);
    fullSync(index, [{ id: "a" }, { id: "b" }]);
    embed(index, ["a", "b"]);

    const partial = chunk(index, { first: true, entries: [{ id: "a" }] });
    expect(partial.complete).toBe(false);
    const restarted = chunk(index, { first: true, entries: [{ id: "b" }] });
    expect(restarted.received).toBe(1);
    expect(index.store.size).toBe(2);
    expect([...index.assets.keys()].sort()).toEqual(["a", "b"]);
  });

  it("last chunk removes assets not sent", () => {
    const index = new PhotoIndex("m", 2);
    fullSync(index, [{ id: "a" }, { id: "b" }]);
    embed(index, ["a", "b"]);

    chunk(index, { first: true, entries: [{ id: "a" }, { id: "a" }] });
    const plan = chunk(index, { last: true, entries: [{ id: "a" }] });
    expect(plan.received).toBe(1);
    expect(plan.removed).toEqual(["b"]);
    expect(plan.unchanged).toBe(1);
    expect(index.store.has("b")).toBe(false);
  });

  it("chunk without first is out of order", () => {
    const index = new PhotoIndex("m", 2);
    fullSync(index, []);
    const outcome = receiveSyncChunk(index, { last: true, entries: [{ id: "a" }] });
    expect(outcome.ok ? "ok" : outcome.error.code).toBe("SYNC_OUT_OF_ORDER");
    expect(index.assets.size).toBe(0);
  });

  it("modified asset loses its vector at once", () => {
    const index = new PhotoIndex("m", 2);
    fullSync(index, [{ id: "a", modifiedMs: 1 }]);
    embed(index, ["a"]);

    chunk(index, { first: true, entries: [{ id: "a", modifiedMs: 2 }] });
    expect(index.store.has("a")).toBe(false);
    const plan = chunk(index, { last: true });
    expect(plan.toEmbed).toEqual(["a"]);
  });

  it("changed fingerprint counts as modified", () => {
    const index = new PhotoIndex("m", 2);
    fullSync(index, [{ id: "a", modifiedMs: 1, fingerprint: "x" }]);
    embed(index, ["a"]);
    expect(fullSync(index, [{ id: "a", modifiedMs: 1, fingerprint: "y" }]).toEmbed).toEqual(["a"]);
  });

  it("metadata change keeps the vector", () => {
    const index = new PhotoIndex("m", 2);
    fullSync(index, [{ id: "a", modifiedMs: 1 }]);
    embed(index, ["a"]);
    const plan = fullSync(index, [{ id: "a", modifiedMs: 1, favorite: true, albumIds: ["trip"] }]);
    expect(plan.unchanged).toBe(1);
    expect(index.assets.get("a")!.favorite).toBe(true);
  });

  it("renamed file reuses vector by fingerprint", () => {
    const index = new PhotoIndex("m", 2);
    fullSync(index, [{ id: "old.jpg", modifiedMs: 1, fingerprint: "sha-1" }]);
    embed(index, ["old.jpg"], 3);
    const stored = Array.from(index.store.get("old.jpg")!);

    const plan = fullSync(index, [{ id: "new.jpg", modifiedMs: 1, fingerprint: "sha-1" }]);
    expect(plan.reused).toEqual(["new.jpg"]);
    expect(plan.removed).toEqual(["old.jpg"]);
    expect(plan.toEmbed).toEqual([]);
    expect(Array.from(index.store.get("new.jpg")!)).toEqual(stored);
    expect(index.assets.get("new.jpg")!.embeddedFingerprint).toBe("sha-1");
  });

  it("failed asset retries with back-off", () => {
    const index = new PhotoIndex("m", 2);
    const schedule: string[] = [];
    for (let sync = 0; sync < 12; sync++) {
      const plan = fullSync(index, [{ id: "a", modifiedMs: 1 }]);
      const due = plan.toEmbed!.includes("a");
      if (due) schedule.push("T");
      else if (plan.failedWaiting === 1) schedule.push("w");
      else schedule.push("?");
      if (due) fail(index, "a");
    }
    // Waits 0, 1, 3 and 7 syncs after the 1st to 4th failure.
    expect(schedule.join("")).toBe("TTwTwwwTwwww");
    expect(index.assets.get("a")!.failure).toMatchObject({ reason: "cannot decode", attempts: 4 });
  });

  it("failed asset retries at once when changed", () => {
    const index = new PhotoIndex("m", 2);
    fullSync(index, [{ id: "a", modifiedMs: 1 }]);
    fail(index, "a");
    fullSync(index, [{ id: "a", modifiedMs: 1 }]);
    fail(index, "a");
    expect(fullSync(index, [{ id: "a", modifiedMs: 1 }]).failedWaiting).toBe(1);

    expect(fullSync(index, [{ id: "a", modifiedMs: 2 }]).toEmbed).toEqual(["a"]);
    fail(index, "a");
    expect(index.assets.get("a")!.failure!.attempts).toBe(1);
  });

  it("embedding clears a failure", () => {
    const index = new PhotoIndex("m", 2);
    fullSync(index, [{ id: "a" }]);
    fail(index, "a");
    embed(index, ["a"]);
    expect(index.assets.get("a")!.failure).toBeNull();
    fail(index, "a");
    expect(index.store.has("a")).toBe(false);
  });

  it("repeated id keeps last entry", () => {
    const index = new PhotoIndex("clip-test", 2);
    const plan = fullSync(index, [{ id: "a", modifiedMs: 1 }, { id: "b", modifiedMs: 2 }, { id: "a", modifiedMs: 3, favorite: true }]);
    expect(plan.received).toBe(2);
    expect(plan.toEmbed).toEqual(["a", "b"]);
    expect(index.assets.get("a")?.modifiedMs).toBe(3);
    expect(index.assets.get("a")?.favorite).toBe(true);
  });

  it("repeat across and within chunks keeps last", () => {
    const index = new PhotoIndex("clip-test", 2);
    fullSync(index, [{ id: "a", modifiedMs: 1 }]);
    embed(index, ["a"]);
    chunk(index, { first: true, entries: [{ id: "a", modifiedMs: 1 }] });
    const plan = chunk(index, { last: true, entries: [{ id: "a", modifiedMs: 2 }, { id: "a", modifiedMs: 1 }] });
    expect(plan.received).toBe(1);
    expect(plan.toEmbed).toEqual([]);
    expect(plan.unchanged).toBe(1);
    expect(index.store.has("a")).toBe(true);
  });

  it("plans in first-seen order", () => {
    const index = new PhotoIndex("clip-test", 2);
    fullSync(index, [{ id: "a" }, { id: "b" }]);
    chunk(index, { first: true, entries: [{ id: "c" }, { id: "b" }] });
    const plan = chunk(index, { last: true, entries: [{ id: "a" }, { id: "c" }] });
    // Rows are a, b, c, so row order would differ.
    expect(plan.toEmbed).toEqual(["c", "b", "a"]);
    expect(plan.received).toBe(3);
  });

  it("resent asset dropped mid-sync counts once", () => {
    const index = new PhotoIndex("clip-test", 2);
    fullSync(index, [{ id: "a" }, { id: "b" }]);
    expect(chunk(index, { first: true, entries: [{ id: "a" }, { id: "b" }] }).received).toBe(2);
    expect(removeAssets(index, ["b"]).ok).toBe(true);
    const plan = chunk(index, { last: true, entries: [{ id: "b" }] });
    expect(plan.received).toBe(2);
    expect(plan.toEmbed).toEqual(["a", "b"]);
  });

  it("arrival clock restart keeps plans", () => {
    const index = new PhotoIndex("clip-test", 2);
    fullSync(index, [{ id: "a" }, { id: "b" }]);
    embed(index, ["a", "b"]);
    index.arrivalClock = 2 ** 31;
    const plan = fullSync(index, [{ id: "a" }]);
    expect(plan.removed).toEqual(["b"]);
    expect(plan.unchanged).toBe(1);
    expect(index.arrivalClock).toBe(1);
  });

  it("entries out of row order find their rows", () => {
    const index = new PhotoIndex("clip-test", 2);
    fullSync(index, [{ id: "a", modifiedMs: 1 }, { id: "b", modifiedMs: 1 }, { id: "c", modifiedMs: 1 }, { id: "d", modifiedMs: 1 }]);
    const plan = fullSync(index, [{ id: "a", modifiedMs: 1 }, { id: "c", modifiedMs: 2 }, { id: "n" }, { id: "b", modifiedMs: 1 }, { id: "d", modifiedMs: 3 }]);

    expect(plan.toEmbed).toEqual(["a", "c", "n", "b", "d"]);
    expect(["a", "b", "c", "d", "n"].map((id) => index.assets.get(id)?.modifiedMs)).toEqual([1, 1, 2, 3, 0]);
  });

  it("identical entries write no journal", () => {
    const index = new PhotoIndex("clip-test", 2);
    const entries: Entry[] = [{ id: "a", modifiedMs: 1, subtypes: [2], albumIds: ["x"], location: { latitude: 1, longitude: 2 } }, { id: "b" }];
    fullSync(index, entries);
    const outcome = receiveSyncChunk(index, { first: true, entries });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.journal.length).toBe(0);
  });

  it("changed list or location is upserted", () => {
    const index = new PhotoIndex("clip-test", 2);
    fullSync(index, [{ id: "a", subtypes: [2], location: { latitude: 1, longitude: 2 } }]);
    fullSync(index, [{ id: "a", subtypes: [2], albumIds: ["x"], location: { latitude: 1, longitude: 3 } }]);
    expect(index.assets.get("a")?.albumIds).toEqual(["x"]);
    expect(index.assets.get("a")?.location).toEqual({ latitude: 1, longitude: 3 });
    fullSync(index, [{ id: "a" }]);
    expect(index.assets.get("a")?.subtypes).toEqual([]);
    expect(index.assets.get("a")?.location).toBeNull();
  });

  it("removed list alone is upserted", () => {
    const index = new PhotoIndex("clip-test", 2);
    fullSync(index, [{ id: "a", modifiedMs: 4, subtypes: [2] }, { id: "b", modifiedMs: 4, albumIds: ["x"] }]);
    fullSync(index, [{ id: "a", modifiedMs: 4 }, { id: "b", modifiedMs: 4 }]);
    expect(index.assets.get("a")?.subtypes).toEqual([]);
    expect(index.assets.get("b")?.albumIds).toEqual([]);
  });

  it("reopened index compares lists", () => {
    const before = new PhotoIndex("clip-test", 2);
    const entries: Entry[] = [{ id: "a", modifiedMs: 4, subtypes: [2] }, { id: "b", modifiedMs: 4, albumIds: ["x"] }];
    fullSync(before, entries);
    const index = valueOf(decodeSnapshot(encodeSnapshot(before), "clip-test", 2));

    const same = valueOf(receiveSyncChunk(index, { first: true, entries }));
    expect(same.journal.length).toBe(0);
    fullSync(index, [{ id: "a", modifiedMs: 4 }, { id: "b", modifiedMs: 4 }]);
    expect(index.assets.get("a")?.subtypes).toEqual([]);
    expect(index.assets.get("b")?.albumIds).toEqual([]);
  });

  it("rejects long ids and bad locations", () => {
    const index = new PhotoIndex("clip-test", 2);
    const accepted = receiveSyncChunk(index, { first: true, entries: [{ id: "é".repeat(512) }, { id: "x".repeat(1024) }] });
    expect(accepted.ok).toBe(true);
    const long = receiveSyncChunk(index, { first: true, entries: [{ id: "a" }, { id: "é".repeat(513) }] });
    expect(long.ok || long.error.code).toBe("ID_TOO_LONG");
    expect(long.ok || long.error.message).toContain("SyncManifest entry 1");
    const nan = receiveSyncChunk(index, { first: true, entries: [{ id: "a", location: { latitude: Number.NaN } }] });
    expect(nan.ok || nan.error.code).toBe("INVALID_PARAMETER");
    expect(nan.ok || nan.error.message).toContain("(NaN, 0)");
    const empty = receiveSyncChunk(index, { first: true, entries: [{}] });
    expect(empty.ok || empty.error.code).toBe("EMPTY_ID");
  });

  it("asset removed mid-sync stays removed", () => {
    const index = new PhotoIndex("clip-test", 2);
    fullSync(index, [{ id: "a" }, { id: "b" }, { id: "c" }]);
    chunk(index, { first: true, entries: [{ id: "a" }, { id: "b" }] });
    expect(removeAssets(index, ["b"]).ok).toBe(true);
    const plan = chunk(index, { last: true, entries: [] });
    expect(plan.removed).toEqual(["c"]);
    expect(index.assets.has("a")).toBe(true);
  });

  it("mid-sync removal of a sent asset removes nothing else", () => {
    const index = new PhotoIndex("clip-test", 2);
    fullSync(index, [{ id: "a" }, { id: "b" }, { id: "c" }]);
    chunk(index, { first: true, entries: [{ id: "a" }, { id: "b" }] });
    expect(removeAssets(index, ["b"]).ok).toBe(true);
    const plan = chunk(index, { last: true, entries: [{ id: "c" }] });
    expect(plan.removed).toEqual([]);
    expect(index.assets.size).toBe(2);
  });
});
