import type { queryable } from "../../bridge/_generated/schema.js";
import type { AssetState, FailureState, GeoPoint } from "../index/asset-state";
import { readColumn, readStrings, writeColumn, writeStrings } from "./_internal/byte-columns";

const FAVORITE = 1;
const HAS_VECTOR = 2;
const HAS_LOCATION = 4;
const FAILED = 8;
const OWN_EMBEDDED_VERSION = 16;

// Decoded assets share these, so 100k assets without subtypes or albums hold no arrays of their own.
const NO_SUBTYPES: number[] = Object.freeze([]) as unknown as number[];
const NO_ALBUMS: string[] = Object.freeze([]) as unknown as string[];

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

/** Decoded columns: the assets in stored order and which of them have a vector. */
export interface DecodedAssets {
  readonly assets: AssetState[];
  readonly hasVector: Uint8Array;
}

/**
 * Decodes AssetColumns. Returns a description of the first column whose
 * length or content does not fit the others, for a CORRUPT_SNAPSHOT message.
 */
export function decodeAssetColumns(columns: queryable.v1.IAssetColumns): DecodedAssets | string {
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

  const assets = new Array<AssetState>(count);
  const hasVector = new Uint8Array(count);
  const at = { subtype: 0, album: 0, location: 0, embedded: 0, failure: 0 };
  for (let i = 0; i < count; i++) {
    const flag = flags[i]!;
    const subtypeCount = subtypeCounts[i]!;
    const albumCount = albumCounts[i]!;
    let location: GeoPoint | null = null;
    if (flag & HAS_LOCATION) {
      location = { latitude: locations[at.location]!, longitude: locations[at.location + 1]! };
      at.location += 2;
    }
    const own = (flag & OWN_EMBEDDED_VERSION) !== 0;
    assets[i] = {
      id: ids[i]!,
      createdMs: created[i]!,
      modifiedMs: modified[i]!,
      favorite: (flag & FAVORITE) !== 0,
      mediaType: mediaTypes[i]!,
      subtypes: subtypeCount === 0 ? NO_SUBTYPES : Array.from(subtypes.subarray(at.subtype, at.subtype + subtypeCount)),
      albumIds: albumCount === 0 ? NO_ALBUMS : albumIds.slice(at.album, at.album + albumCount),
      location,
      fingerprint: fingerprints[i]!,
      embeddedModifiedMs: own ? embeddedMs[at.embedded]! : modified[i]!,
      embeddedFingerprint: own ? embeddedFingerprints[at.embedded]! : fingerprints[i]!,
      failure: flag & FAILED ? failures[at.failure++]! : null,
    };
    if (own) at.embedded++;
    at.subtype += subtypeCount;
    at.album += albumCount;
    hasVector[i] = flag & HAS_VECTOR ? 1 : 0;
  }
  return { assets, hasVector };
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
