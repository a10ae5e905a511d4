// Builds image files for the CLI tests with sharp, so no binary fixture is committed.
import { deflateSync } from "node:zlib";
import sharp from "sharp";

/** An RGB colour, 0 to 255 per channel. */
export type Rgb = readonly [number, number, number];

export const red: Rgb = [255, 0, 0];
export const green: Rgb = [0, 255, 0];
export const blue: Rgb = [0, 0, 255];
export const white: Rgb = [255, 255, 255];

/**
 * Raw RGB pixels of a width x height image split into four quadrants:
 * top-left red, top-right green, bottom-left blue, bottom-right white.
 */
export function quadrantPixels(width: number, height: number): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = quadrantColour(x, y, width, height);
      pixels.set(colour, (y * width + x) * 3);
    }
  }
  return pixels;
}

/** Returns the colour of quadrantPixels at (x, y). */
export function quadrantColour(x: number, y: number, width: number, height: number): Rgb {
  const right = x >= width / 2;
  const bottom = y >= height / 2;
  if (!bottom) return right ? green : red;
  return right ? white : blue;
}

/** Encodes the quadrant image as a JPEG with EXIF orientation `orientation` (1 to 8). */
export async function orientedJpeg(width: number, height: number, orientation: number): Promise<Buffer> {
  return sharp(quadrantPixels(width, height), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .withMetadata({ orientation })
    .toBuffer();
}

/** A solid-colour image in `format`, optionally converted first (e.g. "cmyk", "b-w", "rgb16"). */
export async function solidImage(colour: Rgb, format: "jpeg" | "png" | "webp" | "avif" | "tiff" | "gif", options: { size?: number; colourspace?: string; palette?: boolean; alpha?: number } = {}): Promise<Buffer> {
  const size = options.size ?? 32;
  const channels = options.alpha === undefined ? 3 : 4;
  const background = options.alpha === undefined
    ? { r: colour[0], g: colour[1], b: colour[2] }
    : { r: colour[0], g: colour[1], b: colour[2], alpha: options.alpha };

  let image = sharp({ create: { width: size, height: size, channels, background } });
  if (options.colourspace !== undefined) image = image.toColourspace(options.colourspace);
  if (format === "png") return image.png(options.palette === true ? { palette: true } : {}).toBuffer();
  return image.toFormat(format).toBuffer();
}

/** An animated GIF whose first frame is `first` and second frame is `second`. */
export async function animatedGif(first: Rgb, second: Rgb, size = 16): Promise<Buffer> {
  const frames = await Promise.all([first, second].map((colour) => solidImage(colour, "png", { size })));
  return sharp(frames, { join: { animated: true } }).gif().toBuffer();
}

/**
 * A valid PNG header claiming width x height pixels followed by a tiny
 * compressed payload: a decompression bomb as far as the header goes.
 */
export function hugePngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // colour type RGB
  const idat = deflateSync(Buffer.alloc(1024));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", idat),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
