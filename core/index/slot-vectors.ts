import type { SlotCompanion } from "./slot-companion";

/**
 * The representation that a VectorStore keeps its vectors in: float32 rows
 * (Float32Vectors) or residual codes (QuantizedVectors). The store tracks
 * ids and slots and forwards every change, as to a SlotCompanion.
 */
export interface SlotVectors extends SlotCompanion {
  /** Bytes held for vectors, including free and unused slots. */
  readonly byteLength: number;
  /** Writes the vector of live `slot` to `out`, as this representation restores it. */
  read(slot: number, out: Float32Array): void;
  /**
   * Returns a function that gives the dot product of the unit `query` with
   * the stored vector of a live slot, computed from the stored
   * representation. Valid until the next write to the store.
   */
  scorer(query: Float32Array): (slot: number) => number;
}
