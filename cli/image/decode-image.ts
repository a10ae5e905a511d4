// Decodes a photo file into upright 8-bit RGB or RGBA pixels for core's
// PreprocessImage request.
import { readFile } from "node:fs/promises";
import sharp, { type Sharp } from "sharp";
import { describeThrown, failure, success, type CliResult } from "../errors";
import type { Logger } from "../logger";
import { decodeHeic, isHeif } from "./decode-heic";
import { pixelLimitMessage } from "./pixel-limit-message";

/** Row-major 8-bit pixels, as core's PreprocessImage request takes them. */
export interface DecodedImage {
  readonly pixels: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** 3 for RGB, 4 for RGBA. */
  readonly channels: 3 | 4;
}

/** Options of decodeImage. */
export interface DecodeOptions {
  /**
   * Shrink so the shorter side is at most this many pixels (never enlarges).
   * Undefined keeps the full size. The index uses a small multiple of the
   * model's input size, so core's resampling receives a bounded buffer.
   */
  readonly maxShortSide?: number;
  /** Larger images are rejected as possible decompression bombs; in pixels. */
  readonly maxInputPixels?: number;
  /** Receives what decoding libraries print, at debug level. Without it, that output is dropped. */
  readonly logger?: Logger;
}

/**
 * Default cap on decoded pixels: 200 megapixels, above the largest phone
 * cameras (200 MP) and most stitched panoramas, far below what a crafted
 * file can claim.
 */
export const defaultMaxInputPixels = 200_000_000;

/**
 * Decodes the image at `path`: JPEG, PNG, WebP, AVIF, GIF (first frame),
 * TIFF (first page) with sharp, HEIC and HEIF with heic-decode. EXIF
 * orientation is applied, colour is converted to sRGB, 16-bit input is
 * reduced to 8 bits and alpha is kept. Fails with DECODE_FAILED, giving the
 * reason, for unreadable, undecodable or oversized files. The message does
 * not repeat `path`, because the index stores it as the reason for that path.
 */
export async function decodeImage(path: string, options: DecodeOptions = {}): Promise<CliResult<DecodedImage>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (thrown) {
    return failure("DECODE_FAILED", `cannot read the file: ${describeReadError(path, thrown)}`);
  }
  if (bytes.length === 0) return failure("DECODE_FAILED", "the file is empty (0 bytes)");

  const maxInputPixels = options.maxInputPixels ?? defaultMaxInputPixels;

  // sharp's prebuilt libvips reads HEIF containers but has no HEVC decoder.
  if (isHeif(bytes)) {
    const heic = await decodeHeic(bytes, maxInputPixels, options.logger);
    if (!heic.ok) return heic;
    return toRaw(sharp(heic.value.rgba, { raw: { width: heic.value.width, height: heic.value.height, channels: 4 } }), options);
  }

  const image = sharp(bytes, { limitInputPixels: maxInputPixels, failOn: "error", autoOrient: true, pages: 1, page: 0 });
  const raw = await toRaw(image, options);
  if (raw.ok || !/exceeds pixel limit/i.test(raw.error.message)) return raw;
  return failure("DECODE_FAILED", pixelLimitMessage(await headerSize(bytes), maxInputPixels));
}

// Node.js decodes file names as UTF-8 and puts U+FFFD in place of invalid
// bytes, so such a name no longer names the file and opening it fails with ENOENT.
function describeReadError(path: string, thrown: unknown): string {
  const missing = (thrown as NodeJS.ErrnoException).code === "ENOENT";
  if (missing && path.includes("\uFFFD")) {
    return "the file name is not valid UTF-8 (shown with U+FFFD in its place), so it cannot be opened by this name; rename the file to valid UTF-8";
  }
  return describeThrown(thrown);
}

// Reads the dimensions from the file header only, without the pixel limit, so
// the message about an oversized image can name them.
async function headerSize(bytes: Buffer): Promise<{ width: number; height: number } | undefined> {
  try {
    const { width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
    return width > 0 && height > 0 ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}

async function toRaw(image: Sharp, options: DecodeOptions): Promise<CliResult<DecodedImage>> {
  if (options.maxShortSide !== undefined) {
    const side = options.maxShortSide;
    image = image.resize({ width: side, height: side, fit: "outside", withoutEnlargement: true });
  }

  try {
    const { data, info } = await image.toColourspace("srgb").raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
    const channels = info.channels === 4 ? 4 : 3;
    if (info.channels !== channels) {
      return failure("DECODE_FAILED", `the image decoded to ${info.channels} channels, expected 3 or 4`);
    }
    return success({ pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, channels });
  } catch (thrown) {
    return failure("DECODE_FAILED", `not a decodable image: ${oneLine(describeThrown(thrown))}`);
  }
}

// libvips repeats warnings on separate lines; keep each line once, so a
// reason stays one readable line in logs and in `queryable status`.
function oneLine(message: string): string {
  const lines = message.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  return [...new Set(lines)].join("; ");
}
