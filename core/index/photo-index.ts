import type { AssetState } from "./asset-state";
import { VectorStore } from "./vector-store";

/**
 * The state of a sync whose last chunk has not arrived yet. It lives only in
 * memory: after a restart the host starts the sync again from its first chunk.
 */
export interface ActiveSync {
  /** Ids received in this sync so far. */
  readonly seen: Set<string>;
}

/**
 * One open index: the vector store, the asset table and the counters that
 * persist with them. Change it only through journal records (see
 * core/persistence/commit-changes.ts), so that replaying the journal
 * rebuilds exactly the same state.
 */
export class PhotoIndex {
  readonly modelId: string;
  readonly dimension: number;
  readonly store: VectorStore;
  /** Every asset of the library manifest, by id. */
  readonly assets = new Map<string, AssetState>();
  /** Sequence of the last journal record applied. */
  sequence = 0;
  /** Completed syncs so far. */
  syncGeneration = 0;
  activeSync: ActiveSync | null = null;

  constructor(modelId: string, dimension: number) {
    this.modelId = modelId;
    this.dimension = dimension;
    this.store = new VectorStore(dimension);
  }

  /** True when `id` is in the manifest and has a stored vector. */
  isIndexed(id: string): boolean {
    return this.store.has(id);
  }
}
