import type { queryable } from "../../bridge/_generated/schema.js";

/** Shared by every entry without subtypes or albums, so those entries hold no arrays of their own. Never written to. */
export const NO_LIST: readonly never[] = Object.freeze([]);

/**
 * The entries of one SyncManifest chunk, one array per field and one
 * element per entry in wire order, so a chunk of 1,000 entries costs no
 * object per entry. Unset fields hold their protobuf defaults (0, false,
 * ""). The fields that most entries leave empty sit in `extras`, a sparse
 * array with an element only at the index of an entry that has subtypes,
 * albums or a location.
 */
export interface ManifestColumns {
  readonly ids: string[];
  readonly createdMs: number[];
  readonly modifiedMs: number[];
  readonly favorites: boolean[];
  readonly mediaTypes: number[];
  readonly fingerprints: string[];
  readonly extras: (ManifestExtras | undefined)[];
}

/** The rarely set fields of one entry. Empty lists are NO_LIST, and unset coordinates read 0. */
export interface ManifestExtras {
  readonly subtypes: readonly number[];
  readonly albumIds: readonly string[];
  readonly location: { readonly latitude: number; readonly longitude: number } | null;
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
    fingerprints: [],
    extras: [],
  };
}

/** Builds the chunk that a decoded SyncManifest message carries, reading unset fields as their defaults. */
export function manifestChunkOf(message: queryable.v1.ISyncManifest): ManifestChunk {
  const columns = emptyManifestColumns();
  const entries = message.entries ?? [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    columns.ids.push(entry.id ?? "");
    columns.createdMs.push(entry.createdMs ?? 0);
    columns.modifiedMs.push(entry.modifiedMs ?? 0);
    columns.favorites.push(entry.favorite ?? false);
    columns.mediaTypes.push(entry.mediaType ?? 0);
    columns.fingerprints.push(entry.fingerprint ?? "");

    const location = entry.location ?? null;
    const subtypes = entry.subtypes ?? NO_LIST;
    const albumIds = entry.albumIds ?? NO_LIST;
    if (location === null && subtypes.length === 0 && albumIds.length === 0) continue;
    columns.extras[i] = {
      subtypes: subtypes.length === 0 ? NO_LIST : subtypes,
      albumIds: albumIds.length === 0 ? NO_LIST : albumIds,
      location: location === null ? null : { latitude: location.latitude ?? 0, longitude: location.longitude ?? 0 },
    };
  }
  return { entries: columns, first: message.first ?? false, last: message.last ?? false };
}

/**
 * Builds entry `i` of `columns` as a ManifestEntry, for the rare entry that
 * needs one: a changed asset or an error message. The lists are copies.
 */
export function manifestEntryAt(columns: ManifestColumns, i: number): queryable.v1.IManifestEntry {
  const extras = columns.extras[i];
  const location = extras?.location ?? null;
  return {
    id: columns.ids[i]!,
    createdMs: columns.createdMs[i]!,
    modifiedMs: columns.modifiedMs[i]!,
    favorite: columns.favorites[i]!,
    mediaType: columns.mediaTypes[i]!,
    subtypes: [...(extras?.subtypes ?? NO_LIST)],
    albumIds: [...(extras?.albumIds ?? NO_LIST)],
    location: location === null ? null : { latitude: location.latitude, longitude: location.longitude },
    fingerprint: columns.fingerprints[i]!,
  };
}
