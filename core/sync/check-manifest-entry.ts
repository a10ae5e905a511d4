import type { queryable } from "../../bridge/_generated/schema.js";
import { fail, ok, type Result } from "../errors";
import { checkAssetId, preview } from "../index/asset-id";

/**
 * Checks one manifest entry: the id (EMPTY_ID, ID_TOO_LONG), and a location
 * that is finite and within latitude -90..90 and longitude -180..180
 * (INVALID_PARAMETER).
 */
export function checkManifestEntry(entry: queryable.v1.IManifestEntry, where: string): Result<true> {
  const id = checkAssetId(entry.id ?? "", where);
  if (!id.ok) return id;

  const location = entry.location;
  if (!location) return ok(true);

  const latitude = location.latitude ?? 0;
  const longitude = location.longitude ?? 0;
  if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) {
    return fail(
      "INVALID_PARAMETER",
      `${where} (asset "${preview(entry.id ?? "")}") has location (${latitude}, ${longitude}); latitude must be -90 to 90 and longitude -180 to 180 degrees, or leave location unset when unknown`,
    );
  }
  return ok(true);
}
