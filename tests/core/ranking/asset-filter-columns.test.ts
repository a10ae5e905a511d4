import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { queryable } from "../../../bridge/_generated/schema.js";
import type { AssetState } from "../../../core/index/asset-state";
import { AssetTable } from "../../../core/index/asset-table";
import { compileFilter } from "../../../core/ranking/asset-filter";
import { selectFilteredSlots } from "../../../core/ranking/column-filter";

interface Row {
  asset: AssetState;
  /** Vector slot, or -1 for an asset without a stored vector. */
  slot: number;
  /** Removed again after all rows are added, so its row becomes free. */
  removed: boolean;
}

// Centres and points near the poles, the antimeridian and each other, plus out-of-range and NaN points.
const latitude = fc.oneof(fc.constantFrom(0, 48.86, 48.9, 89.9, -89.99, 90, -90, 95, Number.NaN), fc.double({ min: -90, max: 90, noNaN: true }));
const longitude = fc.oneof(fc.constantFrom(0, 2.35, 179.99, -179.99, 180, -180, 200, Number.NaN), fc.double({ min: -180, max: 180, noNaN: true }));
const point = fc.record({ latitude, longitude });
const subtype: fc.Arbitrary<number> = fc.constantFrom(0, 1, 2, 3, 31, 32, 40, -1);

const row = (id: string): fc.Arbitrary<Row> =>
  fc.record({
    asset: fc.record({
      id: fc.constant(id),
      createdMs: fc.constantFrom(0, 1000, 2000, 3000),
      modifiedMs: fc.constant(1),
      favorite: fc.boolean(),
      mediaType: fc.constantFrom(0, 1, 2, 3, 33),
      subtypes: fc.array(subtype, { maxLength: 3 }),
      albumIds: fc.subarray(["a", "b", "c"]),
      location: fc.option(point, { nil: null }),
      fingerprint: fc.constant("f"),
      embeddedModifiedMs: fc.constant(1),
      embeddedFingerprint: fc.constant("f"),
      failure: fc.constant(null),
    }),
    slot: fc.oneof(fc.constant(-1), fc.nat(60)),
    removed: fc.boolean(),
  });

const filter: fc.Arbitrary<queryable.v1.IFilter> = fc.record(
  {
    createdFromMs: fc.constantFrom(0, 1000, 2000),
    createdToMs: fc.constantFrom(0, 2000, 3000),
    favoritesOnly: fc.boolean(),
    mediaTypes: fc.subarray([0, 1, 2, 33]),
    subtypesAny: fc.array(subtype, { maxLength: 3 }),
    subtypesNone: fc.array(subtype, { maxLength: 3 }),
    albumIdsAny: fc.subarray(["a", "b", "x"]),
    excludeIds: fc.subarray(["p0", "p1", "p2", "p3", "unknown"]),
    near: fc.option(fc.record({ latitude: fc.double({ min: -90, max: 90, noNaN: true }), longitude: fc.double({ min: -180, max: 180, noNaN: true }) }), { nil: null }),
    radiusM: fc.oneof(fc.constantFrom(1, 1_000, 10_000, 1_000_000, 20_000_000, 30_000_000), fc.double({ min: 1e-3, max: 3e7, noNaN: true })),
  },
  { requiredKeys: [] },
).map((f) => (f.near ? f : { ...f, radiusM: 0 }) as queryable.v1.IFilter);

/** Builds a table where the vector slots are distinct, then removes some rows. */
function buildTable(rows: Row[]): { table: AssetTable; slotCount: number; assetAt: Map<number, AssetState> } {
  const table = new AssetTable();
  const assetAt = new Map<number, AssetState>();
  let slotCount = 0;
  for (const { asset, slot } of rows) {
    table.set(asset.id, asset);
    if (slot >= 0 && !assetAt.has(slot)) {
      table.slotDirectory.set(asset.id, slot);
      assetAt.set(slot, asset);
      slotCount = Math.max(slotCount, slot + 1);
    }
  }
  for (const { asset, removed } of rows) {
    if (!removed) continue;
    const slot = table.slotDirectory.get(asset.id);
    if (slot !== undefined) {
      table.slotDirectory.delete(asset.id);
      assetAt.delete(slot);
    }
    table.delete(asset.id);
  }
  return { table, slotCount, assetAt };
}

const tableRows = fc.integer({ min: 0, max: 30 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => row(`p${i}`))));

describe("selectFilteredSlots", () => {
  it("keeps what the per-asset predicate keeps", () => {
    fc.assert(
      fc.property(tableRows, fc.array(row("q"), { maxLength: 3 }), filter, (rows, reused, f) => {
        const built = buildTable(rows);
        // Adding after removals reuses free rows.
        reused.forEach((r, i) => built.table.set(`r${i}`, { ...r.asset, id: `r${i}` }));
        const keep = compileFilter(f);
        // Invalid filters are skipped, and fast-check fails the test when it has to skip too many.
        fc.pre(keep.ok);
        if (!keep.ok) return;

        const expected = [...built.assetAt.keys()].sort((a, b) => a - b).filter((slot) => keep.value(built.table.get(built.assetAt.get(slot)!.id)!));
        expect([...selectFilteredSlots(built.table, f, built.slotCount)]).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("near keeps points on both sides of the antimeridian", () => {
    const { table, slotCount } = buildTable([
      { asset: { ...asset("east"), location: { latitude: 0, longitude: 179.995 } }, slot: 0, removed: false },
      { asset: { ...asset("west"), location: { latitude: 0, longitude: -179.995 } }, slot: 1, removed: false },
      { asset: { ...asset("far"), location: { latitude: 0, longitude: 170 } }, slot: 2, removed: false },
    ]);
    const slots = selectFilteredSlots(table, { near: { latitude: 0, longitude: 180 }, radiusM: 1_000 }, slotCount);
    expect([...slots]).toEqual([0, 1]);
  });

  it("near keeps a point just inside the radius", () => {
    // 0.0089 degrees of latitude is about 989.6 m.
    const { table, slotCount } = buildTable([{ asset: { ...asset("inside"), location: { latitude: 60.0089, longitude: 10 } }, slot: 0, removed: false }]);
    const slots = selectFilteredSlots(table, { near: { latitude: 60, longitude: 10 }, radiusM: 990 }, slotCount);
    expect([...slots]).toEqual([0]);
  });
});

function asset(id: string): AssetState {
  return {
    id, createdMs: 0, modifiedMs: 0, favorite: false, mediaType: 1, subtypes: [], albumIds: [], location: null,
    fingerprint: "", embeddedModifiedMs: 0, embeddedFingerprint: "", failure: null,
  };
}
