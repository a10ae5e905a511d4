import { describe, expect, it } from "vitest";
import type { Result } from "../../../core/errors";
import type { AssetState } from "../../../core/index/asset-state";
import { compileFilter, keepsEveryAsset } from "../../../core/ranking/asset-filter";
import { haversineMetres } from "../../../core/ranking/haversine";

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function asset(overrides: Partial<AssetState>): AssetState {
  return {
    id: "a", createdMs: 0, modifiedMs: 0, favorite: false, mediaType: 1, subtypes: [], albumIds: [], location: null,
    fingerprint: "", embeddedModifiedMs: 0, embeddedFingerprint: "", failure: null, ...overrides,
  };
}

describe("haversineMetres", () => {
  it("Paris to London is about 344 km", () => {
    expect(haversineMetres(48.8566, 2.3522, 51.5074, -0.1278) / 1000).toBeCloseTo(343.6, 0);
  });

  it("same point is zero", () => {
    expect(haversineMetres(10, 20, 10, 20)).toBe(0);
  });
});

describe("compileFilter", () => {
  it("unset filter keeps everything", () => {
    const keep = unwrap(compileFilter(null));
    expect(keep(asset({}))).toBe(true);
  });

  it("date bound drops unknown dates", () => {
    const keep = unwrap(compileFilter({ createdFromMs: 1 }));
    expect(keep(asset({ createdMs: 0 }))).toBe(false);
    expect(keep(asset({ createdMs: 1 }))).toBe(true);
  });

  it("near drops assets without location", () => {
    const keep = unwrap(compileFilter({ near: { latitude: 0, longitude: 0 }, radiusM: 1000 }));
    expect(keep(asset({}))).toBe(false);
    expect(keep(asset({ location: { latitude: 0.005, longitude: 0 } }))).toBe(true);
    expect(keep(asset({ location: { latitude: 0.01, longitude: 0 } }))).toBe(false);
  });

  it("subtypes none drops screenshots", () => {
    const keep = unwrap(compileFilter({ subtypesNone: [1] }));
    expect(keep(asset({ subtypes: [2, 1] }))).toBe(false);
    expect(keep(asset({ subtypes: [2] }))).toBe(true);
  });

  it.each([
    [{ near: { latitude: 0, longitude: 0 }, radiusM: 0 }],
    [{ near: { latitude: 0, longitude: 0 }, radiusM: Number.POSITIVE_INFINITY }],
    [{ near: { latitude: 0, longitude: 200 }, radiusM: 5 }],
    [{ radiusM: 5 }],
    [{ createdFromMs: 10, createdToMs: 9 }],
  ])("rejects %o", (filter) => {
    const result = compileFilter(filter);
    expect(result.ok ? "ok" : result.error.code).toBe("INVALID_PARAMETER");
  });
});

describe("keepsEveryAsset", () => {
  it("unset and empty filters keep every asset", () => {
    expect(keepsEveryAsset(undefined)).toBe(true);
    expect(keepsEveryAsset(null)).toBe(true);
    expect(keepsEveryAsset({})).toBe(true);
    expect(keepsEveryAsset({ mediaTypes: [], excludeIds: [], createdFromMs: 0 })).toBe(true);
  });

  it("any set condition counts", () => {
    const conditions = [
      { createdFromMs: 1 }, { createdToMs: 1 }, { favoritesOnly: true }, { mediaTypes: [1] },
      { subtypesAny: [1] }, { subtypesNone: [1] }, { albumIdsAny: ["x"] }, { excludeIds: ["a"] },
      { near: { latitude: 0, longitude: 0 }, radiusM: 10 }, { radiusM: 10 },
    ];
    for (const filter of conditions) expect(keepsEveryAsset(filter), JSON.stringify(filter)).toBe(false);
  });
});
