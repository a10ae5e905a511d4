// A JavaScript stand-in for a native host kernel, used to test the host
// adapter in Node. Like native code, it reads and writes each argument
// through its buffer at the view's byteOffset, never through the view itself.
import type { HostKernel } from "../../../../core/ranking/kernels/host-kernel";
import { popcount32 } from "../../../../core/ranking/kernels/_internal/popcount";

function raw<T>(View: new (buffer: ArrayBuffer, offset: number, length: number) => T, view: ArrayBufferView, length: number): T {
  return new View(view.buffer as ArrayBuffer, view.byteOffset, length);
}

export const javascriptHostKernel: HostKernel = {
  dotF32(query, matrix, dimension, count, out) {
    const q = raw(Float32Array, query, dimension);
    const m = raw(Float32Array, matrix, dimension * count);
    const o = raw(Float32Array, out, count);
    for (let i = 0; i < count; i++) {
      let sum = 0;
      for (let j = 0; j < dimension; j++) sum += q[j]! * m[i * dimension + j]!;
      o[i] = sum;
    }
  },
  dotI8Rows(query, codes, dimension, rows, rowCount, out) {
    const q = raw(Int16Array, query, dimension);
    const r = raw(Uint32Array, rows, rowCount);
    const c = raw(Int8Array, codes, codes.length);
    const o = raw(Int32Array, out, rowCount);
    for (let k = 0; k < rowCount; k++) {
      let sum = 0;
      for (let j = 0; j < dimension; j++) sum += q[j]! * c[r[k]! * dimension + j]!;
      o[k] = sum;
    }
  },
  hamming(query, codes, codeBytes, count, mask, out, histogram) {
    const excluded = codeBytes * 8 + 1;
    const q = raw(Uint8Array, query, codeBytes);
    const c = raw(Uint8Array, codes, codeBytes * count);
    const m = raw(Uint8Array, mask, count);
    const o = raw(Uint16Array, out, count);
    const h = raw(Uint32Array, histogram, excluded + 1);
    h.fill(0);
    for (let i = 0; i < count; i++) {
      let distance = excluded;
      if (m[i] !== 0) {
        distance = 0;
        for (let b = 0; b < codeBytes; b++) distance += popcount32(q[b]! ^ c[i * codeBytes + b]!);
      }
      o[i] = distance;
      h[distance]!++;
    }
  },
  collect(distances, count, threshold, below, limit, out) {
    const d = raw(Uint16Array, distances, count);
    const o = raw(Uint32Array, out, out.length);
    let under = 0;
    let at = below;
    for (let i = 0; i < count; i++) {
      if (d[i]! < threshold) {
        if (under < limit) o[under++] = i;
      } else if (d[i] === threshold && at < limit) {
        o[at++] = i;
      }
    }
    return Math.min(at, limit);
  },
};
