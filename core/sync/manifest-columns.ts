import type { queryable } from "../../bridge/_generated/schema.js";

/** Shared by every entry without subtypes or albums, so those entries hold no arrays of their own. Never written to. */
export const NO_LIST: readonly never[] = Object.freeze([]);

/**
 * The entries of one SyncManifest chunk, one array per field and one
 * element per entry in wire order, so a chunk of 1,000 entries costs no
 * object per entry. Unset fields hold their protobuf defaults (0, false,
 * ""). An entry without subtypes or albums has NO_LIST there. Latitude and
 * longitude are meaningful only where `hasLocation` is true, and read 0
 * when the Location message leaves them unset.
 */
export interface ManifestColumns {
  readonly ids: string[];
  readonly createdMs: number[];
  readonly modifiedMs: number[];
  readonly favorites: boolean[];
  readonly mediaTypes: number[];
  readonly subtypes: (readonly number[])[];
  readonly albumIds: (readonly string[])[];
  readonly hasLocation: boolean[];
  readonly latitudes: number[];
  readonly longitudes: number[];
  readonly fingerprints: string[];
}

/** One SyncManifest chunk: its entries as columns and its `first` and `last` flags. */
export interface ManifestChunk {
  readonly entries: ManifestColumns;
  readonly first: boolean;
  readonly last: boolean;
}

/** Returns columns of length 0. */
export function emptyManifestColumns(): ManifestColumns {
  return {
    ids: [],
    createdMs: [],
    modifiedMs: [],
    favorites: [],
    mediaTypes: [],
    subtypes: [],
    albumIds: [],
    hasLocation: [],
    latitudes: [],
    longitudes: [],
    fingerprints: [],
  };
}

/** Builds the chunk that a decoded SyncManifest message carries, reading unset fields as their defaults. */
export function manifestChunkOf(message: queryable.v1.ISyncManifest): ManifestChunk {
  const columns = emptyManifestColumns();
  for (const entry of message.entries ?? []) {
    const location = entry.location ?? null;
    const subtypes = entry.subtypes ?? NO_LIST;
    const albumIds = entry.albumIds ?? NO_LIST;
    columns.ids.push(entry.id ?? "");
    columns.createdMs.push(entry.createdMs ?? 0);
    columns.modifiedMs.push(entry.modifiedMs ?? 0);
    columns.favorites.push(entry.favorite ?? false);
    columns.mediaTypes.push(entry.mediaType ?? 0);
    columns.subtypes.push(subtypes.length === 0 ? NO_LIST : subtypes);
    columns.albumIds.push(albumIds.length === 0 ? NO_LIST : albumIds);
    columns.hasLocation.push(location !== null);
    columns.latitudes.push(location?.latitude ?? 0);
    columns.longitudes.push(location?.longitude ?? 0);
    columns.fingerprints.push(entry.fingerprint ?? "");
  }
  return { entries: columns, first: message.first ?? false, last: message.last ?? false };
}

/**
 * Builds entry `i` of `columns` as a ManifestEntry, for the rare entry that
 * needs one: a changed asset or an error message. The lists are copies.
 */
export function manifestEntryAt(columns: ManifestColumns, i: number): queryable.v1.IManifestEntry {
  return {
    id: columns.ids[i]!,
    createdMs: columns.createdMs[i]!,
    modifiedMs: columns.modifiedMs[i]!,
    favorite: columns.favorites[i]!,
    mediaType: columns.mediaTypes[i]!,
    subtypes: [...columns.subtypes[i]!],
    albumIds: [...columns.albumIds[i]!],
    location: columns.hasLocation[i] ? { latitude: columns.latitudes[i]!, longitude: columns.longitudes[i]! } : null,
    fingerprint: columns.fingerprints[i]!,
  };
}

/**
 * One mutable ManifestEntry that `load` points at entry `i` of some columns
 * by overwriting its fields, so comparing a chunk with the asset table
 * builds no object per entry. The lists are the columns' own arrays: read
 * them, never change them. Valid until the next `load`.
 */
export class ManifestEntryView implements queryable.v1.IManifestEntry {
  id = "";
  createdMs = 0;
  modifiedMs = 0;
  favorite = false;
  mediaType = 0;
  subtypes: number[] = NO_LIST as never[];
  albumIds: string[] = NO_LIST as never[];
  location: { latitude: number; longitude: number } | null = null;
  fingerprint = "";
  private readonly point = { latitude: 0, longitude: 0 };

  /** Points the view at entry `i` of `columns` and returns the view. */
  load(columns: ManifestColumns, i: number): this {
    this.id = columns.ids[i]!;
    this.createdMs = columns.createdMs[i]!;
    this.modifiedMs = columns.modifiedMs[i]!;
    this.favorite = columns.favorites[i]!;
    this.mediaType = columns.mediaTypes[i]!;
    this.subtypes = columns.subtypes[i]! as number[];
    this.albumIds = columns.albumIds[i]! as string[];
    this.fingerprint = columns.fingerprints[i]!;
    if (columns.hasLocation[i]) {
      this.point.latitude = columns.latitudes[i]!;
      this.point.longitude = columns.longitudes[i]!;
      this.location = this.point;
    } else {
      this.location = null;
    }
    return this;
  }
}
