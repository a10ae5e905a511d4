import { pb } from "../../bridge/codec";
import { fail, ok, type Result } from "../errors";
import { float16BitsToNumber } from "./float16";

type Encoding = number;

/** Bytes per vector component for each supported VectorEncoding. */
export function bytesPerComponent(encoding: Encoding): number | null {
  if (encoding === pb.VectorEncoding.VECTOR_ENCODING_FLOAT32) return 4;
  if (encoding === pb.VectorEncoding.VECTOR_ENCODING_FLOAT16) return 2;
  return null;
}

/**
 * Decodes `count` little-endian vectors of `dimension` components from
 * `bytes` into one new, aligned Float32Array, and L2-normalises each.
 * Fails with UNSUPPORTED_FORMAT for an unknown encoding, VECTOR_BLOCK_LENGTH
 * or DIMENSION_MISMATCH when the byte length does not fit, NON_FINITE_VECTOR
 * and ZERO_VECTOR per vector. `label(i)` names vector i in messages.
 */
export function decodeUnitVectors(
  bytes: Uint8Array,
  encoding: Encoding,
  dimension: number,
  count: number,
  label: (i: number) => string,
): Result<Float32Array> {
  const width = bytesPerComponent(encoding);
  if (width === null) {
    return fail("UNSUPPORTED_FORMAT", `vector encoding ${encoding} is not supported; send VECTOR_ENCODING_FLOAT32 (0) or VECTOR_ENCODING_FLOAT16 (1)`);
  }

  const lengthError = checkBlockLength(bytes.length, width, dimension, count);
  if (lengthError !== null) return lengthError;

  const vectors = readComponents(bytes, width, count * dimension);
  for (let i = 0; i < count; i++) {
    const checked = normaliseInPlace(vectors.subarray(i * dimension, (i + 1) * dimension), label(i));
    if (!checked.ok) return checked;
  }
  return ok(vectors);
}

/**
 * L2-normalises `vector` in place. Fails with NON_FINITE_VECTOR on NaN or an
 * infinity and ZERO_VECTOR when the length is 0, and then leaves it unchanged.
 */
export function normaliseInPlace(vector: Float32Array, label: string): Result<Float32Array> {
  let sumOfSquares = 0;
  for (let i = 0; i < vector.length; i++) {
    const value = vector[i] as number;
    if (!Number.isFinite(value)) {
      return fail("NON_FINITE_VECTOR", `${label} has ${value} at component ${i}; check the encoder output for NaN or overflow`);
    }
    sumOfSquares += value * value;
  }

  if (sumOfSquares === 0) {
    return fail("ZERO_VECTOR", `${label} is all zeros, so it has no direction to compare; check the encoder output`);
  }

  const scale = 1 / Math.sqrt(sumOfSquares);
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) * scale;
  return ok(vector);
}

function checkBlockLength(length: number, width: number, dimension: number, count: number): Result<never> | null {
  const expected = count * dimension * width;
  if (length === expected) return null;

  if (count === 0 || length % (count * width) !== 0) {
    return fail(
      "VECTOR_BLOCK_LENGTH",
      `vector block of ${length} bytes does not split into ${count} vectors of ${width}-byte components; expected ${expected} bytes (${count} x ${dimension} components x ${width} bytes)`,
    );
  }

  const actualDimension = length / (count * width);
  return fail(
    "DIMENSION_MISMATCH",
    `vectors have ${actualDimension} components but the index dimension is ${dimension}; encode with the model the index was opened for, or open a new index with dimension ${actualDimension}`,
  );
}

// Copies into fresh storage, because a protobuf `bytes` field is an
// unaligned view that cannot back a Float32Array directly.
function readComponents(bytes: Uint8Array, width: number, components: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(components);

  if (width === 4) {
    for (let i = 0; i < components; i++) out[i] = view.getFloat32(i * 4, true);
  } else {
    for (let i = 0; i < components; i++) out[i] = float16BitsToNumber(view.getUint16(i * 2, true));
  }
  return out;
}
