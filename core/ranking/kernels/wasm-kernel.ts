import type { Kernel } from "./kernel";
import { KernelArena, growTarget, type ArenaBacking, type Region } from "./kernel-arena";
import { kernelsWasm } from "./_generated/kernels-wasm";
import { findWebAssembly, type WasmMemory } from "./_internal/webassembly-api";

const PAGE_BYTES = 65536;

interface KernelExports {
  dot_f32(q: number, m: number, dimension: number, count: number, out: number): void;
  dot_i8_rows(q: number, codes: number, dimension: number, rows: number, rowCount: number, out: number): void;
  hamming(q: number, codes: number, codeBytes: number, count: number, mask: number, out: number, histogram: number): void;
  collect(distances: number, count: number, threshold: number, below: number, limit: number, out: number): number;
}

/**
 * Creates the WebAssembly kernel with a fresh arena in its linear memory,
 * or returns null when this runtime has no usable `WebAssembly` (it is
 * feature-detected, because a host may disable it).
 */
export function createWasmKernel(): Kernel | null {
  const wasm = findWebAssembly();
  if (wasm === undefined) return null;

  let memory: WasmMemory;
  let exports: KernelExports;
  try {
    memory = new wasm.Memory({ initial: 1 });
    const instance = new wasm.Instance(new wasm.Module(kernelsWasm), { env: { memory } });
    exports = instance.exports as unknown as KernelExports;
  } catch {
    // A runtime may expose WebAssembly but reject compilation (for example
    // when a policy forbids it), so the caller falls back to TypeScript.
    return null;
  }

  const arena = new KernelArena(wasmMemoryBacking(memory));
  return {
    name: "wasm",
    arena,
    dotF32: (query, matrix, dimension, count, out) =>
      exports.dot_f32(query.offset, matrix.offset, dimension, count, out.offset),
    dotI8Rows: (query, codes, dimension, rows, rowCount, out) =>
      exports.dot_i8_rows(query.offset, codes.offset, dimension, rows.offset, rowCount, out.offset),
    hamming: (query, codes, codeBytes, count, mask, out, histogram) =>
      exports.hamming(query.offset, codes.offset, codeBytes, count, mask.offset, out.offset, histogram.offset),
    collect: (distances: Region, count, threshold, below, limit, out) =>
      exports.collect(distances.offset, count, threshold, below, limit, out.offset),
  };
}

function wasmMemoryBacking(memory: WasmMemory): ArenaBacking {
  return {
    buffer: () => memory.buffer,
    grow(byteLength) {
      const current = memory.buffer.byteLength;
      const target = growTarget(current, byteLength);
      memory.grow(Math.ceil((target - current) / PAGE_BYTES));
    },
  };
}
