// HEIC and HEIF decoding through heic-decode (libheif compiled to
// WebAssembly), because sharp's prebuilt binaries ship without an HEVC
// decoder for licensing reasons.
import heicDecode from "heic-decode";
import { describeThrown, failure, success, type CliResult } from "../errors";
import { silentLogger, type Logger } from "../logger";
import { withLibraryOutputRedirected } from "./_internal/redirect-library-output";
import { pixelLimitMessage } from "./pixel-limit-message";

/** The primary image of a HEIF file as RGBA pixels, rotation and mirroring from the file applied. */
export interface HeicPixels {
  readonly rgba: Uint8Array;
  readonly width: number;
  readonly height: number;
}

// @types/heic-decode 2.0 omits what heic-decode 2.1 returns from all():
// each image's size before decoding, and dispose() on the list.
interface HeicImage {
  readonly width: number;
  readonly height: number;
  decode(): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
}

type HeicImageList = HeicImage[] & { dispose(): void };

/** Major brands of ISO base media files that hold HEIF images (ISO/IEC 23008-12). */
const heifBrands = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

/** True when `bytes` start with an ISO "ftyp" box whose major brand is a HEIF brand. AVIF ("avif") is not. */
export function isHeif(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  const box = String.fromCharCode(...bytes.subarray(4, 8));
  const brand = String.fromCharCode(...bytes.subarray(8, 12));
  return box === "ftyp" && heifBrands.has(brand);
}

/**
 * Decodes the first top-level image of a HEIF file. Checks the dimensions
 * before decoding, so an image above `maxPixels` is rejected without
 * allocating its pixels. Fails with DECODE_FAILED and the reason. What
 * libheif prints goes to `logger` at debug level, never to standard output.
 */
export async function decodeHeic(bytes: Uint8Array, maxPixels: number, logger: Logger = silentLogger): Promise<CliResult<HeicPixels>> {
  return withLibraryOutputRedirected("libheif", logger, () => decodeFirstImage(bytes, maxPixels));
}

async function decodeFirstImage(bytes: Uint8Array, maxPixels: number): Promise<CliResult<HeicPixels>> {
  let images: HeicImageList;
  try {
    images = (await heicDecode.all({ buffer: bytes })) as unknown as HeicImageList;
  } catch (thrown) {
    return failure("DECODE_FAILED", `not a decodable HEIF image: ${describeThrown(thrown)}`);
  }

  try {
    const first = images[0];
    if (first === undefined) return failure("DECODE_FAILED", "the HEIF file holds no image");
    if (first.width * first.height > maxPixels) {
      return failure("DECODE_FAILED", pixelLimitMessage({ width: first.width, height: first.height }, maxPixels));
    }

    const decoded = await first.decode();
    return success({ rgba: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength), width: decoded.width, height: decoded.height });
  } catch (thrown) {
    return failure("DECODE_FAILED", `HEIF decoding failed: ${describeThrown(thrown)}`);
  } finally {
    images.dispose();
  }
}
