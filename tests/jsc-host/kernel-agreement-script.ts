// Runs inside queryable-jsc-host: compares the native host kernel with the
// TypeScript and WebAssembly kernels on random inputs and prints one line,
// "agree N" or the first difference.
import type { Kernel } from "../../core/ranking/kernels/kernel";
import { selectKernel } from "../../core/ranking/kernels/select-kernel";

declare const print: (...values: unknown[]) => void;

let state = 12345;
function random(): number {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state / 4294967296;
}

interface Outputs { dots: Float32Array; int8: Int32Array; distances: Uint16Array; histogram: Uint32Array; collected: Uint32Array }

function runAll(kernel: Kernel, seed: number, dimension: number, count: number, codeBytes: number): Outputs {
  state = seed;
  const arena = kernel.arena;
  const pad = arena.addRegion(0, 12);
  const query = arena.addRegion(0, dimension * 4);
  const matrix = arena.addRegion(dimension * 4);
  const dots = arena.addRegion(4);
  const query16 = arena.addRegion(0, dimension * 2);
  const codes8 = arena.addRegion(dimension);
  const rows = arena.addRegion(4);
  const int8 = arena.addRegion(4);
  const queryCode = arena.addRegion(0, codeBytes);
  const codes = arena.addRegion(codeBytes);
  const mask = arena.addRegion(1);
  const distances = arena.addRegion(2);
  const histogram = arena.addRegion(0, (codeBytes * 8 + 2) * 4);
  const collected = arena.addRegion(4);
  arena.ensureCapacity(count);
  pad.u8().fill(7);

  query.f32().forEach((_, i, a) => { a[i] = random() * 2 - 1; });
  matrix.f32().forEach((_, i, a) => { a[i] = random() * 2 - 1; });
  query16.i16().forEach((_, i, a) => { a[i] = Math.round((random() * 2 - 1) * 32767); });
  codes8.i8().forEach((_, i, a) => { a[i] = Math.round((random() * 2 - 1) * 127); });
  rows.u32().forEach((_, i, a) => { a[i] = Math.floor(random() * count); });
  queryCode.u8().forEach((_, i, a) => { a[i] = Math.floor(random() * 256); });
  codes.u8().forEach((_, i, a) => { a[i] = Math.floor(random() * 256); });
  mask.u8().forEach((_, i, a) => { a[i] = random() < 0.8 ? 1 : 0; });

  kernel.dotF32(query, matrix, dimension, count, dots);
  kernel.dotI8Rows(query16, codes8, dimension, rows, count, int8);
  kernel.hamming(queryCode, codes, codeBytes, count, mask, distances, histogram);
  const threshold = Math.floor(codeBytes * 4);
  let below = 0;
  for (let d = 0; d < threshold; d++) below += histogram.u32()[d]!;
  const limit = Math.max(below, Math.floor(count / 2));
  const taken = kernel.collect(distances, count, threshold, below, limit, collected);
  return {
    dots: dots.f32().slice(0, count), int8: int8.i32().slice(0, count), distances: distances.u16().slice(0, count),
    histogram: histogram.u32().slice(), collected: collected.u32().slice(0, taken),
  };
}

function firstDifference(a: Outputs, b: Outputs): string | null {
  for (const key of ["dots", "int8", "distances", "histogram", "collected"] as const) {
    const x = a[key];
    const y = b[key];
    if (x.length !== y.length) return `${key}: length ${x.length} != ${y.length}`;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return `${key}[${i}]: ${x[i]} != ${y[i]}`;
  }
  return null;
}

let cases = 0;
let failure: string | null = null;
const shapes: [number, number, number][] = [[512, 300, 64], [17, 50, 8], [1, 3, 16], [516, 64, 72]];
for (let seed = 1; seed <= 5 && failure === null; seed++) {
  for (const [dimension, count, codeBytes] of shapes) {
    const host = runAll(selectKernel("host")!, seed, dimension, count, codeBytes);
    for (const name of ["typescript", "wasm"] as const) {
      const other = selectKernel(name);
      if (other === null) continue;
      const difference = firstDifference(host, runAll(other, seed, dimension, count, codeBytes));
      if (difference !== null && failure === null) failure = `host vs ${name}, seed ${seed}, dimension ${dimension}: ${difference}`;
      cases++;
    }
  }
}
print(failure === null ? `agree ${cases}` : `differ ${failure}`);
