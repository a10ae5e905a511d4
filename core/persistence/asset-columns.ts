import type { queryable } from "../../bridge/_generated/schema.js";
import { preview } from "../index/asset-id";
import type { AssetState, FailureState } from "../index/asset-state";
import type { AssetTable } from "../index/asset-table";
import { readColumn, readStrings, writeColumn, writeStrings } from "./_internal/byte-columns";

const FAVORITE = 1;
const HAS_VECTOR = 2;
const HAS_LOCATION = 4;
const FAILED = 8;
const OWN_EMBEDDED_VERSION = 16;
const NO_ALBUMS: readonly string[] = Object.freeze([]);

/**
 * Encodes `assets` (in the order given) as AssetColumns. `hasVector(id)`
 * sets the vector flag; an asset without a vector is stored with the empty
 * embedded version, as AssetRecord stores it.
 */
export function encodeAssetColumns(assets: readonly AssetState[], hasVector: (id: string) => boolean): queryable.v1.IAssetColumns {
  const count = assets.length;
  const created = new Float64Array(count);
  const modified = new Float64Array(count);
  const flags = new Uint8Array(count);
  const mediaTypes = new Int32Array(count);
  const subtypeCounts = new Uint32Array(count);
  const albumCounts = new Uint32Array(count);
  const subtypes: number[] = [];
  const albumIds: string[] = [];
  const locations: number[] = [];
  const embeddedMs: number[] = [];
  const embeddedFingerprints: string[] = [];
  const failures: FailureState[] = [];

  assets.forEach((asset, i) => {
    const withVector = hasVector(asset.id);
    created[i] = asset.createdMs;
    modified[i] = asset.modifiedMs;
    mediaTypes[i] = asset.mediaType;
    subtypeCounts[i] = asset.subtypes.length;
    albumCounts[i] = asset.albumIds.length;
    subtypes.push(...asset.subtypes);
    albumIds.push(...asset.albumIds);

    let flag = (asset.favorite ? FAVORITE : 0) | (withVector ? HAS_VECTOR : 0);
    if (asset.location) {
      flag |= HAS_LOCATION;
      locations.push(asset.location.latitude, asset.location.longitude);
    }
    const embeddedModifiedMs = withVector ? asset.embeddedModifiedMs : 0;
    const embeddedFingerprint = withVector ? asset.embeddedFingerprint : "";
    if (embeddedModifiedMs !== asset.modifiedMs || embeddedFingerprint !== asset.fingerprint) {
      flag |= OWN_EMBEDDED_VERSION;
      embeddedMs.push(embeddedModifiedMs);
      embeddedFingerprints.push(embeddedFingerprint);
    }
    if (asset.failure && asset.failure.attempts > 0) {
      flag |= FAILED;
      failures.push(asset.failure);
    }
    flags[i] = flag;
  });

  return {
    count,
    ids: writeStrings(assets.map((asset) => asset.id)),
    createdMs: writeColumn(created),
    modifiedMs: writeColumn(modified),
    flags,
    mediaTypes: writeColumn(mediaTypes),
    subtypeCounts: writeColumn(subtypeCounts),
    subtypes: writeColumn(Int32Array.from(subtypes)),
    albumCounts: writeColumn(albumCounts),
    albumIds: writeStrings(albumIds),
    locations: writeColumn(Float64Array.from(locations)),
    fingerprints: writeStrings(assets.map((asset) => asset.fingerprint)),
    embeddedModifiedMs: writeColumn(Float64Array.from(embeddedMs)),
    embeddedFingerprints: writeStrings(embeddedFingerprints),
    failureReasons: writeStrings(failures.map((f) => f.reason)),
    failedAttempts: writeColumn(Uint32Array.from(failures.map((f) => f.attempts))),
    failedGenerations: writeColumn(Uint32Array.from(failures.map((f) => f.generation))),
    failedModifiedMs: writeColumn(Float64Array.from(failures.map((f) => f.modifiedMs))),
    failedFingerprints: writeStrings(failures.map((f) => f.fingerprint)),
  };
}

/** Decoded columns: the asset ids in stored order and which of them have a vector. */
export interface DecodedAssets {
  readonly ids: string[];
  readonly hasVector: Uint8Array;
}

/**
 * Decodes AssetColumns into the empty `table`, without building an object
 * per asset. Returns a description of the first column whose length or
 * content does not fit the others, or of an empty or repeated id, for a
 * CORRUPT_SNAPSHOT message.
 */
