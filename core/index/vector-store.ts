import { Float32Vectors } from "./float32-vectors";
import type { SlotCompanion } from "./slot-companion";
import type { SlotVectors } from "./slot-vectors";

const INITIAL_CAPACITY = 64;

/**
 * Where a VectorStore keeps the slot of each id: a Map by default, or a
 * column of the index's asset table, so an index holds one map from id to
 * row instead of two.
 */
export interface SlotDirectory {
  readonly size: number;
  get(id: string): number | undefined;
  has(id: string): boolean;
  /** Records the slot of `id`. May throw RangeError for an id the directory cannot hold. */
  set(id: string, slot: number): unknown;
  delete(id: string): boolean;
  /**
   * Records slots 0 to ids.length - 1 for `ids`, in order, in an empty
   * directory, as `set` would one by one but faster. Optional. Throws
   * RangeError for an id that repeats or that the directory cannot hold.
   */
  assignInOrder?(ids: readonly string[]): void;
}

/**
 * Unit vectors of one dimension, one slot per asset id, kept in a
 * SlotVectors representation (float32 rows unless another is given).
 * Removed slots go to a free list and are reused, and `compact` packs the
 * live slots to the front. Registered SlotCompanions see every change.
 */
export class VectorStore {
  readonly dimension: number;
  /** The representation that holds the vectors. */
  readonly vectors: SlotVectors;
  private capacity: number;
  private used = 0;
  private slotIds: (string | null)[] = [];
  private readonly slotById: SlotDirectory;
  private freeSlots: number[] = [];
  private readonly companions: SlotCompanion[] = [];
  private liveSlotsCache: Int32Array | null = null;

  /** Creates an empty store; `dimension` must be a positive integer. */
  constructor(
    dimension: number,
    initialCapacity = INITIAL_CAPACITY,
    vectors: SlotVectors = new Float32Vectors(dimension),
    slotById: SlotDirectory = new Map<string, number>(),
  ) {
    if (!Number.isInteger(dimension) || dimension <= 0) throw new RangeError(`dimension must be a positive integer, got ${dimension}`);
    this.dimension = dimension;
    this.slotById = slotById;
    this.capacity = Math.max(1, initialCapacity);
    this.vectors = vectors;
    vectors.grow(this.capacity);
  }

  /** Slots in use or free below the high-water mark; live slots are all below it. */
  get slotCount(): number {
    return this.used;
  }

  /** Number of stored vectors. */
  get size(): number {
    return this.slotById.size;
  }

  /** Free slots below slotCount. */
  get freeSlotCount(): number {
    return this.freeSlots.length;
  }

  /** Bytes of the vector representation, including free and unused slots. */
  get byteLength(): number {
    return this.vectors.byteLength;
  }

  /** Returns the asset id in `slot`, or null when the slot is free. */
  idAt(slot: number): string | null {
    return this.slotIds[slot] ?? null;
  }

  /** Returns the slot of `id`, or -1 when it has no vector. */
  slotOf(id: string): number {
    return this.slotById.get(id) ?? -1;
  }

  has(id: string): boolean {
    return this.slotById.has(id);
  }

  /** Returns a new copy of the vector of `id` as the representation restores it, or null. */
  get(id: string): Float32Array | null {
    const slot = this.slotOf(id);
    if (slot < 0) return null;
    const out = new Float32Array(this.dimension);
    this.vectors.read(slot, out);
    return out;
  }

  /** See SlotVectors.scorer: dot products of `query` with stored vectors, by slot. */
  scorer(query: Float32Array): (slot: number) => number {
    return this.vectors.scorer(query);
  }

  /** Live ids in slot order. */
  ids(): string[] {
    const out: string[] = [];
    for (let slot = 0; slot < this.used; slot++) {
      const id = this.slotIds[slot];
      if (id != null) out.push(id);
    }
    return out;
  }

  /**
   * Gives slots 0 to ids.length - 1 to `ids`, in order, in an empty store,
   * without writing vectors: the caller then restores the representation's
   * data for those slots directly. Throws RangeError when the store is not
   * empty or an id repeats.
   */
  assignSlots(ids: readonly string[]): void {
    if (this.used !== 0) throw new RangeError("assignSlots needs an empty store");
    if (ids.length > this.capacity) this.grow(ids.length);
    if (this.slotById.assignInOrder !== undefined) {
      this.slotById.assignInOrder(ids);
      this.slotIds = ids.slice();
      this.used = ids.length;
      this.liveSlotsCache = null;
      return;
    }
    for (let slot = 0; slot < ids.length; slot++) {
      const id = ids[slot]!;
      // One call per id: setting an id that already has a slot leaves the size unchanged.
      this.slotById.set(id, slot);
      if (this.slotById.size !== slot + 1) throw new RangeError(`asset id "${id}" is given two slots`);
      this.slotIds[slot] = id;
    }
    this.used = ids.length;
    this.liveSlotsCache = null;
  }

