import type { AssetColumns } from "../index/asset-table";
import { NO_LISTS, type AssetLists } from "../index/list-sets";
import type { ManifestColumns, ManifestExtras } from "./manifest-columns";

/**
 * Returns the indices of the manifest entries that differ from their row of
 * the asset table. `order` lists the entry indices to look at, in order
 * (null for all). `rows` gives each entry's row, or -1 for an id the table
 * does not have, which always differs. An entry equals its row when dates,
 * favorite, media type, fingerprint, location, subtypes and album ids (in
 * order) are equal. The id is not compared, because the row is the entry's.
 */
export function changedEntries(stored: AssetColumns, columns: ManifestColumns, rows: Int32Array, order: readonly number[] | null): number[] {
  // Columns are read into locals once, because each property read costs
  // about as much as a comparison without a JIT.
  const { flags, createdMs, modifiedMs, mediaTypes, fingerprints, locations, listNumbers, listSets } = stored;
  const favoriteBit = stored.favorite;
  const locationBit = stored.hasLocation;
  const entryCreated = columns.createdMs;
  const entryModified = columns.modifiedMs;
  const entryFavorite = columns.favorites;
  const entryMediaType = columns.mediaTypes;
  const entryFingerprint = columns.fingerprints;
  const entryExtras = columns.extras;
  const count = order === null ? columns.ids.length : order.length;

  const changed: number[] = [];
  for (let k = 0; k < count; k++) {
    const i = order === null ? k : order[k]!;
    const row = rows[i]!;
    if (row < 0) {
      changed.push(i);
      continue;
    }

    const rowFlags = flags[row]!;
    if (
      createdMs[row] !== entryCreated[i] ||
      modifiedMs[row] !== entryModified[i] ||
      ((rowFlags & favoriteBit) !== 0) !== entryFavorite[i] ||
      mediaTypes[row] !== entryMediaType[i] ||
      fingerprints[row] !== entryFingerprint[i]
    ) {
      changed.push(i);
      continue;
    }

    const extras = entryExtras[i];
    const storedLocation = (rowFlags & locationBit) !== 0;
    if (extras === undefined) {
      if (storedLocation || listNumbers[row] !== NO_LISTS) changed.push(i);
      continue;
    }
    const location = extras.location;
    const sameLocation = location === null ? !storedLocation : storedLocation && locations[row * 2] === location.latitude && locations[row * 2 + 1] === location.longitude;
    if (!sameLocation || !sameLists(listSets.at(listNumbers[row]!), extras)) changed.push(i);
  }
  return changed;
}

function sameLists(stored: AssetLists, entry: ManifestExtras): boolean {
  return sameList(stored.subtypes, entry.subtypes) && sameList(stored.albumIds, entry.albumIds);
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}
