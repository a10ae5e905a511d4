import type { queryable } from "../../bridge/_generated/schema.js";
import type { AssetColumns, AssetTable } from "../index/asset-table";
import { EARTH_RADIUS_M, haversineMetres } from "./haversine";

// Degrees added to each side of the bounding box (0.001 degrees of latitude is
// about 111 m). Rounding in haversineMetres is far below that, so the box never
// drops a point that the exact test keeps.
const BOX_MARGIN_DEGREES = 1e-3;

/**
 * Returns, in ascending order, the vector slots of the assets that pass
 * `filter`, reading the columns of `table` by row instead of building an
 * AssetState per asset. `filter` must already have passed compileFilter's
 * checks. Keeps exactly what compileFilter's predicate keeps: an unknown
 * capture date (0) fails any date bound, and an asset without a location
 * fails `near`. `slotCount` is the store's slot high-water mark.
 */
export function selectFilteredSlots(table: AssetTable, filter: queryable.v1.IFilter, slotCount: number): Int32Array {
  const columns = table.columns();
  const verdicts = listVerdicts(columns, filter);
  for (const id of filter.excludeIds ?? []) {
    const row = table.rowOf(id);
    if (row >= 0) verdicts[row] = 0;
  }

  const from = filter.createdFromMs ?? 0;
  const to = filter.createdToMs ?? 0;
  const favoriteBit = filter.favoritesOnly ? columns.favorite : 0;
  const mediaTypes = IntegerSet.of(filter.mediaTypes ?? []);
  const near = filter.near ? NearTest.of(filter.near, filter.radiusM ?? 0) : null;
  const { slots, createdMs, flags, locations } = columns;

  const passing = new Uint8Array(slotCount);
  let count = 0;
  for (let row = 0; row < columns.rowCount; row++) {
    const slot = slots[row]!;
    if (slot < 0 || verdicts[row] === 0) continue;
    const created = createdMs[row]!;
    if (from !== 0 && (created === 0 || created < from)) continue;
    if (to !== 0 && (created === 0 || created > to)) continue;
    const rowFlags = flags[row]!;
    if ((rowFlags & favoriteBit) !== favoriteBit) continue;
    if (mediaTypes !== null && !mediaTypes.has(columns.mediaTypes[row]!)) continue;
    if (near !== null) {
      if ((rowFlags & columns.hasLocation) === 0) continue;
      if (!near.keeps(locations[row * 2]!, locations[row * 2 + 1]!)) continue;
    }
    passing[slot] = 1;
    count++;
  }

  const selected = new Int32Array(count);
  let next = 0;
  for (let slot = 0; slot < slotCount; slot++) {
    if (passing[slot] === 1) selected[next++] = slot;
  }
  return selected;
}

// Returns 1 per row whose subtypes and albums pass the filter, 0 otherwise.
// Rows share few distinct pairs of lists, so each pair is tested once.
function listVerdicts(columns: AssetColumns, filter: queryable.v1.IFilter): Uint8Array {
  const subtypesAny = IntegerSet.of(filter.subtypesAny ?? []);
  const subtypesNone = IntegerSet.of(filter.subtypesNone ?? []);
  const albumIds = filter.albumIdsAny ?? [];
  const albums = albumIds.length > 0 ? new Set(albumIds) : null;

  const verdicts = new Uint8Array(columns.rowCount);
  if (subtypesAny === null && subtypesNone === null && albums === null) return verdicts.fill(1);

  const pairVerdicts = new Uint8Array(columns.listSets.size);
  for (let number = 0; number < pairVerdicts.length; number++) {
    const lists = columns.listSets.at(number);
    let pass = true;
    if (subtypesAny !== null && !lists.subtypes.some((s) => subtypesAny.has(s))) pass = false;
    else if (subtypesNone !== null && lists.subtypes.some((s) => subtypesNone.has(s))) pass = false;
    else if (albums !== null && !lists.albumIds.some((a) => albums.has(a))) pass = false;
    pairVerdicts[number] = pass ? 1 : 0;
  }

  const listNumbers = columns.listNumbers;
  for (let row = 0; row < verdicts.length; row++) verdicts[row] = pairVerdicts[listNumbers[row]!]!;
  return verdicts;
}

/** A set of integers (media types, subtypes): a bit mask for 0..31, a Set for the rest. */
class IntegerSet {
  private constructor(
    private readonly mask: number,
    private readonly others: ReadonlySet<number> | null,
  ) {}

  /** Returns null for an empty list, which sets no condition. */
  static of(values: readonly number[]): IntegerSet | null {
    if (values.length === 0) return null;
    let mask = 0;
    const others: number[] = [];
    for (const value of values) {
      if (Number.isInteger(value) && value >= 0 && value < 32) mask |= 1 << value;
      else others.push(value);
    }
    return new IntegerSet(mask, others.length > 0 ? new Set(others) : null);
  }

  has(value: number): boolean {
    if (value >= 0 && value < 32 && (value | 0) === value) return ((this.mask >>> value) & 1) === 1;
    return this.others !== null && this.others.has(value);
  }
}

/**
 * The `near` condition: a latitude and longitude box that only rejects
 * points certainly farther than the radius, then the exact haversine test.
 */
class NearTest {
  private constructor(
    private readonly latitude: number,
    private readonly longitude: number,
    private readonly radius: number,
    private readonly minLatitude: number,
    private readonly maxLatitude: number,
    /** Largest longitude difference in degrees, or Infinity when the box spans every longitude. */
    private readonly maxLongitudeDelta: number,
  ) {}

  static of(near: queryable.v1.ILocation, radius: number): NearTest {
    const latitude = near.latitude ?? 0;
    const longitude = near.longitude ?? 0;
    // A great-circle distance d is at least R * |dLatitude|, and at
    // |latitude| + d/R < 90 degrees sin|dLongitude| <= sin(d/R) / cos(latitude).
    const angle = radius / EARTH_RADIUS_M;
    const latitudeDelta = (angle * 180) / Math.PI + BOX_MARGIN_DEGREES;
    const reachesPole = Math.abs(latitude) + latitudeDelta >= 90 || angle >= Math.PI / 2;
    const longitudeDelta = reachesPole
      ? Number.POSITIVE_INFINITY
      : (Math.asin(Math.min(1, Math.sin(angle) / Math.cos((latitude * Math.PI) / 180))) * 180) / Math.PI + BOX_MARGIN_DEGREES;

    return new NearTest(latitude, longitude, radius, latitude - latitudeDelta, latitude + latitudeDelta, longitudeDelta);
  }

  /** True when the point is within the radius, as haversineMetres measures it. */
  keeps(latitude: number, longitude: number): boolean {
    // The box applies only to points in the usual ranges, because haversineMetres
    // wraps others (and NaN never compares), so those go straight to it.
    if (latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180) {
      if (latitude < this.minLatitude || latitude > this.maxLatitude) return false;
      let delta = Math.abs(longitude - this.longitude);
      if (delta > 180) delta = 360 - delta;
      if (delta > this.maxLongitudeDelta) return false;
    }
    return !(haversineMetres(this.latitude, this.longitude, latitude, longitude) > this.radius);
  }
}
