import type { RankableVectors, RankedHit, RankingPolicy, RankingRequest } from "./ranking-policy";
import { findShortlistIndex, type ShortlistIndex } from "./quantized/shortlist-index";
import { bestIndices } from "./_internal/best-slots";
import { exactPolicy } from "./exact-policy";
import { TopKHeap } from "./top-k-heap";

/** Finds the ShortlistIndex kept for a store, or null when the store has none. */
export type ShortlistIndexLookup = (vectors: RankableVectors) => ShortlistIndex | null;

export const SHORTLIST_POLICY_NAME = "shortlist";

const MIN_AUTOMATIC_SHORTLIST = 3000;
const AUTOMATIC_SHORTLIST_SHARE = 0.03;

/**
 * Approximate ranking for runtimes without a JIT. Three steps:
 * 1. Hamming distance between binary sign codes picks `shortlist` slots;
 * 2. int8 dot products rank that shortlist;
 * 3. the best `refine` of them are scored again with the stored vectors
 *    (float32 rows, or the full residual codes of quantized storage), and
 *    hits past `refine` keep their int8 scores.
 * Exact duplicates of the query (equal int8 codes, found by hash) always
 * rank first, whatever the shortlist. Falls back to exact ranking while the
 * store has fewer vectors than the quantized codes need.
 *
 * NOTE: recall depends on the data. The defaults were chosen on
 * bench/clip-like-data; docs/benchmarks.md lists the measured recall@10.
 */
export function createShortlistPolicy(lookup: ShortlistIndexLookup): RankingPolicy {
  return {
    name: SHORTLIST_POLICY_NAME,
    description: "Binary codes pick a shortlist, int8 codes rank it, the stored vectors score the best. Much faster than exact without a JIT, with recall@10 about 0.99.",
    parameters: [
      { name: "shortlist", description: "Photos kept by the binary-code pass for int8 scoring; 0 means 3% of the photos, at least 3,000. Larger is slower and closer to exact.", min: 0, max: 1_000_000, defaultValue: 0, integer: true },
      { name: "refine", description: "Best int8 hits scored again with the stored vectors (float32, or the full residual codes).", min: 0, max: 10_000, defaultValue: 50, integer: true },
    ],
    rank(vectors: RankableVectors, request: RankingRequest): RankedHit[] {
      const index = lookup(vectors);
      if (index === null || !index.quantized.ready) return exactPolicy.rank(vectors, request);
      return rankShortlist(vectors, index, request);
    },
  };
}

function rankShortlist(vectors: RankableVectors, index: ShortlistIndex, request: RankingRequest): RankedHit[] {
  const { query, candidates, threshold, topK } = request;
  const everySlot = candidates.length === index.quantized.liveCount;
  const shortlist = index.search.search(query, everySlot ? null : candidates, shortlistSize(request.params.shortlist!, candidates.length))!;
  const duplicates = eligibleDuplicates(index.quantized.findDuplicates(query), candidates, everySlot);

  const refineCount = request.params.refine!;
  const exactDot = vectors.scorer(query);
  const best = bestIndices(shortlist.scores, shortlist.count, Math.max(refineCount, topK + duplicates.size));
  const heap = new TopKHeap(topK);
  for (let rank = 0; rank < best.length; rank++) {
    const slot = shortlist.slots[best[rank]!]!;
    if (duplicates.has(slot)) continue;
    const score = rank < refineCount ? exactDot(slot) : shortlist.scores[best[rank]!]!;
    if (threshold !== null && score < threshold) continue;
    heap.offer(score, vectors.idAt(slot)!);
  }

  const first = [...duplicates].map((slot) => ({ id: vectors.idAt(slot)!, score: exactDot(slot) }));
  first.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  const kept = first.filter((hit) => threshold === null || hit.score >= threshold);
  return kept.concat(heap.sorted()).slice(0, topK);
}

/**
 * The automatic size keeps recall@10 at or above 0.99 on bench/clip-like-data
 * at 20k and 100k vectors (3,000 at 100k measured 0.996 with refine 50).
 */
function shortlistSize(requested: number, candidates: number): number {
  if (requested > 0) return requested;
  return Math.max(MIN_AUTOMATIC_SHORTLIST, Math.ceil(candidates * AUTOMATIC_SHORTLIST_SHARE));
}

function eligibleDuplicates(slots: number[], candidates: Int32Array, everySlot: boolean): Set<number> {
  if (everySlot || slots.length === 0) return new Set(slots);
  return new Set(slots.filter((slot) => binarySearch(candidates, slot)));
}

function binarySearch(sorted: Int32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = sorted[middle]!;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** The shortlist policy over the ShortlistIndex attached to each store. */
export const shortlistPolicy = createShortlistPolicy(findShortlistIndex);
