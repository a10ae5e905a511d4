import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import {
  CLIP_IMAGE_SIZE,
  centerCropOffset,
  preprocessClipImage,
  resizedSize,
  MAX_ASPECT_RATIO,
} from "../../../core/preprocess/clip-image-preprocessing";
import { createSeededRandom } from "../../support/seeded-random";
import { pilMissingNote, pilPreprocess, pythonWithPil } from "./pil-oracle";
import { errorOf, valueOf } from "../../support/result";

const TENSOR_LENGTH = 3 * CLIP_IMAGE_SIZE * CLIP_IMAGE_SIZE;

describe("resizedSize", () => {
  it("truncates the long side", () => {
    // 224 * 1000 / 333 = 672.67...
    expect(resizedSize(333, 1000)).toEqual({ width: 224, height: 672 });
    expect(resizedSize(1000, 333)).toEqual({ width: 672, height: 224 });
  });

  it("keeps square images square", () => {
    expect(resizedSize(50, 50)).toEqual({ width: 224, height: 224 });
  });
});

describe("centerCropOffset", () => {
  it("rounds half to even like Python", () => {
    expect(centerCropOffset(225, 224)).toBe(0); // round(0.5) == 0
    expect(centerCropOffset(227, 224)).toBe(2); // round(1.5) == 2
    expect(centerCropOffset(229, 224)).toBe(2); // round(2.5) == 2
    expect(centerCropOffset(231, 224)).toBe(4); // round(3.5) == 4
  });

  it("centres even margins exactly", () => {
    expect(centerCropOffset(224, 224)).toBe(0);
    expect(centerCropOffset(300, 224)).toBe(38);
  });
});

describe("preprocessClipImage input checks", () => {
  it("rejects two channels", () => {
    const result = preprocessClipImage(new Uint8Array(8), 2, 2, 2);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("INVALID_IMAGE");
    if (!result.ok) expect(result.error.message).toContain("channels is 2");
  });

  it("rejects a short pixel buffer", () => {
    const result = preprocessClipImage(new Uint8Array(11), 2, 2, 3);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain("11 bytes");
    if (!result.ok) expect(result.error.message).toContain("needs 12");
  });

  it("rejects zero width", () => {
    const result = preprocessClipImage(new Uint8Array(0), 0, 5, 3);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain("0x5");
  });

  it("rejects long thin images", () => {
    const sizes: [number, number][] = [[257, 1], [1, 20_000], [26_000, 100]];
    for (const [width, height] of sizes) {
      const error = errorOf(preprocessClipImage(new Uint8Array(width * height * 3), width, height, 3));
      expect(error.code).toBe("INVALID_IMAGE");
      expect(error.message).toContain(`${width}x${height}`);
      expect(error.message).toContain(`${MAX_ASPECT_RATIO}:1`);
    }
  });

  it("accepts the largest side ratio", () => {
    expect(valueOf(preprocessClipImage(new Uint8Array(256 * 3).fill(128), 256, 1, 3)).length).toBe(TENSOR_LENGTH);
    expect(valueOf(preprocessClipImage(new Uint8Array(2 * 512 * 4), 2, 512, 4)).length).toBe(TENSOR_LENGTH);
  });

  it("accepts a one pixel image", () => {
    const result = preprocessClipImage(Uint8Array.of(255, 0, 0), 1, 1, 3);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.length).toBe(TENSOR_LENGTH);
  });
});

describe("preprocessClipImage normalisation", () => {
  it("maps a grey 224 square per channel", () => {
    const pixels = new Uint8Array(224 * 224 * 3).fill(128);
    const result = preprocessClipImage(pixels, 224, 224, 3);
    expect(result.ok).toBe(true);
    if (!result.ok) return;

    // (128 / 255 - mean) / std for R, G and B.
    expect(result.value[0]).toBeCloseTo((128 / 255 - 0.48145466) / 0.26862954, 6);
    expect(result.value[224 * 224]).toBeCloseTo((128 / 255 - 0.4578275) / 0.26130258, 6);
    expect(result.value[2 * 224 * 224]).toBeCloseTo((128 / 255 - 0.40821073) / 0.27577711, 6);
  });
});

// Images whose sizes cover downscaling, upscaling, no resize, half-pixel crop
// offsets (rounded to even) and extreme aspect ratios.
const ORACLE_CASES: readonly { width: number; height: number; channels: 3 | 4 }[] = [
  { width: 640, height: 480, channels: 3 },
  { width: 480, height: 641, channels: 3 },
  { width: 225, height: 227, channels: 3 },
  { width: 224, height: 229, channels: 3 },
  { width: 224, height: 224, channels: 3 },
  { width: 97, height: 61, channels: 3 },
  { width: 7, height: 300, channels: 3 },
  { width: 1, height: 1, channels: 3 },
  { width: 1500, height: 1001, channels: 3 },
  { width: 640, height: 480, channels: 4 },
  { width: 33, height: 50, channels: 4 },
  { width: 224, height: 301, channels: 4 },
];

// Noise over gradients, with hard alpha edges for RGBA: the resize must
// match on high frequencies, where any rounding difference shows.
function makePixels(width: number, height: number, channels: number, seed: number): Uint8Array {
  const random = createSeededRandom(seed);
  const pixels = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const base = (y * width + x) * channels;
      const noise = random.int(-40, 40);
      pixels[base] = Math.max(0, Math.min(255, Math.round((255 * x) / width) + noise));
      pixels[base + 1] = Math.max(0, Math.min(255, Math.round((255 * y) / height) - noise));
      pixels[base + 2] = random.int(0, 255);
      if (channels !== 4) continue;

      // Columns of full transparency and rows of partial transparency.
      let alpha = 255;
      if (y % 13 < 4) alpha = random.int(1, 254);
      if (x % 17 < 3) alpha = 0;
      pixels[base + 3] = alpha;
    }
  }
  return pixels;
}

describe("preprocessClipImage against Pillow", () => {
  const directory = mkdtempSync(join(tmpdir(), "queryable-preprocess-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it.skipIf(pythonWithPil === undefined)(`matches Pillow bit for bit${pythonWithPil === undefined ? ` (skipped: ${pilMissingNote})` : ""}`, async () => {
    const inputs = ORACLE_CASES.map((size, index) => ({ ...size, pixels: makePixels(size.width, size.height, size.channels, 1000 + index) }));
    const paths = await Promise.all(inputs.map(async (input, index) => {
      const path = join(directory, `case-${index}-${input.width}x${input.height}x${input.channels}.png`);
      await sharp(input.pixels, { raw: { width: input.width, height: input.height, channels: input.channels } }).png().toFile(path);
      return path;
    }));
    const expected = pilPreprocess(paths);

    inputs.forEach((input, index) => {
      const actual = preprocessClipImage(input.pixels, input.width, input.height, input.channels);
      expect(actual.ok, `case ${paths[index]}`).toBe(true);
      if (!actual.ok) return;
      const reference = expected[index] as Float32Array;
      const mismatches = actual.value.reduce((count, value, i) => count + (Object.is(value, reference[i]) ? 0 : 1), 0);
      expect(mismatches, `values that differ from Pillow for ${paths[index]}`).toBe(0);
    });
  });
});
