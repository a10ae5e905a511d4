import type { VectorStore } from "../../index/vector-store";
import type { Kernel } from "../kernels/kernel";
import type { RankableVectors } from "../ranking-policy";
import { QuantizedVectors } from "./quantized-vectors";
import { ShortlistSearch } from "./shortlist-search";

/** The quantized companion of a store and its searcher, as the shortlist policy needs them. */
export interface ShortlistIndex {
  readonly quantized: QuantizedVectors;
  readonly search: ShortlistSearch;
}

// Policies are shared by every open index, so each store's companion is found by the store.
const indexes = new WeakMap<object, ShortlistIndex>();

/** Creates quantized copies of `store` in `kernel`'s arena, kept current on every store change. */
export function attachShortlistIndex(store: VectorStore, kernel: Kernel): ShortlistIndex {
  const quantized = new QuantizedVectors(kernel, store.dimension);
  store.attach(quantized);
  return registerShortlistIndex(store, quantized);
}

/** Makes the shortlist policy search `quantized`, which already follows every change of `store`. */
export function registerShortlistIndex(store: VectorStore, quantized: QuantizedVectors): ShortlistIndex {
  const index = { quantized, search: new ShortlistSearch(quantized) };
  indexes.set(store, index);
  return index;
}

/** Returns the ShortlistIndex attached to `vectors`, or null when it has none. */
export function findShortlistIndex(vectors: RankableVectors): ShortlistIndex | null {
  return indexes.get(vectors) ?? null;
}
