// Pillow's Image.resize with Image.BICUBIC for 8-bit images (Pillow 9.x
// ImagingResampleInner): a horizontal pass over the rows the vertical pass
// needs, into an 8-bit intermediate, then a vertical pass. Hand-written
// because no package reproduces Pillow's fixed-point rounding, and CLIP's
// reference preprocessing runs on Pillow.
import { computeAxisCoefficients, PRECISION_BITS, type AxisCoefficients } from "./_internal/resample-coefficients";

/** An 8-bit image, row-major, `channels` interleaved values per pixel. */
export interface PixelImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** 3 for RGB, 4 for RGBA. */
  readonly channels: number;
}

const HALF = 1 << (PRECISION_BITS - 1);
const OVERFLOW = 1 << (PRECISION_BITS + 8);

// Pillow's clip8: the sum carries PRECISION_BITS fraction bits and a rounding half.
function clip8(sum: number): number {
  if (sum >= OVERFLOW) return 255;
  if (sum <= 0) return 0;
  return sum >> PRECISION_BITS;
}

function resampleHorizontal(source: PixelImage, firstRow: number, rows: number, axis: AxisCoefficients): PixelImage {
  const { channels } = source;
  const width = axis.starts.length;
  const out = new Uint8Array(width * rows * channels);
  const { weights, kernelSize, starts, counts } = axis;

  for (let y = 0; y < rows; y++) {
    const rowBase = (y + firstRow) * source.width * channels;
    for (let x = 0; x < width; x++) {
      const weightBase = x * kernelSize;
      const pixelBase = rowBase + (starts[x] as number) * channels;
      const count = counts[x] as number;
      for (let c = 0; c < channels; c++) {
        let sum = HALF;
        for (let k = 0; k < count; k++) {
          sum += (source.data[pixelBase + k * channels + c] as number) * (weights[weightBase + k] as number);
        }
        out[(y * width + x) * channels + c] = clip8(sum);
      }
    }
  }
  return { data: out, width, height: rows, channels };
}

function resampleVertical(source: PixelImage, axis: AxisCoefficients, rowOffset: number): PixelImage {
  const { channels, width } = source;
  const height = axis.starts.length;
  const stride = width * channels;
  const out = new Uint8Array(height * stride);
  const { weights, kernelSize, starts, counts } = axis;

  for (let y = 0; y < height; y++) {
    const weightBase = y * kernelSize;
    const firstRowBase = ((starts[y] as number) - rowOffset) * stride;
    const count = counts[y] as number;
    for (let i = 0; i < stride; i++) {
      let sum = HALF;
      for (let k = 0; k < count; k++) {
        sum += (source.data[firstRowBase + k * stride + i] as number) * (weights[weightBase + k] as number);
      }
      out[y * stride + i] = clip8(sum);
    }
  }
  return { data: out, width, height, channels };
}

/**
 * Resizes `image` to `width` x `height` (each at least 1) as Pillow's
 * bicubic resize of the whole image does. Channels are resampled
 * independently; callers premultiply alpha first, as Pillow does for RGBA.
 */
export function resizeBicubic(image: PixelImage, width: number, height: number): PixelImage {
  const horizontal = computeAxisCoefficients(image.width, 0, image.width, width);
  const vertical = computeAxisCoefficients(image.height, 0, image.height, height);
  const needHorizontal = width !== image.width;
  const needVertical = height !== image.height;

  let current = image;
  let rowOffset = 0;
  if (needHorizontal) {
    // Only the rows the vertical pass reads, as Pillow does.
    const firstRow = vertical.starts[0] as number;
    const lastRow = (vertical.starts[height - 1] as number) + (vertical.counts[height - 1] as number);
    current = resampleHorizontal(image, needVertical ? firstRow : 0, needVertical ? lastRow - firstRow : image.height, horizontal);
    rowOffset = needVertical ? firstRow : 0;
  }
  if (needVertical) current = resampleVertical(current, vertical, rowOffset);
  return current === image ? { ...image, data: image.data.slice() } : current;
}
