import { describe, expect, it } from "vitest";
import { putEmbeddings } from "../../../core/index/put-embeddings";
import { encodeSnapshot } from "../../../core/persistence/snapshot-codec";
import { RecordedIndex, float32Bytes } from "./_internal/recorded-index";

const OLD = { id: "a", modifiedMs: 1, fingerprint: "fp-1" };
const NEW = { id: "a", modifiedMs: 2, fingerprint: "fp-2" };

describe("putEmbeddings", () => {
  it("replaced version's vector not stored", () => {
    const recorded = new RecordedIndex();
    recorded.fullSync([OLD]);

    // The host reads version 1 and encodes it, and a sync chunk brings version 2 meanwhile.
    const encoded = float32Bytes([1, 0]);
    recorded.chunk({ first: true, entries: [NEW] });
    const outcome = recorded.put({ ids: ["a"], vectors: encoded, modifiedMs: [OLD.modifiedMs], fingerprints: [OLD.fingerprint] });

    expect(outcome.stored).toBe(0);
    expect(outcome.stale).toEqual(["a"]);
    expect(outcome.journal.length).toBe(0);
    expect(recorded.index.store.has("a")).toBe(false);
    expect(recorded.chunk({ last: true }).toEmbed).toEqual(["a"]);
  });

  it("stale vector after complete sync", () => {
    const recorded = new RecordedIndex();
    recorded.fullSync([OLD]);
    recorded.put({ ids: ["a"], vectors: float32Bytes([1, 0]), modifiedMs: [1], fingerprints: ["fp-1"] });

    const encoded = float32Bytes([0, 1]);
    expect(recorded.fullSync([NEW]).toEmbed).toEqual(["a"]);
    const outcome = recorded.put({ ids: ["a"], vectors: encoded, modifiedMs: [1], fingerprints: ["fp-1"] });

    expect(outcome.stale).toEqual(["a"]);
    expect(recorded.index.store.has("a")).toBe(false);
    expect(recorded.fullSync([NEW]).toEmbed).toEqual(["a"]);
  });

  it("changed fingerprint alone makes vector stale", () => {
    const recorded = new RecordedIndex();
    recorded.fullSync([{ id: "a", modifiedMs: 1, fingerprint: "fp-1" }]);
    recorded.fullSync([{ id: "a", modifiedMs: 1, fingerprint: "fp-2" }]);

    const outcome = recorded.put({ ids: ["a"], vectors: float32Bytes([1, 0]), modifiedMs: [1], fingerprints: ["fp-1"] });
    expect(outcome.stale).toEqual(["a"]);
  });

  it("version newer than manifest is stale", () => {
    const recorded = new RecordedIndex();
    recorded.fullSync([OLD]);

    const outcome = recorded.put({ ids: ["a"], vectors: float32Bytes([1, 0]), modifiedMs: [2], fingerprints: ["fp-2"] });
    expect(outcome.stale).toEqual(["a"]);
    expect(recorded.index.store.has("a")).toBe(false);
  });

  it("stale vector keeps current version's vector", () => {
    const recorded = new RecordedIndex();
    recorded.fullSync([OLD]);
    recorded.fullSync([NEW]);
    recorded.put({ ids: ["a"], vectors: float32Bytes([0, 3]), modifiedMs: [2], fingerprints: ["fp-2"] });

    const outcome = recorded.put({ ids: ["a"], vectors: float32Bytes([3, 0]), modifiedMs: [1], fingerprints: ["fp-1"] });
    expect(outcome.stale).toEqual(["a"]);
    expect(Array.from(recorded.index.store.get("a")!)).toEqual([0, 1]);
    expect(recorded.index.assets.get("a")!.embeddedModifiedMs).toBe(2);
  });

  it("stale vector keeps the failure", () => {
    const recorded = new RecordedIndex();
    recorded.fullSync([NEW]);
    recorded.fail([{ id: "a", reason: "cannot decode" }]);

    recorded.put({ ids: ["a"], vectors: float32Bytes([1, 0]), modifiedMs: [1], fingerprints: ["fp-1"] });
    expect(recorded.index.assets.get("a")!.failure?.reason).toBe("cannot decode");
  });

  it("mixed batch stores only current versions", () => {
    const recorded = new RecordedIndex();
    recorded.fullSync([{ id: "a", modifiedMs: 1 }, { id: "b", modifiedMs: 1 }, { id: "c", modifiedMs: 1 }]);
    recorded.fullSync([{ id: "a", modifiedMs: 1 }, { id: "b", modifiedMs: 2 }, { id: "c", modifiedMs: 1 }]);

    const outcome = recorded.put({
      ids: ["a", "b", "c"],
      vectors: float32Bytes([2, 0, 0, 2, -2, 0]),
      modifiedMs: [1, 1, 1],
      fingerprints: ["", "", ""],
    });

    expect(outcome.stored).toBe(2);
    expect(outcome.stale).toEqual(["b"]);
    expect(Array.from(recorded.index.store.get("a")!)).toEqual([1, 0]);
    expect(recorded.index.store.has("b")).toBe(false);
    expect(Array.from(recorded.index.store.get("c")!)).toEqual([-1, 0]);
  });

  it("batch without versions tags current version", () => {
    const recorded = new RecordedIndex();
    recorded.fullSync([OLD]);
    recorded.chunk({ first: true, entries: [NEW] });

    const outcome = recorded.put({ ids: ["a"], vectors: float32Bytes([1, 0]) });
    expect(outcome.stored).toBe(1);
    expect(outcome.stale).toEqual([]);
    expect(recorded.index.assets.get("a")!.embeddedModifiedMs).toBe(2);
    expect(recorded.index.assets.get("a")!.embeddedFingerprint).toBe("fp-2");
  });

  it("journal replay gives the same index", () => {
    const recorded = new RecordedIndex();
    recorded.fullSync([{ id: "a", modifiedMs: 1 }, { id: "b", modifiedMs: 1 }]);
    recorded.chunk({ first: true, entries: [{ id: "b", modifiedMs: 2 }] });
    recorded.put({ ids: ["a", "b"], vectors: float32Bytes([1, 0, 0, 1]), modifiedMs: [1, 1], fingerprints: ["", ""] });
    recorded.chunk({ last: true, entries: [{ id: "a", modifiedMs: 1 }] });

    const replayed = recorded.replay();
    expect(replayed.store.has("b")).toBe(false);
    expect(encodeSnapshot(replayed)).toEqual(recorded.snapshot());
  });

  it.each([
    { name: "short modified_ms", modifiedMs: [1], fingerprints: ["", ""] },
    { name: "long fingerprints", modifiedMs: [1, 1], fingerprints: ["", "", ""] },
    { name: "modified_ms without fingerprints", modifiedMs: [1, 1], fingerprints: [] },
    { name: "fingerprints without modified_ms", modifiedMs: [], fingerprints: ["", ""] },
  ])("$name rejects the batch", ({ modifiedMs, fingerprints }) => {
    const recorded = new RecordedIndex();
    recorded.fullSync([{ id: "a", modifiedMs: 1 }, { id: "b", modifiedMs: 1 }]);
    const before = recorded.snapshot();

    const result = putEmbeddings(recorded.index, { ids: ["a", "b"], vectors: float32Bytes([1, 0, 0, 1]), modifiedMs, fingerprints });

    expect(result.ok ? "ok" : result.error.code).toBe("INVALID_PARAMETER");
    expect(recorded.snapshot()).toEqual(before);
  });
});
