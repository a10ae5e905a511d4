import type { SlotVectors } from "../../index/slot-vectors";
import type { Kernel } from "../kernels/kernel";
import type { Region } from "../kernels/kernel-arena";
import { fineByteLength, FINE_STEPS, quantizeResidualFine, signCodeBytes, writeSignCode } from "./_internal/quantize";
import { CodeHashTable, hashBytes } from "./_internal/code-hash-table";

/** Vectors whose mean becomes the fixed center. */
export const CENTER_SAMPLE = 64;

/** The arrays of QuantizedBlock in index.proto, for `count` slots. */
export interface QuantizedBlockData {
  readonly center: Float32Array;
  readonly codes: Int8Array;
  readonly fine: Uint8Array;
  readonly scales: Float32Array;
  readonly signCodes: Uint8Array;
  readonly hashes: Int32Array;
}

// Fixed-point unit for summing the center sample: integer sums are exact,
// so the center does not depend on the order the vectors arrived in.
const CENTER_FIXED_POINT = 2 ** 24;

/**
 * Compact codes of the stored unit vectors, kept in a kernel's arena and
 * updated on every change. Serves as a store's only representation
 * (quantized storage) or as a companion of float32 rows for the shortlist
 * policy. All codes are taken of the residual `vector - center`, where the
 * center is the mean of the first CENTER_SAMPLE vectors stored and never
 * changes afterwards. CLIP vectors share a strong common direction, so
 * without centering the sign codes would be nearly all alike and int8 steps
 * would be spent on the part every vector shares.
 *
 * - 10-bit residual codes (see quantizeResidualFine): an int8 code per
 *   component (`dimension` bytes per slot, what the kernels rank with) and
 *   a 2-bit fine part (`dimension / 4` bytes per slot), with a float32
 *   scale, so the residual is about `(codes + (fine - 2) / 4) * scale`;
 * - binary sign codes (`codeBytes` per slot) of the residual;
 * - a live flag per slot, 1 for a stored vector and 0 for a free slot;
 * - a hash of each slot's int8 codes in a hash table, to find exact
 *   duplicates of a query without a pass over the store.
 *
 * Until CENTER_SAMPLE vectors have arrived, `ready` is false and the vectors
 * are kept as float32 copies, so the codes are computed from exact values.
 */
export class QuantizedVectors implements SlotVectors {
  readonly dimension: number;
  readonly codeBytes: number;
  readonly fineBytes: number;
  readonly kernel: Kernel;
  readonly codes: Region;
  readonly fine: Region;
  readonly scales: Region;
  readonly signCodes: Region;
  readonly live: Region;
  private readonly hashes: Region;
  private readonly duplicates = new CodeHashTable();
  private readonly queryCodes: Int8Array;
  private readonly queryFine: Uint8Array;
  /** Slots below which every live slot lies. */
  slotCount = 0;
  liveCount = 0;

  private center: Float32Array | null = null;
  private pending: Map<number, Float32Array> | null = new Map();

  constructor(kernel: Kernel, dimension: number) {
    this.kernel = kernel;
    this.dimension = dimension;
    this.codeBytes = signCodeBytes(dimension);
    this.fineBytes = fineByteLength(dimension);
    this.codes = kernel.arena.addRegion(dimension);
    this.fine = kernel.arena.addRegion(this.fineBytes);
    this.scales = kernel.arena.addRegion(4);
    this.signCodes = kernel.arena.addRegion(this.codeBytes);
    this.live = kernel.arena.addRegion(1);
    this.hashes = kernel.arena.addRegion(4);
    this.queryCodes = new Int8Array(dimension);
    this.queryFine = new Uint8Array(this.fineBytes);
  }

  /** True once the center is fixed and every live slot has codes. */
  get ready(): boolean {
    return this.center !== null;
  }

  /** The fixed center, or null before `ready`. Read-only by contract. */
  get centerVector(): Float32Array | null {
    return this.center;
  }

  /** Bytes of the arena regions and of the float32 copies kept before the center is fixed. */
  get byteLength(): number {
    let pendingBytes = 0;
    for (const vector of this.pending?.values() ?? []) pendingBytes += vector.byteLength;
    return this.kernel.arena.usedBytes + this.duplicates.byteLength + pendingBytes;
  }

