import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { queryable } from "../../../bridge/codec";
import { assetStateFromRecord } from "../../../core/index/asset-record";
import { AssetTable } from "../../../core/index/asset-table";
import { manifestChunkOf } from "../../../core/sync/manifest-columns";
import { changedEntries } from "../../../core/sync/changed-entries";

type Entry = queryable.v1.IManifestEntry;

// Small domains, so that random pairs are often equal.
const entry: fc.Arbitrary<Entry> = fc.record(
  {
    createdMs: fc.integer({ min: 0, max: 2 }),
    modifiedMs: fc.integer({ min: 0, max: 2 }),
    favorite: fc.boolean(),
    mediaType: fc.integer({ min: 0, max: 2 }),
    subtypes: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
    albumIds: fc.array(fc.constantFrom("a", "b"), { maxLength: 2 }),
    location: fc.option(fc.record({ latitude: fc.constantFrom(0, 1, -0), longitude: fc.constantFrom(0, 2) }, { requiredKeys: [] })),
    fingerprint: fc.constantFrom("", "f"),
  },
  { requiredKeys: [] },
);

/** Returns the manifest fields of `value`, unset ones at their protobuf defaults, for comparing with ===. */
function fieldsOf(value: Entry): unknown[] {
  const location = value.location ?? null;
  return [
    value.createdMs ?? 0, value.modifiedMs ?? 0, value.favorite ?? false, value.mediaType ?? 0, value.fingerprint ?? "",
    JSON.stringify(value.subtypes ?? []), JSON.stringify(value.albumIds ?? []),
    // A template string writes -0 as "0", as === compares it.
    location === null ? "none" : `${location.latitude ?? 0},${location.longitude ?? 0}`,
  ];
}

function stored(value: Entry): { table: AssetTable; row: number } {
  const table = new AssetTable();
  table.set("x", assetStateFromRecord({ ...value, id: "x" }));
  return { table, row: table.rowOf("x") };
}

function same(storedEntry: Entry, incoming: Entry): boolean {
  const { table, row } = stored(storedEntry);
  const columns = manifestChunkOf({ entries: [{ ...incoming, id: "x" }] }).entries;
  return changedEntries(table.columns(), columns, Int32Array.of(row), null).length === 0;
}

describe("changedEntries", () => {
  it("agrees with a field comparison", () => {
    fc.assert(
      fc.property(entry, entry, (a, b) => {
        const expected = fieldsOf(a).every((field, k) => field === fieldsOf(b)[k]);
        expect(same(a, b)).toBe(expected);
        expect(same(a, a)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("reads unset fields as defaults", () => {
    expect(same({ createdMs: 0, modifiedMs: 0, mediaType: 0 }, {})).toBe(true);
    expect(same({}, { favorite: true })).toBe(false);
    expect(same({}, { subtypes: [1] })).toBe(false);
    expect(same({}, { location: { latitude: 0, longitude: 0 } })).toBe(false);
    expect(same({ location: {} }, { location: { latitude: 0, longitude: 0 } })).toBe(true);
  });

  it("compares list order", () => {
    expect(same({ subtypes: [1, 2] }, { subtypes: [2, 1] })).toBe(false);
    expect(same({ albumIds: ["a", "b"] }, { albumIds: ["b", "a"] })).toBe(false);
    expect(same({ albumIds: ["a", "b"] }, { albumIds: ["a", "b"] })).toBe(true);
  });

  it("lists new and changed entries in order", () => {
    const table = new AssetTable();
    table.set("a", assetStateFromRecord({ id: "a", modifiedMs: 1 }));
    table.set("b", assetStateFromRecord({ id: "b", modifiedMs: 1 }));
    const columns = manifestChunkOf({ entries: [{ id: "b", modifiedMs: 2 }, { id: "n" }, { id: "a", modifiedMs: 1 }, { id: "b", modifiedMs: 1 }] }).entries;
    const rows = Int32Array.of(table.rowOf("b"), -1, table.rowOf("a"), table.rowOf("b"));

    expect(changedEntries(table.columns(), columns, rows, null)).toEqual([0, 1]);
    expect(changedEntries(table.columns(), columns, rows, [3, 2, 1])).toEqual([1]);
  });
});
