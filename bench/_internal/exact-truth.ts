// Ground truth for recall@10: exact float32 cosine scores computed in Node,
// outside core.

/** Returns the dot product of query `q` and library row `row`, summed in float64. */
export function exactScore(library: Float32Array, queries: Float32Array, dimension: number, row: number, q: number): number {
  let sum = 0;
  const rowOffset = row * dimension;
  const queryOffset = q * dimension;
  for (let i = 0; i < dimension; i++) sum += library[rowOffset + i]! * queries[queryOffset + i]!;
  return sum;
}

/** Returns, for each query, the `k`-th best exact score over the library (unit vectors, so cosine). */
export function kthBestScores(library: Float32Array, queries: Float32Array, dimension: number, k: number): Float64Array {
  const rows = library.length / dimension;
  const out = new Float64Array(queries.length / dimension);
  const best = new Float64Array(k);
  for (let q = 0; q < out.length; q++) {
    best.fill(-Infinity);
    for (let row = 0; row < rows; row++) {
      const score = exactScore(library, queries, dimension, row, q);
      if (score <= best[k - 1]!) continue;
      let slot = k - 1;
      while (slot > 0 && best[slot - 1]! < score) {
        best[slot] = best[slot - 1]!;
        slot--;
      }
      best[slot] = score;
    }
    out[q] = best[k - 1]!;
  }
  return out;
}

/** Tolerance for float32 rounding: core normalises vectors again, so its stored copy may differ in the last bits. */
const SCORE_TOLERANCE = 1e-6;

/**
 * Recall@k by score: the share of returned hits whose exact score reaches the
 * query's exact k-th best score, averaged over queries. Counting by score
 * rather than by id keeps exact duplicates in the data from turning ties into
 * misses. `rowOf` maps a hit id to its library row, or -1 for an unknown id.
 */
export function recallByScore(
  hits: readonly (readonly string[])[],
  kth: Float64Array,
  score: (row: number, q: number) => number,
  rowOf: (id: string) => number,
  k: number,
): number | null {
  if (hits.length === 0) return null;
  let found = 0;
  hits.forEach((ids, q) => {
    for (const id of ids.slice(0, k)) {
      const row = rowOf(id);
      if (row >= 0 && score(row, q) >= kth[q]! - SCORE_TOLERANCE) found++;
    }
  });
  return found / (hits.length * k);
}
