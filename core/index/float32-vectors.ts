import type { SlotVectors } from "./slot-vectors";

/**
 * Unit vectors as float32 rows in one growable slab: slot `s` occupies
 * slab[s * dimension, (s + 1) * dimension). Stores each vector bit for bit,
 * so search scores equal float32 dot products. 4 bytes per component.
 */
export class Float32Vectors implements SlotVectors {
  readonly dimension: number;
  private slabData = new Float32Array(0);

  constructor(dimension: number) {
    this.dimension = dimension;
  }

  /** The slab, read-only by contract. Replaced when the store grows. */
  get slab(): Float32Array {
    return this.slabData;
  }

  get byteLength(): number {
    return this.slabData.byteLength;
  }

  grow(capacity: number): void {
    if (capacity * this.dimension <= this.slabData.length) return;
    const next = new Float32Array(capacity * this.dimension);
    next.set(this.slabData);
    this.slabData = next;
  }

  put(slot: number, unitVector: Float32Array): void {
    this.slabData.set(unitVector, slot * this.dimension);
  }

  remove(slot: number): void {
    this.slabData.fill(0, slot * this.dimension, (slot + 1) * this.dimension);
  }

  compact(moves: Int32Array, slotCount: number): void {
    const d = this.dimension;
    for (let m = 0; m < moves.length; m += 2) {
      const from = moves[m]!;
      const to = moves[m + 1]!;
      this.slabData.copyWithin(to * d, from * d, (from + 1) * d);
      this.slabData.fill(0, from * d, (from + 1) * d);
    }
    this.slabData.fill(0, slotCount * d);
  }

  read(slot: number, out: Float32Array): void {
    out.set(this.slabData.subarray(slot * this.dimension, (slot + 1) * this.dimension));
  }

  scorer(query: Float32Array): (slot: number) => number {
    const slab = this.slabData;
    const d = this.dimension;
    return (slot) => {
      const offset = slot * d;
      let sum = 0;
      for (let i = 0; i < d; i++) sum += slab[offset + i]! * query[i]!;
      return sum;
    };
  }
}
