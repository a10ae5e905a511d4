// Ground truth for recall: exact cosine top-k computed in Node, outside core.

/**
 * Returns, for each query, the indexes of the `k` library vectors with the
 * highest cosine similarity, best first. Vectors need not be normalised.
 */
export function exactTopK(library: Float32Array, queries: Float32Array, dimension: number, k: number): number[][] {
  const norms = rowNorms(library, dimension);
  const results: number[][] = [];

  for (let q = 0; q < queries.length / dimension; q++) {
    const query = queries.subarray(q * dimension, (q + 1) * dimension);
    const scored: { index: number; score: number }[] = [];
    for (let row = 0; row < norms.length; row++) {
      let dot = 0;
      const offset = row * dimension;
      for (let d = 0; d < dimension; d++) dot += (query[d] as number) * (library[offset + d] as number);
      scored.push({ index: row, score: dot / (norms[row] as number) });
    }
    scored.sort((a, b) => b.score - a.score);
    results.push(scored.slice(0, k).map((entry) => entry.index));
  }
  return results;
}

/** Returns the mean share of `expected` ids that appear in `actual`, per query, from 0 to 1. */
export function recall(expected: readonly (readonly string[])[], actual: readonly (readonly string[])[]): number {
  let total = 0;
  expected.forEach((ids, q) => {
    const found = new Set(actual[q] ?? []);
    total += ids.length === 0 ? 1 : ids.filter((id) => found.has(id)).length / ids.length;
  });
  return expected.length === 0 ? 1 : total / expected.length;
}

function rowNorms(vectors: Float32Array, dimension: number): Float64Array {
  const norms = new Float64Array(vectors.length / dimension);
  for (let row = 0; row < norms.length; row++) {
    let sum = 0;
    for (let d = 0; d < dimension; d++) sum += (vectors[row * dimension + d] as number) ** 2;
    norms[row] = Math.sqrt(sum);
  }
  return norms;
}
