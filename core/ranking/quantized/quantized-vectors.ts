import type { SlotCompanion } from "../../index/slot-companion";
import type { Kernel } from "../kernels/kernel";
import type { Region } from "../kernels/kernel-arena";
import { INT8_LIMIT, quantizeResidual, signCodeBytes, writeSignCode } from "./_internal/quantize";
import { CodeHashTable, hashBytes } from "./_internal/code-hash-table";

/** Vectors whose mean becomes the fixed center. */
export const CENTER_SAMPLE = 64;

/**
 * Compact copies of the stored unit vectors for the shortlist policy, kept in
 * a kernel's arena and updated on every change. All are taken of the
 * residual `vector - center`, where the center is the mean of the first
 * CENTER_SAMPLE vectors stored. CLIP vectors share a strong common direction,
 * so without centering the sign codes would be nearly all alike and int8
 * steps would be spent on the part every vector shares.
 *
 * - int8 codes (`dimension` bytes per slot) with a float32 scale, so the
 *   residual is about `codes * scale`;
 * - binary sign codes (`codeBytes` per slot) of the residual;
 * - a live flag per slot, 1 for a stored vector and 0 for a free slot;
 * - a hash of each slot's int8 codes in a hash table, to find exact
 *   duplicates of a query without a pass over the store.
 *
 * Until CENTER_SAMPLE vectors have arrived, `ready` is false and the vectors
 * are kept as float32 copies, so the codes are computed from exact values.
 */
export class QuantizedVectors implements SlotCompanion {
  readonly dimension: number;
  readonly codeBytes: number;
  readonly kernel: Kernel;
  readonly codes: Region;
  readonly scales: Region;
  readonly signCodes: Region;
  readonly live: Region;
  private readonly hashes: Region;
  private readonly duplicates = new CodeHashTable();
  private readonly queryCodes: Int8Array;
  /** Slots below which every live slot lies. */
  slotCount = 0;
  liveCount = 0;

  private center: Float32Array | null = null;
  private pending: Map<number, Float32Array> | null = new Map();

  constructor(kernel: Kernel, dimension: number) {
    this.kernel = kernel;
    this.dimension = dimension;
    this.codeBytes = signCodeBytes(dimension);
    this.codes = kernel.arena.addRegion(dimension);
    this.scales = kernel.arena.addRegion(4);
    this.signCodes = kernel.arena.addRegion(this.codeBytes);
    this.live = kernel.arena.addRegion(1);
    this.hashes = kernel.arena.addRegion(4);
    this.queryCodes = new Int8Array(dimension);
  }

  /** True once the center is fixed and every live slot has codes. */
  get ready(): boolean {
    return this.center !== null;
  }

  /** The fixed center, or null before `ready`. Read-only by contract. */
  get centerVector(): Float32Array | null {
    return this.center;
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
    this.signCodes.u8().fill(0, slot * this.codeBytes, (slot + 1) * this.codeBytes);
    this.scales.f32()[slot] = 0;
  }

  compact(moves: Int32Array, slotCount: number): void {
    const d = this.dimension;
    const b = this.codeBytes;
    const codes = this.codes.i8();
    const signCodes = this.signCodes.u8();
    const scales = this.scales.f32();
    const live = this.live.u8();

    for (let m = 0; m < moves.length; m += 2) {
      const from = moves[m]!;
      const to = moves[m + 1]!;
      this.moveHash(from, to);
      codes.copyWithin(to * d, from * d, (from + 1) * d);
      signCodes.copyWithin(to * b, from * b, (from + 1) * b);
      scales[to] = scales[from]!;
      live[to] = live[from]!;
      live[from] = 0;
      this.movePending(from, to);
    }

    codes.fill(0, slotCount * d, this.slotCount * d);
    signCodes.fill(0, slotCount * b, this.slotCount * b);
    scales.fill(0, slotCount, this.slotCount);
    live.fill(0, slotCount, this.slotCount);
    this.slotCount = slotCount;
  }

  /**
   * Returns the live slots whose int8 codes equal those of `query`: its
   * exact duplicates, up to int8 rounding. Empty before `ready`.
   */
  findDuplicates(query: Float32Array): number[] {
    if (this.center === null) return [];

    quantizeResidual(query, this.center, INT8_LIMIT, this.queryCodes, 0);
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
    const center = new Float32Array(this.dimension);
    for (const vector of pending.values()) {
      for (let i = 0; i < this.dimension; i++) center[i] = center[i]! + vector[i]! / pending.size;
    }
    this.center = center;
    this.pending = null;
    for (const [slot, vector] of pending) this.writeCodes(slot, vector);
  }

  private writeCodes(slot: number, unitVector: Float32Array): void {
    const center = this.center!;
    this.scales.f32()[slot] = quantizeResidual(unitVector, center, INT8_LIMIT, this.codes.i8(), slot * this.dimension);
    writeSignCode(unitVector, center, this.signCodes.u8(), slot * this.codeBytes, this.codeBytes);
    const hash = hashBytes(this.codes.i8(), slot * this.dimension, this.dimension);
    this.hashes.i32()[slot] = hash;
    this.duplicates.add(hash, slot);
  }
}
