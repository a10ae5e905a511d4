import type { Kernel } from "./kernel";
import { KernelArena, arrayBufferBacking } from "./kernel-arena";

/** Name of the global object through which a host offers a native kernel. */
export const HOST_KERNEL_GLOBAL = "QueryableHostKernel";

/**
 * The native kernel a host may register as `globalThis.QueryableHostKernel`
 * before it loads the core bundle (on iOS, functions backed by Accelerate).
 *
 * Every typed array argument is a view into core's own memory, possibly at a
 * non-zero byteOffset, and the function must work on those bytes in place:
 * read the inputs and write the outputs through the view's buffer, starting
 * at the view's byteOffset. Views are only valid during the call. Each method
 * computes exactly what the method of the same name of `Kernel` (kernel.ts)
 * documents, with bit-identical results (dotF32 sums products in float64 in
 * index order). A method may throw a JavaScript exception on bad arguments;
 * core turns it into an INTERNAL error.
 */
export interface HostKernel {
  /** Writes out[i] for i < count. `matrix` holds count * dimension floats. */
  dotF32(query: Float32Array, matrix: Float32Array, dimension: number, count: number, out: Float32Array): void;
  /** Writes out[k] for k < rowCount. Each rows[k] is a row index into `codes`. */
  dotI8Rows(query: Int16Array, codes: Int8Array, dimension: number, rows: Uint32Array, rowCount: number, out: Int32Array): void;
  /** Writes out[i] for i < count and histogram[d] for d <= codeBytes * 8 + 1. */
  hamming(query: Uint8Array, codes: Uint8Array, codeBytes: number, count: number, mask: Uint8Array, out: Uint16Array, histogram: Uint32Array): void;
  /** Writes slot indices to `out` and returns how many it wrote. */
  collect(distances: Uint16Array, count: number, threshold: number, below: number, limit: number, out: Uint32Array): number;
}

/** Returns the host kernel on the global object, or null when there is none or it lacks a method. */
export function findHostKernel(): HostKernel | null {
  const candidate = (globalThis as Record<string, unknown>)[HOST_KERNEL_GLOBAL];
  if (typeof candidate !== "object" || candidate === null) return null;

  const methods = ["dotF32", "dotI8Rows", "hamming", "collect"] as const;
  for (const method of methods) {
    if (typeof (candidate as Record<string, unknown>)[method] !== "function") return null;
  }
  return candidate as HostKernel;
}

/** Creates a kernel that calls `host` on views of a plain ArrayBuffer arena. */
export function createHostKernel(host: HostKernel): Kernel {
  const arena = new KernelArena(arrayBufferBacking());
  return {
    name: "host",
    arena,
    dotF32: (query, matrix, dimension, count, out) =>
      host.dotF32(query.f32(), matrix.f32(), dimension, count, out.f32()),
    dotI8Rows: (query, codes, dimension, rows, rowCount, out) =>
      host.dotI8Rows(query.i16(), codes.i8(), dimension, rows.u32(), rowCount, out.i32()),
    hamming: (query, codes, codeBytes, count, mask, out, histogram) =>
      host.hamming(query.u8(), codes.u8(), codeBytes, count, mask.u8(), out.u16(), histogram.u32()),
    collect: (distances, count, threshold, below, limit, out) =>
      host.collect(distances.u16(), count, threshold, below, limit, out.u32()),
  };
}