export function decodeAssetColumns(columns: queryable.v1.IAssetColumns, table: AssetTable): DecodedAssets | string {
  const count = columns.count ?? 0;
  const empty = new Uint8Array(0);
  const ids = readStrings(columns.ids, count);
  const fingerprints = readStrings(columns.fingerprints, count);
  const created = readColumn<Float64Array>(Float64Array, columns.createdMs ?? empty, count);
  const modified = readColumn<Float64Array>(Float64Array, columns.modifiedMs ?? empty, count);
  const mediaTypes = readColumn<Int32Array>(Int32Array, columns.mediaTypes ?? empty, count);
  const subtypeCounts = readColumn<Uint32Array>(Uint32Array, columns.subtypeCounts ?? empty, count);
  const albumCounts = readColumn<Uint32Array>(Uint32Array, columns.albumCounts ?? empty, count);
  const flags = columns.flags ?? empty;
  if (ids === null || fingerprints === null) return "ids or fingerprints";
  if (created === null || modified === null || mediaTypes === null || subtypeCounts === null || albumCounts === null || flags.length !== count) {
    return "per-asset columns";
  }

  const totals = { subtypes: sum(subtypeCounts), albums: sum(albumCounts), located: 0, embedded: 0, failed: 0 };
  for (let i = 0; i < count; i++) {
    const flag = flags[i]!;
    if (flag & HAS_LOCATION) totals.located++;
    if (flag & OWN_EMBEDDED_VERSION) totals.embedded++;
    if (flag & FAILED) totals.failed++;
  }
  const subtypes = readColumn<Int32Array>(Int32Array, columns.subtypes ?? empty, totals.subtypes);
  const albumIds = readStrings(columns.albumIds, totals.albums);
  const locations = readColumn<Float64Array>(Float64Array, columns.locations ?? empty, totals.located * 2);
  const embeddedMs = readColumn<Float64Array>(Float64Array, columns.embeddedModifiedMs ?? empty, totals.embedded);
  const embeddedFingerprints = readStrings(columns.embeddedFingerprints, totals.embedded);
  if (subtypes === null || albumIds === null || locations === null || embeddedMs === null || embeddedFingerprints === null) return "list, location or embedded-version columns";
  const failures = readFailures(columns, totals.failed);
  if (failures === null) return "failure columns";

  const firstBad = table.loadRows({ ids, fingerprints, createdMs: created, modifiedMs: modified, mediaTypes, favorites: favoritesOf(flags) });
  if (firstBad >= 0) return ids[firstBad] === "" ? `asset ${firstBad} has an empty id` : `asset id "${preview(ids[firstBad]!)}" appears twice`;

  const hasVector = new Uint8Array(count);
  const at = { subtype: 0, album: 0, location: 0, embedded: 0, failure: 0 };
  for (let i = 0; i < count; i++) {
    const flag = flags[i]!;
    const subtypeCount = subtypeCounts[i]!;
    const albumCount = albumCounts[i]!;
    if (flag & HAS_VECTOR) hasVector[i] = 1;
    // Most assets have none of the optional fields, so they skip the rest.
    if ((flag & (HAS_LOCATION | OWN_EMBEDDED_VERSION | FAILED)) === 0 && subtypeCount === 0 && albumCount === 0) continue;

    if (flag & HAS_LOCATION) {
      table.setLocationAt(i, locations[at.location]!, locations[at.location + 1]!);
      at.location += 2;
    }
    if (subtypeCount !== 0 || albumCount !== 0) {
      const rowAlbums = albumCount === 0 ? NO_ALBUMS : albumIds.slice(at.album, at.album + albumCount);
      table.setListsAt(i, subtypes, rowAlbums, at.subtype, at.subtype + subtypeCount);
      at.subtype += subtypeCount;
      at.album += albumCount;
    }
    if (flag & OWN_EMBEDDED_VERSION) {
      table.setEmbeddedVersionAt(i, embeddedMs[at.embedded]!, embeddedFingerprints[at.embedded]!);
      at.embedded++;
    }
    if (flag & FAILED) table.setFailureAt(i, failures[at.failure++]!);
  }
  return { ids, hasVector };
}

function favoritesOf(flags: Uint8Array): Uint8Array {
  const favorites = new Uint8Array(flags.length);
  for (let i = 0; i < flags.length; i++) favorites[i] = flags[i]! & FAVORITE;
  return favorites;
}

function readFailures(columns: queryable.v1.IAssetColumns, count: number): FailureState[] | null {
  const empty = new Uint8Array(0);
  const reasons = readStrings(columns.failureReasons, count);
  const attempts = readColumn<Uint32Array>(Uint32Array, columns.failedAttempts ?? empty, count);
  const generations = readColumn<Uint32Array>(Uint32Array, columns.failedGenerations ?? empty, count);
  const modifiedMs = readColumn<Float64Array>(Float64Array, columns.failedModifiedMs ?? empty, count);
  const fingerprints = readStrings(columns.failedFingerprints, count);
  if (reasons === null || attempts === null || generations === null || modifiedMs === null || fingerprints === null) return null;

  const out: FailureState[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ reason: reasons[i]!, attempts: attempts[i]!, generation: generations[i]!, modifiedMs: modifiedMs[i]!, fingerprint: fingerprints[i]! });
  }
  return out;
}

function sum(values: Uint32Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}
