// The inner loops of search, behind one interface with three implementations
// (plain TypeScript, WebAssembly, and a native function the host registers).
// Every implementation returns bit-identical results for the same input.
import type { KernelArena, Region } from "./kernel-arena";

/** Which implementation a kernel is, as reported in IndexOpened.kernel. */
export type KernelName = "typescript" | "wasm" | "host";

/**
 * Arithmetic over regions of the kernel's arena. Element offsets inside a
 * region start at 0. Callers guarantee the sizes: each region named below is
 * at least as long as the counts imply, or the result is undefined (the
 * TypeScript kernel reads undefined as 0, WebAssembly traps on the arena end).
 */
export interface Kernel {
  readonly name: KernelName;
  /** The memory every region passed to this kernel must belong to. */
  readonly arena: KernelArena;

  /**
   * Writes `out.f32()[i] = sum over j of query.f32()[j] * matrix.f32()[i * dimension + j]`
   * for i in [0, count). Sums run in float64 in index order, then round to float32.
   */
  dotF32(query: Region, matrix: Region, dimension: number, count: number, out: Region): void;

  /**
   * Integer dot products of an int16 query with int8 rows picked by index:
   * `out.i32()[k] = sum over j of query.i16()[j] * codes.i8()[rows.u32()[k] * dimension + j]`
   * for k in [0, rowCount). Exact as long as |query| <= 32767, |codes| <= 127
   * and dimension <= 516, because the sum then fits in an int32.
   */
  dotI8Rows(query: Region, codes: Region, dimension: number, rows: Region, rowCount: number, out: Region): void;

  /**
   * Hamming distances between one binary code and `count` stored codes of
   * `codeBytes` bytes each (a multiple of 8). For slot i with `mask.u8()[i] !== 0`
   * it writes the distance to `out.u16()[i]`. Other slots get `codeBytes * 8 + 1`.
   * `histogram.u32()[d]` is set to the number of slots at distance d, for d in
   * [0, codeBytes * 8 + 1], so a caller finds a shortlist threshold without another pass.
   */
  hamming(query: Region, codes: Region, codeBytes: number, count: number, mask: Region, out: Region, histogram: Region): void;

  /**
   * Writes to `out.u32()` the slots in [0, count) whose distance is below
   * `threshold`, then the slots at exactly `threshold`, stopping at `limit`
   * slots in all. `below` is the number of slots under the threshold (from the
   * histogram, at most `limit`), so both groups are written in one pass.
   * Returns how many slots it wrote.
   */
  collect(distances: Region, count: number, threshold: number, below: number, limit: number, out: Region): number;
}
