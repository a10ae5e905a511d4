// Random library changes and host steps for the index property tests.
import fc from "fast-check";
import { HostSimulator, type Delivery, type SyncRun } from "./host-simulator";

export type LibraryAction =
  | { kind: "add"; id: number; fingerprint: number | null; favorite: boolean }
  | { kind: "modify"; pick: number; fingerprint: number | null }
  | { kind: "delete"; pick: number }
  | { kind: "rename"; pick: number; id: number }
  | { kind: "sync"; chunkSize: number; interruptAfter: number | null; repeatEntries: boolean; failMask: number; embedLimit: number | null }
  | { kind: "markFailed"; pick: number }
  | { kind: "removeAsset"; pick: number }
  | { kind: "startEncoding"; pick: number; fails: boolean }
  | { kind: "deliverInFlight" }
  | { kind: "reopen"; takeSnapshot: boolean; tornBytes: number };

const id = fc.integer({ min: 0, max: 11 });
const fingerprint = fc.option(fc.integer({ min: 0, max: 4 }), { nil: null });
const pick = fc.nat(1000);

// null three times in four: most syncs finish and most plans are carried out.
function mostlyNull(arbitrary: fc.Arbitrary<number>): fc.Arbitrary<number | null> {
  return fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary, weight: 1 });
}

export const libraryAction: fc.Arbitrary<LibraryAction> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("add" as const), id, fingerprint, favorite: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant("modify" as const), pick, fingerprint }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("delete" as const), pick }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("rename" as const), pick, id }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant("sync" as const),
      chunkSize: fc.integer({ min: 1, max: 5 }),
      interruptAfter: mostlyNull(fc.integer({ min: 0, max: 3 })),
      repeatEntries: fc.boolean(),
      failMask: fc.nat(255),
      embedLimit: mostlyNull(fc.integer({ min: 0, max: 4 })),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant("markFailed" as const), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("removeAsset" as const), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("startEncoding" as const), pick, fails: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("deliverInFlight" as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("reopen" as const), takeSnapshot: fc.boolean(), tornBytes: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 })) }), weight: 2 },
);

/** Host state the properties check against, beyond the simulator itself. */
export interface ModelState {
  readonly host: HostSimulator;
  /** Ids deleted from the library since the last completed sync. */
  readonly deletedSinceSync: Set<string>;
  /** Next modification date, so every change gives a new version. */
  clock: number;
  /** The last sync run, or null when the last action was not a sync. */
  lastSync: SyncRun | null;
  /** Bytes dropped when the last reopen read the journal, or null when the last action was not a reopen. */
  lastDropped: number | null;
  /** The last delivery of in-flight encodings, or null when the last action was not one. */
  lastDelivery: Delivery | null;
}

/** Creates the state of an empty library and a new core. */
export function createModelState(): ModelState {
  return { host: new HostSimulator(), deletedSinceSync: new Set(), clock: 1, lastSync: null, lastDropped: null, lastDelivery: null };
}

/** Applies one action to the simulated library and core. */
export function applyAction(state: ModelState, action: LibraryAction): void {
  const { host } = state;
  const ids = [...host.library.keys()].sort();
  const chosen = ids.length === 0 ? null : ids[("pick" in action ? action.pick : 0) % ids.length]!;
  state.lastSync = null;
  state.lastDropped = null;
  state.lastDelivery = null;

  switch (action.kind) {
    case "add": {
      const photoId = `photo-${action.id}`;
      if (host.library.has(photoId)) return;
      const fp = action.fingerprint === null ? "" : `fp-${action.fingerprint}`;
      host.library.set(photoId, { id: photoId, modifiedMs: state.clock++, fingerprint: fp, createdMs: 1000 + action.id, favorite: action.favorite });
      state.deletedSinceSync.delete(photoId);
      return;
    }
    case "modify": {
      if (chosen === null) return;
      const photo = host.library.get(chosen)!;
      const fp = action.fingerprint === null ? "" : `fp-${action.fingerprint}`;
      host.library.set(chosen, { ...photo, modifiedMs: state.clock++, fingerprint: fp });
      return;
    }
    case "delete": {
      if (chosen === null) return;
      host.library.delete(chosen);
      state.deletedSinceSync.add(chosen);
      return;
    }
    case "rename": {
      const newId = `photo-${action.id}`;
      if (chosen === null || host.library.has(newId)) return;
      const photo = host.library.get(chosen)!;
      host.library.delete(chosen);
      state.deletedSinceSync.add(chosen);
      host.library.set(newId, { ...photo, id: newId });
      state.deletedSinceSync.delete(newId);
      return;
    }
    case "sync": {
      const failingIds = new Set(ids.filter((_, i) => (action.failMask >> (i % 8)) & 1 && i % 3 === 0));
      state.lastSync = host.sync({ ...action, failingIds });
      if (state.lastSync.plan !== null) state.deletedSinceSync.clear();
      return;
    }
    case "markFailed": {
      if (chosen === null) return;
      const known = host.client.send({ getAssets: { ids: [chosen] } });
      if (known.kind !== "assetList") return;
      host.client.call({ markFailed: { failures: [{ id: chosen, reason: "host gave up" }] } }, "failuresMarked");
      return;
    }
    case "removeAsset": {
      if (chosen === null) return;
      host.client.call({ removeAssets: { ids: [chosen] } }, "assetsRemoved");
      return;
    }
    case "startEncoding": {
      if (chosen === null) return;
      host.startEncoding(chosen, action.fails);
      return;
    }
    case "deliverInFlight": {
      state.lastDelivery = host.deliverInFlight();
      return;
    }
    case "reopen": {
      const opened = host.reopen(action.takeSnapshot, action.tornBytes);
      state.lastDropped = opened.journalBytesDropped ?? 0;
      return;
    }
  }
}
