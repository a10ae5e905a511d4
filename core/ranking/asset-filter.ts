import type { queryable } from "../../bridge/_generated/schema.js";
import { fail, ok, type Result } from "../errors";
import type { AssetState } from "../index/asset-state";
import { haversineMetres } from "./haversine";

/** A checked Filter message, ready to test assets. */
export type AssetPredicate = (asset: AssetState) => boolean;

/**
 * Checks a Filter and compiles it to a predicate on one AssetState. Searches
 * use selectFilteredSlots, which keeps the same assets without building an
 * AssetState per asset, and this predicate is its reference. An unset filter keeps
 * every asset. Assets with an unknown capture date (0) fail any date bound,
 * and assets without a location fail a `near` filter. Fails with
 * INVALID_PARAMETER when created_from_ms is after created_to_ms, when `near`
 * is outside -90..90 / -180..180 degrees, or when radius_m is not a positive
 * finite number while `near` is set (or is set without `near`).
 */
export function compileFilter(filter: queryable.v1.IFilter | null | undefined): Result<AssetPredicate> {
  if (!filter) return ok(() => true);

  const checked = checkFilter(filter);
  if (!checked.ok) return checked;

  const from = filter.createdFromMs ?? 0;
  const to = filter.createdToMs ?? 0;
  const favoritesOnly = filter.favoritesOnly ?? false;
  const mediaTypes = new Set(filter.mediaTypes ?? []);
  const subtypesAny = new Set(filter.subtypesAny ?? []);
  const subtypesNone = new Set(filter.subtypesNone ?? []);
  const albums = new Set(filter.albumIdsAny ?? []);
  const excluded = new Set(filter.excludeIds ?? []);
  const near = filter.near ?? null;
  const radius = filter.radiusM ?? 0;

  return ok((asset) => {
    if (excluded.has(asset.id)) return false;
    if (from !== 0 && (asset.createdMs === 0 || asset.createdMs < from)) return false;
    if (to !== 0 && (asset.createdMs === 0 || asset.createdMs > to)) return false;
    if (favoritesOnly && !asset.favorite) return false;
    if (mediaTypes.size > 0 && !mediaTypes.has(asset.mediaType)) return false;
    if (subtypesAny.size > 0 && !asset.subtypes.some((s) => subtypesAny.has(s))) return false;
    if (subtypesNone.size > 0 && asset.subtypes.some((s) => subtypesNone.has(s))) return false;
    if (albums.size > 0 && !asset.albumIds.some((a) => albums.has(a))) return false;
    if (near !== null) {
      if (asset.location === null) return false;
      const distance = haversineMetres(near.latitude ?? 0, near.longitude ?? 0, asset.location.latitude, asset.location.longitude);
      if (distance > radius) return false;
    }
    return true;
  });
}

/**
 * True when `filter` is unset or sets no condition, so it keeps every asset
 * and a search can skip testing each one. An invalid filter is never
 * "empty": it sets a field, and compileFilter reports it.
 */
export function keepsEveryAsset(filter: queryable.v1.IFilter | null | undefined): boolean {
  if (!filter) return true;
  return (
    !filter.createdFromMs &&
    !filter.createdToMs &&
    !filter.favoritesOnly &&
    (filter.mediaTypes ?? []).length === 0 &&
    (filter.subtypesAny ?? []).length === 0 &&
    (filter.subtypesNone ?? []).length === 0 &&
    (filter.albumIdsAny ?? []).length === 0 &&
    (filter.excludeIds ?? []).length === 0 &&
    !filter.near &&
    !filter.radiusM
  );
}

/** Checks a Filter without compiling it, with the same errors as compileFilter. */
export function checkFilter(filter: queryable.v1.IFilter): Result<true> {
  const from = filter.createdFromMs ?? 0;
  const to = filter.createdToMs ?? 0;
  if (from !== 0 && to !== 0 && from > to) {
    return fail("INVALID_PARAMETER", `Filter.created_from_ms ${from} is after created_to_ms ${to}; swap them or set one to 0 for an open range`);
  }

  const radius = filter.radiusM ?? 0;
  if (!filter.near) {
    if (radius !== 0) return fail("INVALID_PARAMETER", `Filter.radius_m is ${radius} but near is unset; set near to the centre point or leave radius_m at 0`);
    return ok(true);
  }

  const latitude = filter.near.latitude ?? 0;
  const longitude = filter.near.longitude ?? 0;
  if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
    return fail("INVALID_PARAMETER", `Filter.near (${latitude}, ${longitude}) is not a valid location; latitude must be -90 to 90 and longitude -180 to 180 degrees`);
  }
  if (!(radius > 0) || !Number.isFinite(radius)) {
    return fail("INVALID_PARAMETER", `Filter.radius_m is ${radius}; give a positive distance in metres when near is set`);
  }
  return ok(true);
}
