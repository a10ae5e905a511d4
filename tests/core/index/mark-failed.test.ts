import { describe, expect, it } from "vitest";
import { markFailed } from "../../../core/index/mark-failed";
import { encodeSnapshot } from "../../../core/persistence/snapshot-codec";
import { RecordedIndex, float32Bytes } from "./_internal/recorded-index";

const OLD = { id: "a", modifiedMs: 1, fingerprint: "fp-1" };
const NEW = { id: "a", modifiedMs: 2, fingerprint: "fp-2" };

describe("markFailed", () => {
  it("stale failure keeps current vector", () => {
    const recorded = new RecordedIndex();
    recorded.fullSync([OLD]);
    recorded.fullSync([NEW]);
    recorded.put({ ids: ["a"], vectors: float32Bytes([1, 0]), modifiedMs: [2], fingerprints: ["fp-2"] });

    const outcome = recorded.fail([{ id: "a", reason: "cannot decode", modifiedMs: 1, fingerprint: "fp-1" }]);

    expect(outcome.marked).toBe(0);
    expect(outcome.stale).toEqual(["a"]);
    expect(outcome.journal.length).toBe(0);
    expect(recorded.index.store.has("a")).toBe(true);
    expect(recorded.index.assets.get("a")!.failure).toBeNull();
  });

  it("stale failure does not delay retry", () => {
    const recorded = new RecordedIndex();
    recorded.fullSync([OLD]);
    recorded.fail([{ id: "a", reason: "cannot decode", ...version(OLD) }]);
    recorded.fullSync([OLD]);

    // The host fails on version 1 again while a sync brings version 2.
    recorded.chunk({ first: true, entries: [NEW] });
    const outcome = recorded.fail([{ id: "a", reason: "cannot decode", ...version(OLD) }]);
    const plan = recorded.chunk({ last: true });

    expect(outcome.stale).toEqual(["a"]);
    expect(plan.toEmbed).toEqual(["a"]);
    expect(plan.failedWaiting).toBe(0);
  });

  it("failure of current version is recorded", () => {
    const recorded = new RecordedIndex();
    recorded.fullSync([NEW]);

    const outcome = recorded.fail([{ id: "a", reason: "cannot decode", ...version(NEW) }]);
    expect(outcome.marked).toBe(1);
    expect(outcome.stale).toEqual([]);
    expect(recorded.index.assets.get("a")!.failure).toMatchObject({ reason: "cannot decode", attempts: 1, modifiedMs: 2, fingerprint: "fp-2" });
  });

  it("empty fingerprint is a version", () => {
    const recorded = new RecordedIndex();
    recorded.fullSync([{ id: "a", modifiedMs: 1 }]);

    expect(recorded.fail([{ id: "a", reason: "r", modifiedMs: 1, fingerprint: "" }]).marked).toBe(1);
    expect(recorded.fail([{ id: "a", reason: "r", modifiedMs: 1, fingerprint: "fp-1" }]).stale).toEqual(["a"]);
  });

  it("journal replay gives the same index", () => {
    const recorded = new RecordedIndex();
    recorded.fullSync([OLD, { id: "b", modifiedMs: 1 }]);
    recorded.chunk({ first: true, entries: [NEW] });
    recorded.fail([
      { id: "a", reason: "cannot decode", ...version(OLD) },
      { id: "b", reason: "cannot decode", modifiedMs: 1, fingerprint: "" },
    ]);
    recorded.chunk({ last: true, entries: [{ id: "b", modifiedMs: 1 }] });

    const replayed = recorded.replay();
    expect(replayed.assets.get("a")!.failure).toBeNull();
    expect(replayed.assets.get("b")!.failure?.attempts).toBe(1);
    expect(encodeSnapshot(replayed)).toEqual(recorded.snapshot());
  });

  it.each([
    { name: "modified_ms without fingerprint", failure: { id: "a", reason: "r", modifiedMs: 1 }, missing: "without fingerprint" },
    { name: "fingerprint without modified_ms", failure: { id: "a", reason: "r", fingerprint: "" }, missing: "without modified_ms" },
  ])("$name rejects the batch", ({ failure, missing }) => {
    const recorded = new RecordedIndex();
    recorded.fullSync([{ id: "a", modifiedMs: 1 }, { id: "b", modifiedMs: 1 }]);
    const before = recorded.snapshot();

    const result = markFailed(recorded.index, { failures: [{ id: "b", reason: "r" }, failure] });

    expect(result.ok ? "ok" : result.error.code).toBe("INVALID_PARAMETER");
    expect(result.ok ? "" : result.error.message).toContain(missing);
    expect(recorded.snapshot()).toEqual(before);
  });
});

function version(entry: { modifiedMs: number; fingerprint: string }): { modifiedMs: number; fingerprint: string } {
  return { modifiedMs: entry.modifiedMs, fingerprint: entry.fingerprint };
}
