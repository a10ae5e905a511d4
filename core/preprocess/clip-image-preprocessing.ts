// CLIP's reference image transform (clip.load's `preprocess`, ViT-B/32):
//   Resize(224, BICUBIC) -> CenterCrop(224) -> convert("RGB") -> ToTensor -> Normalize
// on a PIL image, with torchvision's size and crop rounding.
import { fail, ok, type Result } from "../errors";
import { resizeBicubic, type PixelImage } from "./pillow-resize";
import { premultiplyAlpha, unpremultiplyAlpha } from "./_internal/alpha";

/** Side of CLIP ViT-B/32's square input, in pixels. */
export const CLIP_IMAGE_SIZE = 224;

/** Per-channel mean (R, G, B) of CLIP's Normalize, for values scaled to 0..1. */
export const CLIP_MEAN: readonly [number, number, number] = [0.48145466, 0.4578275, 0.40821073];

/** Per-channel standard deviation (R, G, B) of CLIP's Normalize. */
export const CLIP_STD: readonly [number, number, number] = [0.26862954, 0.26130258, 0.27577711];

/** Largest accepted width or height, in pixels; far above any camera's. */
export const MAX_IMAGE_SIDE = 65_535;
/**
 * Largest accepted ratio of the longer side to the shorter. The resize
 * before the center crop makes the shorter side 224, so its memory and time
 * grow with the ratio. A 20000x1 line would need about 1e9 pixels, and
 * 256:1 needs about 13 million. CLIP only uses the center square anyway.
 */
export const MAX_ASPECT_RATIO = 256;

/**
 * Computes the size torchvision's Resize(size) gives a PIL image: the shorter
 * side becomes `size`, the longer `int(size * long / short)`, truncated.
 */
export function resizedSize(width: number, height: number, size: number = CLIP_IMAGE_SIZE): { width: number; height: number } {
  if (width <= height) return { width: size, height: Math.trunc((size * height) / width) };
  return { width: Math.trunc((size * width) / height), height: size };
}

/** torchvision CenterCrop's offset: int(round((length - crop) / 2.0)) with Python's half-to-even round. */
export function centerCropOffset(length: number, crop: number): number {
  const half = (length - crop) / 2;
  const floor = Math.floor(half);
  if (half - floor !== 0.5) return Math.round(half);
  return floor % 2 === 0 ? floor : floor + 1;
}

function validate(pixels: Uint8Array, width: number, height: number, channels: number): Result<void> {
  if (channels !== 3 && channels !== 4) {
    return fail("INVALID_IMAGE", `channels is ${channels}; send 3 for RGB or 4 for RGBA`);
  }
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    return fail("INVALID_IMAGE", `image size ${width}x${height} is invalid; width and height must be 1 to ${MAX_IMAGE_SIDE} pixels`);
  }
  const ratio = Math.max(width, height) / Math.min(width, height);
  if (ratio > MAX_ASPECT_RATIO) {
    return fail("INVALID_IMAGE", `image size ${width}x${height} has a side ratio of ${Math.round(ratio)}:1, above the ${MAX_ASPECT_RATIO}:1 that preprocessing accepts; crop the image, or leave it out of the index`);
  }
  const expected = width * height * channels;
  if (pixels.length !== expected) {
    return fail("INVALID_IMAGE", `pixel buffer has ${pixels.length} bytes, but ${width}x${height} with ${channels} channels needs ${expected}; send 8-bit row-major pixels without row padding`);
  }
  return ok(undefined);
}

// Pillow resizes RGBA through premultiplied RGBa and back, and a resize to
// the same size is a plain copy.
function resizeLikePillow(image: PixelImage): PixelImage {
  const size = resizedSize(image.width, image.height);
  if (size.width === image.width && size.height === image.height) return image;
  if (image.channels === 3) return resizeBicubic(image, size.width, size.height);

  const resized = resizeBicubic(premultiplyAlpha(image), size.width, size.height);
  return unpremultiplyAlpha(resized);
}

/**
 * Turns 8-bit RGB or RGBA pixels (row-major, no row padding) of any size into
 * CLIP's input: float32 values, channel-first [3, 224, 224], normalised with
 * CLIP_MEAN and CLIP_STD. Matches OpenAI's reference preprocessing on a PIL
 * image of the same pixels bit for bit.
 *
 * RGBA follows Pillow, which resizes premultiplied colour. A fully
 * transparent pixel therefore turns black. A partly transparent one keeps
 * roughly its stored colour, because the colour is un-premultiplied again
 * rather than blended. convert("RGB") then drops alpha. An image whose shorter
 * side is already 224 is not resized, so its transparent pixels keep their
 * stored colour.
 *
 * Fails with INVALID_IMAGE when `channels` is not 3 or 4, a side is out of
 * 1..65535, the longer side is over MAX_ASPECT_RATIO times the shorter, or
 * the buffer length is not width * height * channels.
 */
export function preprocessClipImage(pixels: Uint8Array, width: number, height: number, channels: number): Result<Float32Array> {
  const valid = validate(pixels, width, height, channels);
  if (!valid.ok) return valid;

  const resized = resizeLikePillow({ data: pixels, width, height, channels });
  const top = centerCropOffset(resized.height, CLIP_IMAGE_SIZE);
  const left = centerCropOffset(resized.width, CLIP_IMAGE_SIZE);
  return ok(normalizeCrop(resized, top, left));
}

// ToTensor and Normalize in float32, rounding after each step as torch does.
function normalizeCrop(image: PixelImage, top: number, left: number): Float32Array {
  const size = CLIP_IMAGE_SIZE;
  const out = new Float32Array(3 * size * size);
  for (let c = 0; c < 3; c++) {
    const mean = Math.fround(CLIP_MEAN[c] as number);
    const std = Math.fround(CLIP_STD[c] as number);
    const lookup = new Float32Array(256);
    for (let v = 0; v < 256; v++) lookup[v] = Math.fround(Math.fround(v / 255) - mean) / std;

    for (let y = 0; y < size; y++) {
      const rowBase = ((y + top) * image.width + left) * image.channels + c;
      const outBase = (c * size + y) * size;
      for (let x = 0; x < size; x++) out[outBase + x] = lookup[image.data[rowBase + x * image.channels] as number] as number;
    }
  }
  return out;
}