  /**
   * Returns the live slots in ascending order. The array is cached until the
   * next change of the set of live slots, so a search without a filter costs
   * no pass over the store. Read-only by contract.
   */
  liveSlots(): Int32Array {
    if (this.liveSlotsCache !== null) return this.liveSlotsCache;
    const slots = new Int32Array(this.slotById.size);
    let count = 0;
    for (let slot = 0; slot < this.used; slot++) {
      if (this.slotIds[slot] != null) slots[count++] = slot;
    }
    this.liveSlotsCache = slots;
    return slots;
  }

  /** Registers a companion and replays every live slot into it. */
  attach(companion: SlotCompanion): void {
    companion.grow(this.capacity);
    const vector = new Float32Array(this.dimension);
    for (let slot = 0; slot < this.used; slot++) {
      if (this.slotIds[slot] == null) continue;
      this.vectors.read(slot, vector);
      companion.put(slot, vector);
    }
    this.companions.push(companion);
  }

  /**
   * Stores `vector` for `id`, L2-normalised, replacing any earlier vector.
   * Throws RangeError on a wrong length or a zero or non-finite vector:
   * callers validate input first and get errors as values there.
   */
  put(id: string, vector: Float32Array): number {
    const norm = Math.sqrt(dot(vector, vector));
    if (!(norm > 0) || !Number.isFinite(norm)) throw new RangeError(`vector for "${id}" has norm ${norm}; it must be finite and non-zero`);

    const unit = new Float32Array(vector.length);
    for (let i = 0; i < vector.length; i++) unit[i] = (vector[i] as number) / norm;
    return this.putUnit(id, unit);
  }

  /**
   * Stores an already normalised vector for `id`, so replaying stored
   * vectors reproduces the store exactly. Returns the slot.
   */
  putUnit(id: string, unitVector: Float32Array): number {
    if (unitVector.length !== this.dimension) {
      throw new RangeError(`vector for "${id}" has ${unitVector.length} components, store dimension is ${this.dimension}`);
    }

    const slot = this.slotForWrite(id);
    this.vectors.put(slot, unitVector);
    for (const companion of this.companions) companion.put(slot, unitVector);
    return slot;
  }

  /** Frees the slot of `id`. Returns false when it had no vector. */
  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;

    this.slotById.delete(id);
    this.slotIds[slot] = null;
    this.liveSlotsCache = null;
    this.freeSlots.push(slot);
    this.vectors.remove(slot);
    for (const companion of this.companions) companion.remove(slot);
    return true;
  }

  /**
   * Moves live slots to the front, keeping their order, and empties the free
   * list. The representation keeps its capacity. Returns the moves as (from, to) pairs.
   */
  compact(): Int32Array {
    const moves: number[] = [];
    let target = 0;

    for (let slot = 0; slot < this.used; slot++) {
      const id = this.slotIds[slot];
      if (id == null) continue;
      if (slot !== target) this.moveSlot(slot, target, id, moves);
      target++;
    }

    this.used = target;
    this.slotIds.length = target;
    this.freeSlots = [];
    this.liveSlotsCache = null;
    const packed = Int32Array.from(moves);
    this.vectors.compact(packed, target);
    for (const companion of this.companions) companion.compact(packed, target);
    return packed;
  }

  private moveSlot(from: number, to: number, id: string, moves: number[]): void {
    this.slotIds[to] = id;
    this.slotIds[from] = null;
    this.slotById.set(id, to);
    moves.push(from, to);
  }

  private slotForWrite(id: string): number {
    const existing = this.slotById.get(id);
    if (existing !== undefined) return existing;

    const slot = this.freeSlots.length > 0 ? (this.freeSlots.pop() as number) : this.takeNewSlot();
    this.slotIds[slot] = id;
    this.slotById.set(id, slot);
    this.liveSlotsCache = null;
    return slot;
  }

  private takeNewSlot(): number {
    if (this.used === this.capacity) this.grow(this.capacity * 2);
    return this.used++;
  }

  private grow(capacity: number): void {
    this.capacity = capacity;
    this.vectors.grow(capacity);
    for (const companion of this.companions) companion.grow(capacity);
  }
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}
