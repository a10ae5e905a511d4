import type { RankableVectors, RankedHit, RankingPolicy, RankingRequest } from "./ranking-policy";
import { TopKHeap } from "./top-k-heap";

/**
 * Exact cosine ranking over the stored representation: scores every
 * candidate against the query and keeps the top K in a bounded heap. Ties go
 * to the smaller asset id. With float32 storage the scores are float32 dot
 * products; with quantized storage they are the dot products with the
 * vectors as their codes restore them, so "exact" means exact for what the
 * index stores, not for the vectors the host sent.
 */
export const exactPolicy: RankingPolicy = {
  name: "exact",
  description: "Cosine similarity of every photo to the query, highest first.",
  parameters: [],
  rank(vectors: RankableVectors, request: RankingRequest): RankedHit[] {
    const { query, candidates, threshold } = request;
    const scoreOf = vectors.scorer(query);
    const heap = new TopKHeap(request.topK);

    for (let c = 0; c < candidates.length; c++) {
      const slot = candidates[c]!;
      const score = scoreOf(slot);
      if (threshold !== null && score < threshold) continue;
      heap.offer(score, vectors.idAt(slot)!);
    }
    return heap.sorted();
  },
};
