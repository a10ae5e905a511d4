import type { AssetState } from "./asset-state";
import { VectorStore } from "./vector-store";
import type { KernelName } from "../ranking/kernels/kernel";
import { selectKernel } from "../ranking/kernels/select-kernel";
import { attachShortlistIndex } from "../ranking/quantized/shortlist-index";

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
  /** The search kernel chosen for this runtime, as reported in IndexOpened.kernel. */
  readonly kernel: KernelName;

  constructor(modelId: string, dimension: number) {
    this.modelId = modelId;
    this.dimension = dimension;
    this.store = new VectorStore(dimension);
    // selectKernel() without a name always returns a kernel, at worst the TypeScript one.
    const kernel = selectKernel()!;
    attachShortlistIndex(this.store, kernel);
    this.kernel = kernel.name;
  }

  /** True when `id` is in the manifest and has a stored vector. */
  isIndexed(id: string): boolean {
    return this.store.has(id);
  }
}
