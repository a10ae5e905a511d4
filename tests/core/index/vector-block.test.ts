import { describe, expect, it } from "vitest";
import { float16BitsToNumber } from "../../../core/index/float16";
import { decodeUnitVectors } from "../../../core/index/vector-block";

const label = (i: number) => `vector ${i}`;

function f32(values: number[], offset = 0): Uint8Array {
  const bytes = new Uint8Array(offset + values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(offset + i * 4, v, true));
  return bytes.subarray(offset);
}

describe("float16BitsToNumber", () => {
  it.each([
    [0x0000, 0],
    [0x3c00, 1],
    [0xc000, -2],
    [0x3555, 0.333251953125],
    [0x7bff, 65504],
    [0x0001, 2 ** -24],
    [0x03ff, 1023 * 2 ** -24],
    [0x7c00, Infinity],
    [0xfc00, -Infinity],
  ])("bits %s decode to %s", (bits, value) => {
    expect(float16BitsToNumber(bits)).toBe(value);
  });

  it("NaN bits decode to NaN", () => {
    expect(float16BitsToNumber(0x7e00)).toBeNaN();
  });
});

describe("decodeUnitVectors", () => {
  it("normalises each vector", () => {
    const result = decodeUnitVectors(f32([3, 4, 0, 2]), 0, 2, 2, label);
    expect(result.ok ? Array.from(result.value) : result.error.code).toEqual([0.6000000238418579, 0.800000011920929, 0, 1]);
  });

  it("reads unaligned input", () => {
    const result = decodeUnitVectors(f32([0, 5], 1), 0, 2, 1, label);
    expect(result.ok ? Array.from(result.value) : result.error.code).toEqual([0, 1]);
  });

  it("reads float16 input", () => {
    const bytes = Uint8Array.of(0x00, 0x00, 0x00, 0xc0);
    const result = decodeUnitVectors(bytes, 1, 2, 1, label);
    expect(result.ok ? Array.from(result.value) : result.error.code).toEqual([0, -1]);
  });

  it.each([
    ["VECTOR_BLOCK_LENGTH", f32([1, 2, 3]), 2, 2],
    ["DIMENSION_MISMATCH", f32([1, 2, 3, 4, 5, 6]), 2, 2],
    ["VECTOR_BLOCK_LENGTH", f32([1]), 1, 0],
    ["NON_FINITE_VECTOR", f32([1, NaN]), 2, 1],
    ["ZERO_VECTOR", f32([0, 0]), 2, 1],
  ] as const)("rejects with %s", (code, bytes, dimension, count) => {
    const result = decodeUnitVectors(bytes, 0, dimension, count, label);
    expect(result.ok ? "ok" : result.error.code).toBe(code);
  });
});
