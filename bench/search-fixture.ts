// Builds a vector store with the shortlist policy's companion attached, for
// recall tests and benchmarks that call policies directly (no bridge).
import { VectorStore } from "../core/index/vector-store";
import type { KernelName } from "../core/ranking/kernels/kernel";
import { selectKernel } from "../core/ranking/kernels/select-kernel";
import { attachShortlistIndex, type ShortlistIndex } from "../core/ranking/quantized/shortlist-index";
import { createShortlistPolicy } from "../core/ranking/shortlist-policy";
import { exactPolicy } from "../core/ranking/exact-policy";
import type { RankedHit, RankingPolicy } from "../core/ranking/ranking-policy";

/** A filled store with both policies ready to rank it. */
export interface SearchFixture {
  readonly store: VectorStore;
  readonly index: ShortlistIndex;
  readonly shortlist: RankingPolicy;
  readonly exact: RankingPolicy;
  readonly kernel: KernelName;
  /** Ranks `query` with `policy` over every stored slot. */
  rank(policy: RankingPolicy, query: Float32Array, topK: number, params?: Record<string, number>): RankedHit[];
}

/** Stores `count` vectors of `vectors` as ids "0", "1", ... with the named kernel, or the best one. */
export function createSearchFixture(vectors: Float32Array, count: number, dimension: number, kernelName?: KernelName): SearchFixture {
  const kernel = selectKernel(kernelName);
  if (kernel === null) throw new Error(`kernel "${kernelName}" is not available in this runtime`);

  const store = new VectorStore(dimension, count);
  const index = attachShortlistIndex(store, kernel);
  for (let i = 0; i < count; i++) store.putUnit(String(i), vectors.subarray(i * dimension, (i + 1) * dimension));

  const shortlist = createShortlistPolicy((vectors) => (vectors === store ? index : null));
  const allSlots = Int32Array.from({ length: count }, (_, i) => i);
  return {
    store,
    index,
    shortlist,
    exact: exactPolicy,
    kernel: kernel.name,
    rank(policy, query, topK, params = {}) {
      const resolved: Record<string, number> = {};
      for (const spec of policy.parameters) resolved[spec.name] = params[spec.name] ?? spec.defaultValue;
      return policy.rank(store, { query, candidates: allSlots, topK, threshold: null, params: resolved });
    },
  };
}

/**
 * Recall@k of `policy` against exact ranking: the share of returned hits
 * whose exact score is at least the exact k-th best score. Counting by score
 * rather than by id keeps exact duplicates in the data from making ties
 * look like misses.
 */
export function recallAt(fixture: SearchFixture, policy: RankingPolicy, queries: Float32Array, k: number, params?: Record<string, number>): number {
  const d = fixture.store.dimension;
  const queryCount = queries.length / d;
  let found = 0;
  for (let q = 0; q < queryCount; q++) {
    const query = queries.subarray(q * d, (q + 1) * d);
    const truth = fixture.rank(fixture.exact, query, k);
    const kth = truth[truth.length - 1]!.score;
    for (const hit of fixture.rank(policy, query, k, params)) {
      if (exactScore(fixture, query, hit.id) >= kth - 1e-6) found++;
    }
  }
  return found / (queryCount * k);
}

function exactScore(fixture: SearchFixture, query: Float32Array, id: string): number {
  const vector = fixture.store.get(id)!;
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * query[i]!;
  return sum;
}
