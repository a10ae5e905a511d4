// The vectors of one benchmark size: CLIP-shaped synthetic data from
// bench/clip-like-data.ts, or real embeddings from a file.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { generateClipLike } from "../clip-like-data";

/** Unit library vectors and unit query vectors, row-major. */
export interface VectorSet {
  readonly dataset: string;
  readonly dimension: number;
  readonly library: Float32Array;
  readonly queries: Float32Array;
}

/** Seed of the synthetic data, fixed so every run measures the same vectors. */
const SEED = 1;

/** Generates `assets` image-like vectors and `queries` text-like queries of `dimension`. */
export function clipLikeVectors(assets: number, queries: number, dimension: number): VectorSet {
  const data = generateClipLike({ count: assets, dimension, seed: SEED });
  return { dataset: "clip-like", dimension, library: data.images, queries: data.queries(queries) };
}

/**
 * Reads real embeddings: a little-endian float32 C-order .npy array of shape
 * (n, d), or raw little-endian float32 rows of `dimension`. The first
 * `assets` rows are the library and the next `queries` rows the queries,
 * all normalised here. Throws when the file is unreadable or too short.
 */
export function fileVectors(path: string, assets: number, queries: number, dimension: number): VectorSet {
  const { values, dimension: d } = readFloat32Rows(path, dimension);
  const rows = values.length / d;
  if (rows < assets + queries) {
    throw new Error(`${path} contains ${rows} vectors, but ${assets} assets and ${queries} queries need ${assets + queries}; pass smaller --sizes or --queries`);
  }
  const library = values.slice(0, assets * d);
  const query = values.slice(assets * d, (assets + queries) * d);
  normaliseRows(library, d);
  normaliseRows(query, d);
  return { dataset: basename(path), dimension: d, library, queries: query };
}

function readFloat32Rows(path: string, dimension: number): { values: Float32Array; dimension: number } {
  const bytes = readFileSync(path);
  if (path.endsWith(".npy")) {
    const headerLength = bytes.readUInt16LE(8);
    const header = bytes.subarray(10, 10 + headerLength).toString("latin1");
    if (!header.includes("'<f4'") || header.includes("'fortran_order': True")) {
      throw new Error(`${path}: only little-endian float32 C-order .npy files are supported, header is ${header.trim()}`);
    }
    const shape = /'shape': \((\d+), (\d+)\)/.exec(header);
    if (shape === null) throw new Error(`${path}: expected a 2-d array, header is ${header.trim()}`);
    const data = bytes.subarray(10 + headerLength);
    return { values: new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length)), dimension: Number(shape[2]) };
  }
  if (bytes.length % (4 * dimension) !== 0) {
    throw new Error(`${path}: ${bytes.length} bytes is not a whole number of ${dimension}-d float32 vectors; pass --dimension`);
  }
  return { values: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)), dimension };
}

function normaliseRows(values: Float32Array, dimension: number): void {
  for (let row = 0; row < values.length; row += dimension) {
    let squares = 0;
    for (let i = 0; i < dimension; i++) squares += values[row + i]! ** 2;
    const scale = 1 / Math.sqrt(squares);
    for (let i = 0; i < dimension; i++) values[row + i] = values[row + i]! * scale;
  }
}
