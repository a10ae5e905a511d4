import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertIdempotent, assertInvariantAfterEachStep } from "../support/properties";
import { type HostSimulator, encodePhoto, snapshotVectors } from "./_internal/host-simulator";
import { applyAction, createModelState, libraryAction, type ModelState } from "./_internal/library-actions";

function unit(vector: Float32Array): number[] {
  const norm = Math.hypot(...vector);
  return Array.from(vector, (v) => v / norm);
}

function checkState(state: ModelState): void {
  const snapshot = state.host.peekSnapshot();
  const vectors = snapshotVectors(snapshot);
  const known = new Set(snapshot.assets.map((a) => a.id));
  const library = new Set(state.host.library.keys());

  for (const asset of snapshot.assets) {
    if (asset.failedAttempts! > 0) expect(asset.hasVector, `failed asset ${asset.id} has a vector`).toBe(false);
    if (!asset.hasVector) continue;

    // Indexed ids are library ids, or ids deleted since the last complete sync.
    expect(library.has(asset.id!) || state.deletedSinceSync.has(asset.id!), `indexed ${asset.id} is not in the library`).toBe(true);
    expect(known.has(asset.id!)).toBe(true);

    // The stored vector belongs to the version of the asset that core holds.
    expect(asset.embeddedModifiedMs, `embedded version of ${asset.id}`).toBe(asset.modifiedMs);
    expect(asset.embeddedFingerprint, `embedded fingerprint of ${asset.id}`).toBe(asset.fingerprint);
    const expected = unit(encodePhoto({ id: asset.id!, modifiedMs: asset.modifiedMs!, fingerprint: asset.fingerprint! }));
    Array.from(vectors.get(asset.id!)!).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
  }

  // Core stores an in-flight vector or failure only for the version it was computed from.
  if (state.lastDelivery !== null) expect(state.lastDelivery.stale, "ids reported stale").toEqual(state.lastDelivery.expectedStale);
  if (state.lastDropped !== null) expect(state.lastDropped, "a journal written by core lost bytes").toBeLessThanOrEqual(12);
  if (state.lastSync?.plan && state.lastSync.embeddedAll) checkAfterCompleteSync(state, snapshot);
}

function checkAfterCompleteSync(state: ModelState, snapshot: ReturnType<HostSimulator["peekSnapshot"]>): void {
  const library = [...state.host.library.values()];
  const failed = snapshot.assets.filter((a) => a.failedAttempts! > 0).map((a) => a.id!).sort();
  const indexed = snapshot.assets.filter((a) => a.hasVector).map((a) => a.id).sort();
  const expected = library.map((p) => p.id).filter((id) => !failed.includes(id)).sort();

  expect(indexed).toEqual(expected);
  for (const asset of snapshot.assets) {
    const photo = state.host.library.get(asset.id!);
    expect(photo, `core keeps ${asset.id} after a complete sync`).toBeDefined();
    expect(asset.modifiedMs).toBe(photo!.modifiedMs);
  }
}

describe("index updates through the bridge", () => {
  it("keeps indexed ids consistent with the library", () => {
    assertInvariantAfterEachStep(
      fc.array(libraryAction, { minLength: 4, maxLength: 40, size: "max" }),
      createModelState,
      applyAction,
      (state) => checkState(state),
      150,
    );
  });

  it("plans nothing twice without changes", () => {
    const withoutFailures = libraryAction
      .filter((a) => a.kind !== "markFailed")
      .map((a) => (a.kind === "sync" ? { ...a, failMask: 0 } : a.kind === "startEncoding" ? { ...a, fails: false } : a));
    const options = { chunkSize: 3, interruptAfter: null, repeatEntries: false, failingIds: new Set<string>(), embedLimit: null };

    assertIdempotent(
      fc.array(withoutFailures, { maxLength: 20 }),
      (actions) => {
        const state = createModelState();
        for (const action of actions) applyAction(state, action);
        state.host.sync(options);
        return state;
      },
      (state) => {
        const plan = state.host.sync(options).plan!;
        expect(plan.toEmbed).toEqual([]);
        expect(plan.removed).toEqual([]);
        expect(plan.reused).toEqual([]);
        expect(plan.unchanged).toBe(state.host.library.size);
        return { toEmbed: plan.toEmbed, removed: plan.removed, reused: plan.reused, unchanged: plan.unchanged, failedWaiting: plan.failedWaiting };
      },
      80,
    );
  });
});

