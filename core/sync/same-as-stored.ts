import type { AssetColumns } from "../index/asset-table";
import { NO_LISTS } from "../index/list-sets";
import type { ManifestColumns } from "./manifest-columns";

/**
 * True when entry `i` of a manifest chunk has the same manifest fields as
 * row `row` of the asset table: dates, favorite, media type, fingerprint,
 * location, subtypes and album ids, in order. The id is not compared,
 * because `row` is the entry's. Reads columns only, so comparing an
 * unchanged library builds no object per entry.
 */
export function sameAsStored(stored: AssetColumns, row: number, columns: ManifestColumns, i: number): boolean {
  const flags = stored.flags[row]!;
  if (
    stored.createdMs[row] !== columns.createdMs[i] ||
    stored.modifiedMs[row] !== columns.modifiedMs[i] ||
    ((flags & stored.favorite) !== 0) !== columns.favorites[i] ||
    stored.mediaTypes[row] !== columns.mediaTypes[i] ||
    stored.fingerprints[row] !== columns.fingerprints[i]
  ) {
    return false;
  }

  const extras = columns.extras[i];
  const storedLocation = (flags & stored.hasLocation) !== 0;
  if (extras === undefined) return !storedLocation && stored.listNumbers[row] === NO_LISTS;

  const location = extras.location;
  if (location === null) {
    if (storedLocation) return false;
  } else if (!storedLocation || stored.locations[row * 2] !== location.latitude || stored.locations[row * 2 + 1] !== location.longitude) {
    return false;
  }

  const lists = stored.listSets.at(stored.listNumbers[row]!);
  return sameList(lists.subtypes, extras.subtypes) && sameList(lists.albumIds, extras.albumIds);
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}
