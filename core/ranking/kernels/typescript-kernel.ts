import type { Kernel } from "./kernel";
import type { KernelArena, Region } from "./kernel-arena";
import { popcount32 } from "./_internal/popcount";

/** The reference kernel in plain TypeScript. Runs everywhere. */
export function createTypeScriptKernel(arena: KernelArena): Kernel {
  return {
    name: "typescript",
    arena,
    dotF32,
    dotI8Rows,
    hamming,
    collect,
  };
}

function dotF32(query: Region, matrix: Region, dimension: number, count: number, out: Region): void {
  const q = query.f32();
  const m = matrix.f32();
  const o = out.f32();
  for (let i = 0; i < count; i++) {
    const base = i * dimension;
    let sum = 0;
    for (let j = 0; j < dimension; j++) sum += q[j]! * m[base + j]!;
    o[i] = sum;
  }
}

function dotI8Rows(query: Region, codes: Region, dimension: number, rows: Region, rowCount: number, out: Region): void {
  const q = query.i16();
  const c = codes.i8();
  const r = rows.u32();
  const o = out.i32();
  for (let k = 0; k < rowCount; k++) {
    const base = r[k]! * dimension;
    let sum = 0;
    for (let j = 0; j < dimension; j++) sum += q[j]! * c[base + j]!;
    o[k] = sum;
  }
}

function hamming(query: Region, codes: Region, codeBytes: number, count: number, mask: Region, out: Region, histogram: Region): void {
  const q = query.i32();
  const c = codes.i32();
  const m = mask.u8();
  const o = out.u16();
  const h = histogram.u32();
  const words = codeBytes >> 2;
  const excluded = codeBytes * 8 + 1;
  h.fill(0, 0, excluded + 1);

  for (let i = 0; i < count; i++) {
    let distance = excluded;
    if (m[i] !== 0) {
      distance = 0;
      const base = i * words;
      for (let w = 0; w < words; w++) distance += popcount32(q[w]! ^ c[base + w]!);
    }
    o[i] = distance;
    h[distance]!++;
  }
}

function collect(distances: Region, count: number, threshold: number, below: number, limit: number, out: Region): number {
  const d = distances.u16();
  const o = out.u32();
  let under = 0;
  let at = below;
  for (let i = 0; i < count; i++) {
    const distance = d[i]!;
    if (distance < threshold) {
      if (under < limit) o[under++] = i;
    } else if (distance === threshold && at < limit) {
      o[at++] = i;
    }
  }
  return Math.min(at, limit);
}
