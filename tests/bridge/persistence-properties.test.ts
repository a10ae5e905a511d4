import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pb, type queryable } from "../../bridge/codec";
import { assertRoundTrip } from "../support/properties";
import { CoreClient, concat, float32Bytes } from "./_internal/core-client";
import { DIMENSION, HostSimulator, MODEL_ID } from "./_internal/host-simulator";
import { applyAction, createModelState, libraryAction, type ModelState } from "./_internal/library-actions";

/** Generates a core after a random history of library changes and host steps. */
function historyArbitrary(maxLength: number): fc.Arbitrary<ModelState> {
  return fc.array(libraryAction.filter((a) => a.kind !== "reopen"), { minLength: 1, maxLength, size: "max" }).map((actions) => {
    const state = createModelState();
    for (const action of actions) applyAction(state, action);
    return state;
  });
}

function open(snapshot: Uint8Array, journal: Uint8Array): { client: CoreClient; opened: queryable.v1.IIndexOpened } {
  const client = new CoreClient();
  const opened = client.call({ openIndex: { modelId: MODEL_ID, dimension: DIMENSION, snapshot, journal } }, "indexOpened");
  return { client, opened };
}

function snapshotOf(client: CoreClient): Uint8Array {
  return Uint8Array.from(client.call({ takeSnapshot: {} }, "snapshotTaken").snapshot ?? []);
}

/** Byte offsets where journal frames end, read from their length fields. */
function frameEnds(journal: Uint8Array): number[] {
  const view = new DataView(journal.buffer, journal.byteOffset, journal.byteLength);
  const ends: number[] = [];
  for (let offset = 0; offset < journal.length; offset = ends[ends.length - 1]!) ends.push(offset + 8 + view.getUint32(offset, true));
  return ends;
}

/** Collects what a host can observe of an index, apart from storage layout (slab size, free slots). */
function observe(client: CoreClient, queries: Float32Array[]): unknown {
  const stats = client.call({ getStats: { includeFailures: true } }, "stats");
  const assets = client.call({ getAssets: {} }, "assetList").assets;
  const searches = queries.map((q) => client.send({ search: { queries: [{ vector: float32Bytes(q) }], topK: 50 } }));
  return {
    counts: [stats.assets, stats.indexed, stats.failed, stats.pending, stats.sequence],
    failures: stats.failures?.map((f) => [f.id, f.reason, f.attempts]),
    assets: assets?.map((a) => pb.AssetInfo.encode(a).finish()),
    snapshot: snapshotOf(client),
    searches: searches.map((r) => pb.Response.encode({ ...r, requestId: 0 }).finish()),
  };
}

const QUERIES = [new Float32Array([1, 0, 0, 0]), new Float32Array([0.3, -1, 2, 0.5]), new Float32Array([-1, -1, 1, 1])];

describe("persistence through the bridge", () => {
  it("keeps every complete journal frame", () => {
    fc.assert(
      fc.property(historyArbitrary(25), fc.nat(), fc.boolean(), (state, cutSeed, corrupt) => {
        const live = state.host.client;
        const journal = live.journalBytes();
        const ends = [0, ...frameEnds(journal)];
        expect(ends[ends.length - 1]).toBe(journal.length);

        const cut = cutSeed % (journal.length + 1);
        const kept = ends.filter((end) => end <= cut);
        const boundary = kept[kept.length - 1]!;
        const damaged = journal.slice(0, cut);
        // Flipping a byte of the torn frame must end replay there too.
        if (corrupt && cut > boundary) damaged[boundary + ((cutSeed >> 3) % (cut - boundary))]! ^= 0x5a;

        const reopened = open(live.snapshot, damaged);
        expect(reopened.opened.framesReplayed).toBe(kept.length - 1);
        expect(Number(reopened.opened.journalBytesDropped)).toBe(cut - boundary);
        expect(snapshotOf(reopened.client)).toEqual(snapshotOf(open(live.snapshot, journal.slice(0, boundary)).client));
      }),
      { numRuns: 120 },
    );
  });

  it("stops replay at a corrupt frame", () => {
    fc.assert(
      fc.property(historyArbitrary(25), fc.nat(), fc.nat(), (state, frameSeed, byteSeed) => {
        const live = state.host.client;
        const journal = live.journalBytes();
        fc.pre(journal.length > 0);
        const ends = [0, ...frameEnds(journal)];
        const frame = frameSeed % (ends.length - 1);
        const start = ends[frame]!;
        const end = ends[frame + 1]!;

        // Any byte from the CRC-32 on; a damaged length field is the torn case above.
        const damaged = journal.slice();
        damaged[start + 4 + (byteSeed % (end - start - 4))]! ^= 1 << (byteSeed % 8);

        const reopened = open(live.snapshot, damaged);
        expect(reopened.opened.framesReplayed).toBe(frame);
        expect(Number(reopened.opened.journalBytesDropped)).toBe(journal.length - start);
      }),
      { numRuns: 120 },
    );
  });

  it("replays the whole journal to the live state", () => {
    fc.assert(
      fc.property(historyArbitrary(25), (state) => {
        const live = state.host.client;
        const reopened = open(live.snapshot, live.journalBytes());
        expect(observe(reopened.client, QUERIES)).toEqual(observe(live, QUERIES));
      }),
      { numRuns: 60 },
    );
  });

  it("reopens a snapshot as the same index", () => {
    assertRoundTrip(
      historyArbitrary(25).map((state) => state.host.client),
      (client) => snapshotOf(client),
      (snapshot) => {
        const reopened = open(snapshot, new Uint8Array(0));
        expect(reopened.opened.framesReplayed).toBe(0);
        return reopened.client;
      },
      (client) => observe(client, QUERIES),
      60,
    );
  });

  it("skips journal frames already in the snapshot", () => {
    fc.assert(
      fc.property(historyArbitrary(15), (state) => {
        const live = state.host.client;
        const journal = live.journalBytes();
        const snapshot = snapshotOf(live);
        // A host that crashed after writing the snapshot but before emptying the journal.
        const reopened = open(snapshot, journal);
        expect(reopened.opened.framesReplayed).toBe(0);
        expect(observe(reopened.client, QUERIES)).toEqual(observe(live, QUERIES));
      }),
      { numRuns: 40 },
    );
  });

  it("keeps frames appended after a reopen", () => {
    const host = new HostSimulator();
    host.library.set("a", { id: "a", modifiedMs: 1, fingerprint: "", createdMs: 0, favorite: false });
    host.sync({ chunkSize: 1, interruptAfter: null, repeatEntries: false, failingIds: new Set(), embedLimit: null });
    host.reopen(false, 0);
    host.library.set("b", { id: "b", modifiedMs: 2, fingerprint: "", createdMs: 0, favorite: false });
    host.sync({ chunkSize: 1, interruptAfter: null, repeatEntries: false, failingIds: new Set(), embedLimit: null });

    const reopened = open(host.client.snapshot, concat(host.client.journal));
    expect(reopened.opened.stats?.indexed).toBe(2);
    expect(reopened.opened.journalBytesDropped).toBe(0);
  });
});
