import type { SlotCompanion } from "./slot-companion";

const INITIAL_CAPACITY = 64;

/**
 * Unit vectors of one dimension in one growable Float32Array slab, one slot
 * per asset id. Slot `s` occupies slab[s * dimension, (s + 1) * dimension).
 * Removed slots go to a free list and are reused, and `compact` packs the live
 * slots to the front. Registered SlotCompanions see every change.
 */
export class VectorStore {
  readonly dimension: number;
  private slabData: Float32Array;
  private capacity: number;
  private used = 0;
  private readonly slotIds: (string | null)[] = [];
  private readonly slotById = new Map<string, number>();
  private freeSlots: number[] = [];
  private readonly companions: SlotCompanion[] = [];

  /** Creates an empty store; `dimension` must be a positive integer. */
  constructor(dimension: number, initialCapacity = INITIAL_CAPACITY) {
    if (!Number.isInteger(dimension) || dimension <= 0) throw new RangeError(`dimension must be a positive integer, got ${dimension}`);
    this.dimension = dimension;
    this.capacity = Math.max(1, initialCapacity);
    this.slabData = new Float32Array(this.capacity * dimension);
  }

  /** The slab, read-only by contract. Replaced when the store grows, so read it again after a write. */
  get slab(): Float32Array {
    return this.slabData;
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

  /** Bytes of the slab, including free and unused slots. */
  get byteLength(): number {
    return this.slabData.byteLength;
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

  /** Returns a view of the vector of `id`, valid until the next write, or null. */
  get(id: string): Float32Array | null {
    const slot = this.slotOf(id);
    if (slot < 0) return null;
    return this.slabData.subarray(slot * this.dimension, (slot + 1) * this.dimension);
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

  /** Registers a companion and replays every live slot into it. */
  attach(companion: SlotCompanion): void {
    companion.grow(this.capacity);
    for (let slot = 0; slot < this.used; slot++) {
      if (this.slotIds[slot] != null) companion.put(slot, this.vectorAt(slot));
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
   * Stores an already normalised vector for `id` bit for bit, so replaying
   * stored vectors reproduces the slab exactly. Returns the slot.
   */
  putUnit(id: string, unitVector: Float32Array): number {
    if (unitVector.length !== this.dimension) {
      throw new RangeError(`vector for "${id}" has ${unitVector.length} components, store dimension is ${this.dimension}`);
    }

    const slot = this.slotForWrite(id);
    this.slabData.set(unitVector, slot * this.dimension);
    const view = this.vectorAt(slot);
    for (const companion of this.companions) companion.put(slot, view);
    return slot;
  }

  /** Frees the slot of `id`. Returns false when it had no vector. */
  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;

    this.slotById.delete(id);
    this.slotIds[slot] = null;
    this.slabData.fill(0, slot * this.dimension, (slot + 1) * this.dimension);
    this.freeSlots.push(slot);
    for (const companion of this.companions) companion.remove(slot);
    return true;
  }

  /**
   * Moves live slots to the front, keeping their order, and empties the free
   * list. The slab keeps its capacity. Returns the moves as (from, to) pairs.
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
    const packed = Int32Array.from(moves);
    for (const companion of this.companions) companion.compact(packed, target);
    return packed;
  }

  private moveSlot(from: number, to: number, id: string, moves: number[]): void {
    const d = this.dimension;
    this.slabData.copyWithin(to * d, from * d, (from + 1) * d);
    this.slabData.fill(0, from * d, (from + 1) * d);
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
    return slot;
  }

  private takeNewSlot(): number {
    if (this.used === this.capacity) this.grow(this.capacity * 2);
    return this.used++;
  }

  private grow(capacity: number): void {
    const next = new Float32Array(capacity * this.dimension);
    next.set(this.slabData);
    this.slabData = next;
    this.capacity = capacity;
    for (const companion of this.companions) companion.grow(capacity);
  }

  private vectorAt(slot: number): Float32Array {
    return this.slabData.subarray(slot * this.dimension, (slot + 1) * this.dimension);
  }
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}
