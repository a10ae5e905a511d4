// Filter weights of Pillow's ImagingResample (src/libImaging/Resample.c,
// Pillow 9.x) for the bicubic filter, reproduced exactly: the same double
// arithmetic, the same C truncations and the same fixed-point rounding.

/** Bits after the binary point in fixed-point weights: Pillow's PRECISION_BITS, 32 - 8 - 2. */
export const PRECISION_BITS = 22;

const BICUBIC_SUPPORT = 2;

// Keys' cubic with a = -0.5, as Pillow's bicubic_filter.
function bicubic(x: number): number {
  const a = -0.5;
  const t = Math.abs(x);
  if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
  return 0;
}

/** Weights for one axis: output pixel i reads `counts[i]` input pixels from `starts[i]`. */
export interface AxisCoefficients {
  /** Weights per output pixel, in fixed point with PRECISION_BITS fraction bits. */
  readonly weights: Int32Array;
  /** Weights per output pixel, the stride of `weights`. */
  readonly kernelSize: number;
  readonly starts: Int32Array;
  readonly counts: Int32Array;
}

/**
 * Computes Pillow's weights to resample the input span [in0, in1) of an axis
 * of `inSize` pixels to `outSize` pixels. A downscale widens the filter by the
 * scale factor, so every input pixel contributes (antialiasing).
 */
export function computeAxisCoefficients(inSize: number, in0: number, in1: number, outSize: number): AxisCoefficients {
  const scale = (in1 - in0) / outSize;
  const filterScale = Math.max(scale, 1);
  const support = BICUBIC_SUPPORT * filterScale;
  const kernelSize = Math.ceil(support) * 2 + 1;

  const weights = new Int32Array(outSize * kernelSize);
  const starts = new Int32Array(outSize);
  const counts = new Int32Array(outSize);
  const row = new Float64Array(kernelSize);
  // Pillow multiplies by the reciprocal; dividing would round differently.
  const inverseFilterScale = 1 / filterScale;

  for (let out = 0; out < outSize; out++) {
    const center = in0 + (out + 0.5) * scale;
    // C casts truncate toward zero; the clamps follow.
    const start = Math.max(Math.trunc(center - support + 0.5), 0);
    const count = Math.min(Math.trunc(center + support + 0.5), inSize) - start;

    let sum = 0;
    for (let k = 0; k < count; k++) {
      const w = bicubic((k + start - center + 0.5) * inverseFilterScale);
      row[k] = w;
      sum += w;
    }
    for (let k = 0; k < count; k++) {
      const normalized = sum === 0 ? (row[k] as number) : (row[k] as number) / sum;
      weights[out * kernelSize + k] = toFixedPoint(normalized);
    }
    starts[out] = start;
    counts[out] = count;
  }
  return { weights, kernelSize, starts, counts };
}

// Pillow's normalize_coeffs_8bpc: round half away from zero, then truncate.
function toFixedPoint(weight: number): number {
  const scaled = weight * (1 << PRECISION_BITS);
  return weight < 0 ? Math.trunc(scaled - 0.5) : Math.trunc(scaled + 0.5);
}
