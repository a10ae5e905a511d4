/**
 * A per-slot representation kept beside the float32 slab of a VectorStore,
 * such as binary sign codes or int8 copies for fast search. The store calls
 * every registered companion on each change, so a companion never reads the
 * store's internals and the store depends on no particular companion.
 */
export interface SlotCompanion {
  /** Makes room for `capacity` slots, keeping slots below the old capacity. */
  grow(capacity: number): void;
  /** Stores the unit vector of `slot`. The view is valid only during the call. */
  put(slot: number, unitVector: Float32Array): void;
  /** Forgets `slot`, which is now free. */
  remove(slot: number): void;
  /**
   * Moves slots after compaction. `moves` contains pairs (from, to) with
   * to < from, applied in order. Slots at or past `slotCount` are free.
   */
  compact(moves: Int32Array, slotCount: number): void;
}