  /** The float32 copies kept before the center is fixed, by slot; null once it is. Read-only by contract. */
  get pendingVectors(): ReadonlyMap<number, Float32Array> | null {
    return this.pending;
  }

  grow(capacity: number): void {
    this.kernel.arena.ensureCapacity(capacity);
  }

  put(slot: number, unitVector: Float32Array): void {
    if (this.live.u8()[slot] === 1) this.forgetHash(slot);
    else this.liveCount++;
    this.live.u8()[slot] = 1;
    this.slotCount = Math.max(this.slotCount, slot + 1);

    if (this.pending !== null) {
      this.pending.set(slot, unitVector.slice());
      if (this.pending.size >= CENTER_SAMPLE) this.fixCenter(this.pending);
      return;
    }
    this.writeCodes(slot, unitVector);
  }

  remove(slot: number): void {
    if (this.live.u8()[slot] !== 1) return;

    this.forgetHash(slot);
    this.liveCount--;
    this.live.u8()[slot] = 0;
    this.pending?.delete(slot);
    this.codes.i8().fill(0, slot * this.dimension, (slot + 1) * this.dimension);
    this.fine.u8().fill(0, slot * this.fineBytes, (slot + 1) * this.fineBytes);
    this.signCodes.u8().fill(0, slot * this.codeBytes, (slot + 1) * this.codeBytes);
    this.scales.f32()[slot] = 0;
  }

  compact(moves: Int32Array, slotCount: number): void {
    const d = this.dimension;
    const b = this.codeBytes;
    const f = this.fineBytes;
    const codes = this.codes.i8();
    const fine = this.fine.u8();
    const signCodes = this.signCodes.u8();
    const scales = this.scales.f32();
    const live = this.live.u8();

    for (let m = 0; m < moves.length; m += 2) {
      const from = moves[m]!;
      const to = moves[m + 1]!;
      this.moveHash(from, to);
      codes.copyWithin(to * d, from * d, (from + 1) * d);
      fine.copyWithin(to * f, from * f, (from + 1) * f);
      signCodes.copyWithin(to * b, from * b, (from + 1) * b);
      scales[to] = scales[from]!;
      live[to] = live[from]!;
      live[from] = 0;
      this.movePending(from, to);
    }

    codes.fill(0, slotCount * d, this.slotCount * d);
    fine.fill(0, slotCount * f, this.slotCount * f);
    signCodes.fill(0, slotCount * b, this.slotCount * b);
    scales.fill(0, slotCount, this.slotCount);
    live.fill(0, slotCount, this.slotCount);
    this.slotCount = slotCount;
  }

  /**
   * Copies the codes of slots 0 to count - 1, the first `count` slots, and
   * the fixed center, for a snapshot. Null before the center is fixed.
   */
  exportBlock(count: number): QuantizedBlockData | null {
    if (this.center === null) return null;
    return {
      center: this.center.slice(),
      codes: this.codes.i8().slice(0, count * this.dimension),
      fine: this.fine.u8().slice(0, count * this.fineBytes),
      scales: this.scales.f32().slice(0, count),
      signCodes: this.signCodes.u8().slice(0, count * this.codeBytes),
      hashes: this.hashes.i32().slice(0, count),
    };
  }

  /**
   * Restores slots 0 to count - 1 from a block that exportBlock wrote, into
   * an empty instance whose arena has room for `count` slots. The caller
   * checks every array's length first.
   */
  restoreBlock(block: QuantizedBlockData, count: number): void {
    this.center = Float32Array.from(block.center);
    this.pending = null;
    this.codes.i8().set(block.codes);
    this.fine.u8().set(block.fine);
    this.scales.f32().set(block.scales);
    this.signCodes.u8().set(block.signCodes);
    this.hashes.i32().set(block.hashes);
    this.live.u8().fill(1, 0, count);
    this.duplicates.reserve(count);
    for (let slot = 0; slot < count; slot++) this.duplicates.add(block.hashes[slot]!, slot);
    this.slotCount = count;
    this.liveCount = count;
  }

