import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../../../core/ranking/kernels/kernel";
import { KernelArena, arrayBufferBacking } from "../../../../core/ranking/kernels/kernel-arena";
import { createTypeScriptKernel } from "../../../../core/ranking/kernels/typescript-kernel";
import { createWasmKernel } from "../../../../core/ranking/kernels/wasm-kernel";
import { createHostKernel } from "../../../../core/ranking/kernels/host-kernel";
import { javascriptHostKernel } from "./javascript-host-kernel";

// Every kernel must return bit-identical results to the TypeScript kernel.
// The host kernel runs here with a JavaScript stand-in for the native
// functions, which reads through each view's byteOffset as a native one must.
function otherKernels(): Kernel[] {
  const kernels: Kernel[] = [createHostKernel(javascriptHostKernel)];
  const wasm = createWasmKernel();
  if (wasm !== null) kernels.push(wasm);
  return kernels;
}

function reference(): Kernel {
  return createTypeScriptKernel(new KernelArena(arrayBufferBacking()));
}

const float32 = fc.float({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true });

const dotF32Case = fc.integer({ min: 1, max: 37 }).chain((dimension) =>
  fc.record({
    dimension: fc.constant(dimension),
    query: fc.array(float32, { minLength: dimension, maxLength: dimension }),
    rows: fc.array(fc.array(float32, { minLength: dimension, maxLength: dimension }), { minLength: 0, maxLength: 20 }),
  }),
);

function runDotF32(kernel: Kernel, input: { dimension: number; query: number[]; rows: number[][] }): Float32Array {
  const arena = kernel.arena;
  const padding = arena.addRegion(0, 4);
  const query = arena.addRegion(0, input.dimension * 4);
  const matrix = arena.addRegion(input.dimension * 4);
  const out = arena.addRegion(4);
  arena.ensureCapacity(input.rows.length);
  padding.u8().fill(1);
  query.f32().set(input.query);
  matrix.f32().set(input.rows.flat());

  kernel.dotF32(query, matrix, input.dimension, input.rows.length, out);
  return out.f32().slice(0, input.rows.length);
}

const dotI8Case = fc.integer({ min: 1, max: 516 }).chain((dimension) =>
  fc.record({
    dimension: fc.constant(dimension),
    query: fc.array(fc.integer({ min: -32767, max: 32767 }), { minLength: dimension, maxLength: dimension }),
    codes: fc.array(fc.array(fc.integer({ min: -127, max: 127 }), { minLength: dimension, maxLength: dimension }), { minLength: 1, maxLength: 8 }),
    picks: fc.array(fc.nat(), { maxLength: 12 }),
  }),
);

function runDotI8(kernel: Kernel, input: { dimension: number; query: number[]; codes: number[][]; picks: number[] }): Int32Array {
  const arena = kernel.arena;
  const query = arena.addRegion(0, input.dimension * 2);
  const codes = arena.addRegion(input.dimension);
  const rows = arena.addRegion(0, input.picks.length * 4);
  const out = arena.addRegion(0, input.picks.length * 4);
  arena.ensureCapacity(input.codes.length);
  query.i16().set(input.query);
  codes.i8().set(input.codes.flat());
  rows.u32().set(input.picks.map((pick) => pick % input.codes.length));

  kernel.dotI8Rows(query, codes, input.dimension, rows, input.picks.length, out);
  return out.i32().slice(0, input.picks.length);
}

const hammingCase = fc.constantFrom(8, 16, 64, 72).chain((codeBytes) =>
  fc.record({
    codeBytes: fc.constant(codeBytes),
    query: fc.uint8Array({ minLength: codeBytes, maxLength: codeBytes }),
    codes: fc.array(fc.uint8Array({ minLength: codeBytes, maxLength: codeBytes }), { maxLength: 30 }),
    mask: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
  }),
);

interface HammingInput { codeBytes: number; query: Uint8Array; codes: Uint8Array[]; mask: boolean[] }

