import type { RankableVectors, RankedHit, RankingPolicy, RankingRequest } from "./ranking-policy";
import { TopKHeap } from "./top-k-heap";

/**
 * Exact cosine ranking: scores every candidate against the query and keeps
 * the top K in a bounded heap. Ties go to the smaller asset id.
 */
export const exactPolicy: RankingPolicy = {
  name: "exact",
  description: "Cosine similarity of every photo to the query, highest first.",
  parameters: [],
  rank(vectors: RankableVectors, request: RankingRequest): RankedHit[] {
    const { query, candidates, threshold } = request;
    const { slab, dimension } = vectors;
    const heap = new TopKHeap(request.topK);

    for (let c = 0; c < candidates.length; c++) {
      const slot = candidates[c]!;
      const score = dotAt(slab, slot * dimension, query);
      if (threshold !== null && score < threshold) continue;
      heap.offer(score, vectors.idAt(slot)!);
    }
    return heap.sorted();
  },
};

function dotAt(slab: Float32Array, offset: number, query: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < query.length; i++) sum += slab[offset + i]! * query[i]!;
  return sum;
}