  read(slot: number, out: Float32Array): void {
    const pending = this.pending?.get(slot);
    if (pending !== undefined) {
      out.set(pending);
      return;
    }
    const center = this.center!;
    const codes = this.codes.i8();
    const fine = this.fine.u8();
    const step = this.scales.f32()[slot]! / FINE_STEPS;
    const codeBase = slot * this.dimension;
    const fineBase = slot * this.fineBytes;
    for (let i = 0; i < this.dimension; i++) {
      const v = FINE_STEPS * codes[codeBase + i]! + ((fine[fineBase + (i >> 2)]! >> ((i & 3) << 1)) & 3) - 2;
      out[i] = center[i]! + v * step;
    }
  }

  scorer(query: Float32Array): (slot: number) => number {
    const d = this.dimension;
    if (this.center === null) {
      const pending = this.pending!;
      return (slot) => {
        const vector = pending.get(slot)!;
        let sum = 0;
        for (let i = 0; i < d; i++) sum += vector[i]! * query[i]!;
        return sum;
      };
    }

    // score = q . center + (scale / 4) * sum of q[i] * v[i], with v the 10-bit code.
    const center = this.center;
    let base = 0;
    for (let i = 0; i < d; i++) base += query[i]! * center[i]!;
    const codes = this.codes.i8();
    const fine = this.fine.u8();
    const scales = this.scales.f32();
    const fineBytes = this.fineBytes;
    return (slot) => {
      const codeBase = slot * d;
      const fineBase = slot * fineBytes;
      let sum = 0;
      for (let i = 0; i < d; i++) {
        const v = FINE_STEPS * codes[codeBase + i]! + ((fine[fineBase + (i >> 2)]! >> ((i & 3) << 1)) & 3) - 2;
        sum += query[i]! * v;
      }
      return base + (scales[slot]! / FINE_STEPS) * sum;
    };
  }

  /**
   * Returns the live slots whose int8 codes equal those of `query`: its
   * exact duplicates, up to int8 rounding. Empty before `ready`.
   */
  findDuplicates(query: Float32Array): number[] {
    if (this.center === null) return [];

    quantizeResidualFine(query, this.center, this.queryCodes, 0, this.queryFine, 0);
    const found: number[] = [];
    const codes = this.codes.i8();
    this.duplicates.forEach(hashBytes(this.queryCodes, 0, this.dimension), (slot) => {
      if (this.codesEqual(codes, slot)) found.push(slot);
    });
    return found;
  }

  private codesEqual(codes: Int8Array, slot: number): boolean {
    const base = slot * this.dimension;
    for (let i = 0; i < this.dimension; i++) {
      if (codes[base + i] !== this.queryCodes[i]) return false;
    }
    return true;
  }

  private forgetHash(slot: number): void {
    if (this.center === null) return;
    this.duplicates.delete(this.hashes.i32()[slot]!, slot);
  }

  private moveHash(from: number, to: number): void {
    if (this.center === null) return;
    const hashes = this.hashes.i32();
    this.duplicates.delete(hashes[from]!, from);
    this.duplicates.add(hashes[from]!, to);
    hashes[to] = hashes[from]!;
  }

  private movePending(from: number, to: number): void {
    const vector = this.pending?.get(from);
    if (vector === undefined) return;
    this.pending!.delete(from);
    this.pending!.set(to, vector);
  }

  private fixCenter(pending: Map<number, Float32Array>): void {
    const sums = new Float64Array(this.dimension);
    for (const vector of pending.values()) {
      for (let i = 0; i < this.dimension; i++) sums[i] = sums[i]! + Math.round(vector[i]! * CENTER_FIXED_POINT);
    }
    const center = new Float32Array(this.dimension);
    for (let i = 0; i < this.dimension; i++) center[i] = sums[i]! / (pending.size * CENTER_FIXED_POINT);
    this.center = center;
    this.pending = null;
    for (const [slot, vector] of pending) this.writeCodes(slot, vector);
  }

  private writeCodes(slot: number, unitVector: Float32Array): void {
    const center = this.center!;
    this.scales.f32()[slot] = quantizeResidualFine(unitVector, center, this.codes.i8(), slot * this.dimension, this.fine.u8(), slot * this.fineBytes);
    writeSignCode(unitVector, center, this.signCodes.u8(), slot * this.codeBytes, this.codeBytes);
    const hash = hashBytes(this.codes.i8(), slot * this.dimension, this.dimension);
    this.hashes.i32()[slot] = hash;
    this.duplicates.add(hash, slot);
  }
}