function runHamming(kernel: Kernel, input: HammingInput): { distances: Uint16Array; histogram: Uint32Array } {
  const arena = kernel.arena;
  const bins = input.codeBytes * 8 + 2;
  const query = arena.addRegion(0, input.codeBytes);
  const codes = arena.addRegion(input.codeBytes);
  const mask = arena.addRegion(1);
  const out = arena.addRegion(2);
  const histogram = arena.addRegion(0, bins * 4);
  arena.ensureCapacity(input.codes.length);
  query.u8().set(input.query);
  input.codes.forEach((code, i) => codes.u8().set(code, i * input.codeBytes));
  mask.u8().set(input.mask.slice(0, input.codes.length).map((keep) => (keep ? 1 : 0)));
  histogram.u32().fill(12345);

  kernel.hamming(query, codes, input.codeBytes, input.codes.length, mask, out, histogram);
  return { distances: out.u16().slice(0, input.codes.length), histogram: histogram.u32().slice(0, bins) };
}

const collectCase = fc.record({
  distances: fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 }),
  threshold: fc.integer({ min: 0, max: 21 }),
  limit: fc.integer({ min: 0, max: 60 }),
});

function runCollect(kernel: Kernel, input: { distances: number[]; threshold: number; limit: number }): Uint32Array {
  const arena = kernel.arena;
  const distances = arena.addRegion(2);
  const out = arena.addRegion(4);
  arena.ensureCapacity(input.distances.length);
  distances.u16().set(input.distances);
  const below = Math.min(input.limit, input.distances.filter((d) => d < input.threshold).length);

  const written = kernel.collect(distances, input.distances.length, input.threshold, below, input.limit, out);
  return out.u32().slice(0, written);
}

function naiveHamming(a: Uint8Array, b: Uint8Array): number {
  let distance = 0;
  for (let i = 0; i < a.length; i++) {
    let x = a[i]! ^ b[i]!;
    while (x !== 0) { distance += x & 1; x >>= 1; }
  }
  return distance;
}

describe("kernels agree with TypeScript", () => {
  it("wasm kernel available in Node", () => {
    expect(createWasmKernel()?.name).toBe("wasm");
  });

  for (const kernel of otherKernels()) {
    describe(`${kernel.name} kernel`, () => {
      it("dotF32 matches bit for bit", () => {
        fc.assert(fc.property(dotF32Case, (input) => {
          expect(runDotF32(kernelLike(kernel), input)).toEqual(runDotF32(reference(), input));
        }), { numRuns: 150 });
      });

      it("dotI8Rows matches exactly", () => {
        fc.assert(fc.property(dotI8Case, (input) => {
          expect(runDotI8(kernelLike(kernel), input)).toEqual(runDotI8(reference(), input));
        }), { numRuns: 100 });
      });

      it("hamming matches distances and histogram", () => {
        fc.assert(fc.property(hammingCase, (input) => {
          const expected = runHamming(reference(), input);
          const actual = runHamming(kernelLike(kernel), input);
          expect(actual.distances).toEqual(expected.distances);
          expect(actual.histogram).toEqual(expected.histogram);
        }), { numRuns: 150 });
      });

      it("collect matches slot order", () => {
        fc.assert(fc.property(collectCase, (input) => {
          expect(runCollect(kernelLike(kernel), input)).toEqual(runCollect(reference(), input));
        }), { numRuns: 200 });
      });
    });
  }
});

describe("TypeScript kernel", () => {
  it("hamming equals bit counting", () => {
    fc.assert(fc.property(hammingCase, (input) => {
      const { distances, histogram } = runHamming(reference(), input);
      const excluded = input.codeBytes * 8 + 1;
      input.codes.forEach((code, i) => {
        expect(distances[i]).toBe(input.mask[i] ? naiveHamming(input.query, code) : excluded);
      });
      expect(histogram.reduce((sum, n) => sum + n, 0)).toBe(input.codes.length);
    }), { numRuns: 100 });
  });

  it("collect takes below then ties", () => {
    const kernel = reference();
    const result = runCollect(kernel, { distances: [5, 1, 3, 3, 0, 3, 9], threshold: 3, limit: 4 });
    expect(Array.from(result)).toEqual([1, 4, 2, 3]);
  });

  it("dotF32 sums in float64", () => {
    const result = runDotF32(reference(), { dimension: 3, query: [1, 1, 1], rows: [[1e8, 1, -1e8]] });
    expect(result[0]).toBe(1);
  });
});

// Each run needs a fresh arena, so build a new kernel of the same kind.
function kernelLike(kernel: Kernel): Kernel {
  if (kernel.name === "host") return createHostKernel(javascriptHostKernel);
  const wasm = createWasmKernel();
  if (wasm === null) throw new Error("WebAssembly disappeared during the test");
  return wasm;
}
