// Deterministic test data from a seed, on pure-rand's xoroshiro128+.
import { uniformFloat32 } from "pure-rand/distribution/uniformFloat32";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** A seeded source of test data that gives the same sequence for the same seed. */
export interface SeededRandom {
  /** An integer from `from` to `to`, both included. */
  int(from: number, to: number): number;
  /** A float in [0, 1) with 24 random bits. */
  float(): number;
  /** `length` random bytes. */
  bytes(length: number): Uint8Array;
  /** `count` vectors of `dimension` floats in [-1, 1), back to back. */
  vectors(count: number, dimension: number): Float32Array;
}

export function createSeededRandom(seed: number): SeededRandom {
  const generator = xoroshiro128plus(seed);
  const float = (): number => uniformFloat32(generator);

  return {
    int: (from, to) => uniformInt(generator, from, to),
    float,
    bytes: (length) => Uint8Array.from({ length }, () => uniformInt(generator, 0, 255)),
    vectors: (count, dimension) => Float32Array.from({ length: count * dimension }, () => float() * 2 - 1),
  };
}

/** Returns the little-endian bytes of `values`, the layout of every vector block in the schema. */
export function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  return bytes;
}
