// Scalar and binary quantization of vectors for the shortlist policy.

/** Largest int8 code magnitude. Symmetric, so -128 is never used. */
export const INT8_LIMIT = 127;
/** Largest int16 query magnitude that keeps a 516-d int16 x int8 dot product inside int32. */
export const INT16_LIMIT = 32767;

/**
 * Rounds `(vector - center) / scale` into `out` at `offset`, with the scale
 * chosen so the largest component maps to ±limit. Returns the scale, so
 * `out[i] * scale` approximates `vector[i] - center[i]`, or 0 when the
 * residual is zero.
 */
export function quantizeResidual(vector: ArrayLike<number>, center: ArrayLike<number>, limit: number, out: Int8Array | Int16Array, offset: number): number {
  let maxAbs = 0;
  for (let i = 0; i < vector.length; i++) {
    const magnitude = Math.abs(vector[i]! - center[i]!);
    if (magnitude > maxAbs) maxAbs = magnitude;
  }
  if (maxAbs === 0) {
    out.fill(0, offset, offset + vector.length);
    return 0;
  }

  const inverse = limit / maxAbs;
  for (let i = 0; i < vector.length; i++) out[offset + i] = Math.round((vector[i]! - center[i]!) * inverse);
  return maxAbs / limit;
}

/** Steps of the fine part per int8 step: residual codes have 4 times the int8 resolution. */
export const FINE_STEPS = 4;

/**
 * Quantizes `vector - center` to 10-bit residual codes v = round(r / scale * 4),
 * with the scale chosen so the largest component maps to ±127 int8 steps,
 * and splits each v into an int8 code and a 2-bit fine part:
 * code = floor((v + 2) / 4) in -127..127 and fine = v - 4 * code + 2 in 0..3,
 * packed four per byte (component i in bits 2 * (i % 4) of byte i / 4).
 * Returns the int8 scale, so `(code + (fine - 2) / 4) * scale` restores the
 * residual, or 0 when the residual is zero.
 */
export function quantizeResidualFine(
  vector: ArrayLike<number>, center: ArrayLike<number>,
  codes: Int8Array, codeOffset: number, fine: Uint8Array, fineOffset: number,
): number {
  let maxAbs = 0;
  for (let i = 0; i < vector.length; i++) {
    const magnitude = Math.abs(vector[i]! - center[i]!);
    if (magnitude > maxAbs) maxAbs = magnitude;
  }
  const fineBytes = fineByteLength(vector.length);
  fine.fill(0, fineOffset, fineOffset + fineBytes);
  if (maxAbs === 0) {
    codes.fill(0, codeOffset, codeOffset + vector.length);
    fine.fill(0xaa, fineOffset, fineOffset + fineBytes);
    return 0;
  }

  const inverse = (INT8_LIMIT * FINE_STEPS) / maxAbs;
  for (let i = 0; i < vector.length; i++) {
    const v = Math.round((vector[i]! - center[i]!) * inverse);
    const code = (v + 2) >> 2;
    codes[codeOffset + i] = code;
    fine[fineOffset + (i >> 2)]! |= (v - 4 * code + 2) << ((i & 3) << 1);
  }
  return maxAbs / INT8_LIMIT;
}

/** Bytes of the packed 2-bit fine parts of `dimension` components. */
export function fineByteLength(dimension: number): number {
  return Math.ceil(dimension / 4);
}

/**
 * Writes the binary sign code of `vector - center` to `out` at `offset`:
 * bit i (bit i % 8 of byte i / 8) is 1 when component i is above the
 * center. Bits past the dimension, up to `codeBytes * 8`, are 0.
 */
export function writeSignCode(vector: ArrayLike<number>, center: ArrayLike<number>, out: Uint8Array, offset: number, codeBytes: number): void {
  out.fill(0, offset, offset + codeBytes);
  for (let i = 0; i < vector.length; i++) {
    if (vector[i]! > center[i]!) out[offset + (i >> 3)]! |= 1 << (i & 7);
  }
}

/** Bytes of a sign code for `dimension` bits, rounded up to whole 64-bit words. */
export function signCodeBytes(dimension: number): number {
  return Math.ceil(dimension / 64) * 8;
}
