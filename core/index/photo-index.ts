import { AssetTable } from "./asset-table";
import { VectorStore } from "./vector-store";
import type { KernelName } from "../ranking/kernels/kernel";
import { selectKernel } from "../ranking/kernels/select-kernel";
import { QuantizedVectors } from "../ranking/quantized/quantized-vectors";
import { attachShortlistIndex, registerShortlistIndex } from "../ranking/quantized/shortlist-index";

/**
 * How an index keeps its vectors, as VectorStorage in index.proto:
 * float32 rows (4 bytes per component), or 10-bit residual codes about the
 * collection center (QuantizedVectors, 708 bytes per 512-d vector).
 */
export type StorageKind = "float32" | "quantized-residual";

/** The storage of new indexes: recall@10 stays at or above 0.99 on CLIP-like data (docs/storage.md). */
export const DEFAULT_STORAGE: StorageKind = "quantized-residual";

/**
 * The state of a sync whose last chunk has not arrived yet. It lives only in
 * memory: after a restart the host starts the sync again from its first chunk.
 */
export interface ActiveSync {
  /**
   * The arrival clock when this sync started: a row whose arrival
   * (AssetTable.setArrivalAt) is above it was received in this sync.
   */
  readonly base: number;
  /** Distinct ids received in this sync so far and still in the table. */
  received: number;
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
  readonly assets = new AssetTable();
  /** Sequence of the last journal record applied. */
  sequence = 0;
  /** Completed syncs so far. */
  syncGeneration = 0;
  activeSync: ActiveSync | null = null;
  /** Manifest entries received since the clock was last reset, to number arrivals. Not persisted. */
  arrivalClock = 0;
  /** The search kernel chosen for this runtime, as reported in IndexOpened.kernel. */
  readonly kernel: KernelName;
  readonly storage: StorageKind;
  /** The residual codes: the store's representation, or its companion under float32 storage. */
  readonly quantized: QuantizedVectors;

  constructor(modelId: string, dimension: number, storage: StorageKind = DEFAULT_STORAGE) {
    this.modelId = modelId;
    this.dimension = dimension;
    this.storage = storage;
    // selectKernel() without a name always returns a kernel, at worst the TypeScript one.
    const kernel = selectKernel()!;
    this.kernel = kernel.name;
    if (storage === "float32") {
      this.store = new VectorStore(dimension, undefined, undefined, this.assets.slotDirectory);
      this.quantized = attachShortlistIndex(this.store, kernel).quantized;
    } else {
      this.quantized = new QuantizedVectors(kernel, dimension);
      this.store = new VectorStore(dimension, undefined, this.quantized, this.assets.slotDirectory);
      registerShortlistIndex(this.store, this.quantized);
    }
  }

  /** True when `id` is in the manifest and has a stored vector. */
  isIndexed(id: string): boolean {
    return this.store.has(id);
  }
}
