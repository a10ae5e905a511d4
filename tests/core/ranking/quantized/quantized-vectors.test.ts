import { describe, expect, it } from "vitest";
import { VectorStore } from "../../../../core/index/vector-store";
import { CENTER_SAMPLE, QuantizedVectors } from "../../../../core/ranking/quantized/quantized-vectors";
import { createTypeScriptKernel } from "../../../../core/ranking/kernels/typescript-kernel";
import { KernelArena, arrayBufferBacking } from "../../../../core/ranking/kernels/kernel-arena";
import { generateClipLike } from "../../../../bench/clip-like-data";

const DIMENSION = 64;
const data = generateClipLike({ count: 300, dimension: DIMENSION, seed: 3, exactCopyShare: 0 });

function row(index: number): Float32Array {
  return data.images.slice(index * DIMENSION, (index + 1) * DIMENSION);
}

function filledStore(count: number): { store: VectorStore; quantized: QuantizedVectors } {
  const store = new VectorStore(DIMENSION, 4);
  const quantized = new QuantizedVectors(createTypeScriptKernel(new KernelArena(arrayBufferBacking())), DIMENSION);
  store.attach(quantized);
  for (let i = 0; i < count; i++) store.putUnit(`a${i}`, row(i));
  return { store, quantized };
}

function reconstructionError(quantized: QuantizedVectors, slot: number, vector: Float32Array): number {
  const center = quantized.centerVector!;
  const codes = quantized.codes.i8();
  const scale = quantized.scales.f32()[slot]!;
  let worst = 0;
  for (let i = 0; i < DIMENSION; i++) {
    worst = Math.max(worst, Math.abs(codes[slot * DIMENSION + i]! * scale + center[i]! - vector[i]!));
  }
  return worst;
}

describe("QuantizedVectors", () => {
  it("not ready below center sample", () => {
    const { quantized } = filledStore(CENTER_SAMPLE - 1);
    expect(quantized.ready).toBe(false);
    expect(quantized.findDuplicates(row(0))).toEqual([]);
  });

  it("int8 codes rebuild each vector", () => {
    const { store, quantized } = filledStore(200);
    for (const index of [0, CENTER_SAMPLE - 1, CENTER_SAMPLE, 199]) {
      const slot = store.slotOf(`a${index}`);
      // Rounding error is at most half a step, and a step is max |residual| / 127 < 2 / 127.
      expect(reconstructionError(quantized, slot, row(index))).toBeLessThanOrEqual(1 / 127);
    }
  });

  it("finds duplicate by codes", () => {
    const { store, quantized } = filledStore(200);
    expect(quantized.findDuplicates(row(150))).toEqual([store.slotOf("a150")]);
  });

  it("removed slot is no duplicate", () => {
    const { store, quantized } = filledStore(200);
    store.remove("a150");
    expect(quantized.findDuplicates(row(150))).toEqual([]);
    expect(quantized.live.u8()[150]).toBe(0);
    expect(quantized.liveCount).toBe(199);
  });

  it("replaced vector updates duplicates", () => {
    const { store, quantized } = filledStore(200);
    store.putUnit("a10", row(250));
    expect(quantized.findDuplicates(row(10))).toEqual([]);
    expect(quantized.findDuplicates(row(250))).toEqual([store.slotOf("a10")]);
    expect(quantized.liveCount).toBe(200);
  });

  it("compaction moves codes with slots", () => {
    const { store, quantized } = filledStore(200);
    for (let i = 0; i < 100; i += 3) store.remove(`a${i}`);
    store.compact();

    expect(quantized.slotCount).toBe(store.slotCount);
    for (const index of [1, 2, 100, 199]) {
      const slot = store.slotOf(`a${index}`);
      expect(quantized.findDuplicates(row(index))).toEqual([slot]);
      expect(reconstructionError(quantized, slot, row(index))).toBeLessThanOrEqual(1 / 127);
      expect(quantized.live.u8()[slot]).toBe(1);
    }
    expect(quantized.live.u8()[store.slotCount]).toBe(0);
  });
});
