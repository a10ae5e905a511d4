import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { queryable } from "../../../bridge/codec";
import { manifestChunkOf, manifestEntryAt, NO_LIST } from "../../../core/sync/manifest-columns";

const entry: fc.Arbitrary<queryable.v1.IManifestEntry> = fc.record(
  {
    id: fc.string(),
    createdMs: fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
    modifiedMs: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    favorite: fc.boolean(),
    mediaType: fc.integer({ min: 0, max: 3 }),
    subtypes: fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 3 }),
    albumIds: fc.array(fc.string(), { maxLength: 3 }),
    location: fc.option(fc.record({ latitude: fc.double(), longitude: fc.double() }, { requiredKeys: [] })),
    fingerprint: fc.string(),
  },
  { requiredKeys: [] },
);

/** The entry with every unset field at its protobuf default, as manifestEntryAt returns it. */
function withDefaults(value: queryable.v1.IManifestEntry): queryable.v1.IManifestEntry {
  return {
    id: value.id ?? "",
    createdMs: value.createdMs ?? 0,
    modifiedMs: value.modifiedMs ?? 0,
    favorite: value.favorite ?? false,
    mediaType: value.mediaType ?? 0,
    subtypes: value.subtypes ?? [],
    albumIds: value.albumIds ?? [],
    location: value.location ? { latitude: value.location.latitude ?? 0, longitude: value.location.longitude ?? 0 } : null,
    fingerprint: value.fingerprint ?? "",
  };
}

describe("manifestChunkOf", () => {
  it("entries round trip with defaults", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const chunk = manifestChunkOf({ entries });
        expect(chunk.entries.ids.length).toBe(entries.length);
        entries.forEach((value, i) => expect(manifestEntryAt(chunk.entries, i)).toStrictEqual(withDefaults(value)));
      }),
    );
  });

  it("entries without extras leave holes", () => {
    const chunk = manifestChunkOf({ entries: [{ id: "a", subtypes: [], albumIds: [] }, { id: "b", subtypes: [1] }, { id: "c" }] });
    expect(0 in chunk.entries.extras).toBe(false);
    expect(2 in chunk.entries.extras).toBe(false);
    expect(chunk.entries.extras[1]?.albumIds).toBe(NO_LIST);
    expect(chunk.entries.extras[1]?.location).toBeNull();
  });

  it("unset flags read false", () => {
    const chunk = manifestChunkOf({});
    expect(chunk.first).toBe(false);
    expect(chunk.last).toBe(false);
    expect(chunk.entries.ids).toEqual([]);
  });
});

describe("manifestEntryAt", () => {
  it("returns copies of lists", () => {
    const chunk = manifestChunkOf({ entries: [{ id: "a", subtypes: [1], albumIds: ["x"] }] });
    const built = manifestEntryAt(chunk.entries, 0);
    built.subtypes!.push(2);
    built.albumIds!.push("y");
    expect(chunk.entries.extras[0]?.subtypes).toEqual([1]);
    expect(chunk.entries.extras[0]?.albumIds).toEqual(["x"]);
  });
});
