// Seeded vector data sets for the benchmark, generated in Node so every
// runtime gets the same bytes.
import { uniformFloat32 } from "pure-rand/distribution/uniformFloat32";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** Library vectors and query vectors, row-major, `dimension` floats each. */
export interface VectorSet {
  readonly library: Float32Array;
  readonly queries: Float32Array;
}

/** Makes `assets` library vectors and `queries` query vectors from a seed. */
export type VectorSetMaker = (assets: number, queries: number, dimension: number, seed: number) => VectorSet;

/** Makes vectors with every coordinate uniform in [-1, 1). They have no clusters, the hardest case for approximate search. */
export const randomVectors: VectorSetMaker = (assets, queries, dimension, seed) => {
  const generator = xoroshiro128plus(seed);
  const fill = (count: number) => {
    const values = new Float32Array(count * dimension);
    for (let i = 0; i < values.length; i++) values[i] = uniformFloat32(generator) * 2 - 1;
    return values;
  };
  return { library: fill(assets), queries: fill(queries) };
};

/** Data sets by the name given to --dataset. */
export const datasets: Record<string, VectorSetMaker> = {
  random: randomVectors,
};
