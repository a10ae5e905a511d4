import type { queryable } from "../../bridge/_generated/schema.js";
import { fail, ok, type Result } from "../errors";
import { preview } from "../index/asset-id";
import type { PhotoIndex } from "../index/photo-index";
import { decodeUnitVectors, normaliseInPlace } from "../index/vector-block";

/**
 * Combines the query vectors of a Search into one unit vector: each vector
 * is normalised, scaled by its weight (1 when 0) and summed, then the sum is
 * normalised. A query may name an indexed asset instead of a vector. Fails
 * with INVALID_PARAMETER (no queries, no source, non-finite weight),
 * UNKNOWN_ASSET (asset id without a vector), the vector errors of
 * decodeUnitVectors, and ZERO_VECTOR when the weighted vectors cancel out.
 */
export function combineQueries(index: PhotoIndex, queries: queryable.v1.IQueryVector[], encoding: number): Result<Float32Array> {
  if (queries.length === 0) {
    return fail("INVALID_PARAMETER", "Search has no queries; send at least one query vector or asset id");
  }

  const combined = new Float32Array(index.dimension);
  for (let i = 0; i < queries.length; i++) {
    const unit = queryUnitVector(index, queries[i]!, encoding, i);
    if (!unit.ok) return unit;

    const weight = queries[i]!.weight || 1;
    if (!Number.isFinite(weight)) return fail("INVALID_PARAMETER", `Search query ${i} has weight ${weight}; give a finite weight, or 0 for the default of 1`);
    for (let c = 0; c < combined.length; c++) combined[c] = combined[c]! + weight * unit.value[c]!;
  }

  const normalised = normaliseInPlace(combined, "combined query (weighted sum of the query vectors)");
  if (!normalised.ok && normalised.error.code === "ZERO_VECTOR") {
    return fail("ZERO_VECTOR", "the weighted query vectors cancel out to all zeros, so there is no direction to rank by; change the weights or the queries");
  }
  return normalised;
}

function queryUnitVector(index: PhotoIndex, query: queryable.v1.IQueryVector, encoding: number, i: number): Result<Float32Array> {
  if (query.assetId) {
    const stored = index.store.get(query.assetId);
    if (stored) return ok(stored.slice());
    return fail("UNKNOWN_ASSET", `Search query ${i} names asset "${preview(query.assetId)}", which has no stored vector; search by an indexed asset or send a vector`);
  }

  if (query.vector && query.vector.length > 0) {
    return decodeUnitVectors(query.vector, encoding, index.dimension, 1, () => `Search query ${i}`);
  }
  return fail("INVALID_PARAMETER", `Search query ${i} has neither a vector nor an asset id; set one of them`);
}
