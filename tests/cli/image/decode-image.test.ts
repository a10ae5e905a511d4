import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { decodeImage, type DecodedImage } from "../../../cli/image/decode-image";
import { animatedGif, blue, green, hugePngHeader, orientedJpeg, quadrantColour, red, solidImage, type Rgb } from "../support/make-images";

const folder = mkdtempSync(join(tmpdir(), "queryable-decode-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

function pixelAt(image: DecodedImage, x: number, y: number): Rgb {
  const offset = (y * image.width + x) * image.channels;
  return [image.pixels[offset]!, image.pixels[offset + 1]!, image.pixels[offset + 2]!];
}

function expectColourNear(actual: Rgb, expected: Rgb, tolerance = 48): void {
  for (let channel = 0; channel < 3; channel++) {
    expect(Math.abs(actual[channel]! - expected[channel]!), `channel ${channel} of [${actual.join(", ")}] vs [${expected.join(", ")}]`).toBeLessThanOrEqual(tolerance);
  }
}

async function decodeOk(path: string): Promise<DecodedImage> {
  const result = await decodeImage(path);
  if (!result.ok) throw new Error(`expected ${path} to decode: ${result.error.message}`);
  return result.value;
}

// For each EXIF orientation, the stored pixel shown at displayed (x, y);
// stored images are width W and height H.
const storedPixelFor: Record<number, (x: number, y: number, w: number, h: number) => [number, number]> = {
  1: (x, y) => [x, y],
  2: (x, y, w) => [w - 1 - x, y],
  3: (x, y, w, h) => [w - 1 - x, h - 1 - y],
  4: (x, y, _w, h) => [x, h - 1 - y],
  5: (x, y) => [y, x],
  6: (x, y, _w, h) => [y, h - 1 - x],
  7: (x, y, w, h) => [w - 1 - y, h - 1 - x],
  8: (x, y, w) => [w - 1 - y, x],
};

describe("decodeImage", () => {
  for (const orientation of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`applies EXIF orientation ${orientation}`, async () => {
      const [width, height] = [64, 32];
      const image = await decodeOk(write(`orientation-${orientation}.jpg`, await orientedJpeg(width, height, orientation)));

      const swapped = orientation >= 5;
      expect(image.width).toBe(swapped ? height : width);
      expect(image.height).toBe(swapped ? width : height);

      // Sample the centre of each displayed quadrant.
      for (const [fx, fy] of [[0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]] as const) {
        const x = Math.floor(image.width * fx);
        const y = Math.floor(image.height * fy);
        const [sx, sy] = storedPixelFor[orientation]!(x, y, width, height);
        expectColourNear(pixelAt(image, x, y), quadrantColour(sx, sy, width, height));
      }
    });
  }

  it("converts CMYK JPEG to RGB", async () => {
    const image = await decodeOk(write("cmyk.jpg", await solidImage(red, "jpeg", { colourspace: "cmyk" })));
    expect(image.channels).toBe(3);
    expectColourNear(pixelAt(image, 5, 5), red, 64);
  });

  it("expands greyscale JPEG to RGB", async () => {
    const image = await decodeOk(write("grey.jpg", await solidImage([128, 128, 128], "jpeg", { colourspace: "b-w" })));
    expect(image.channels).toBe(3);
    expectColourNear(pixelAt(image, 5, 5), [128, 128, 128], 8);
  });

  it("reduces 16-bit PNG to 8 bits", async () => {
    const bytes = await solidImage(blue, "png", { colourspace: "rgb16" });
    expect((await sharp(bytes).metadata()).depth).toBe("ushort");
    const image = await decodeOk(write("deep.png", bytes));
    expect(image.pixels.length).toBe(image.width * image.height * image.channels);
    expectColourNear(pixelAt(image, 5, 5), blue, 2);
  });

  it("expands palette PNG to RGB", async () => {
    const image = await decodeOk(write("palette.png", await solidImage(green, "png", { palette: true })));
    expectColourNear(pixelAt(image, 5, 5), green, 8);
  });

  it("keeps the alpha channel of RGBA PNG", async () => {
    const image = await decodeOk(write("alpha.png", await solidImage(red, "png", { alpha: 0.5 })));
    expect(image.channels).toBe(4);
    expect(Math.abs(image.pixels[3]! - 128)).toBeLessThanOrEqual(1);
  });

  it("reads the first frame of animated GIF", async () => {
    const image = await decodeOk(write("animated.gif", await animatedGif(red, blue)));
    expect(image.height).toBe(16);
    expectColourNear(pixelAt(image, 5, 5), red, 16);
  });

  it("decodes WebP, AVIF and TIFF", async () => {
    for (const format of ["webp", "avif", "tiff"] as const) {
      const image = await decodeOk(write(`solid.${format}`, await solidImage(green, format)));
      expectColourNear(pixelAt(image, 5, 5), green, 32);
    }
  });

  it("rejects a zero-byte file", async () => {
    const result = await decodeImage(write("empty.jpg", new Uint8Array(0)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain("empty (0 bytes)");
  });

  it("names a file name that is not UTF-8", async () => {
    // Node.js turns the invalid byte 0xff in a real name into U+FFFD, which names no file.
    const result = await decodeImage(join(folder, "photo-\uFFFD.jpg"));
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.error.message).toContain("file name is not valid UTF-8");
  });

  it("decodes a PNG named .jpg", async () => {
    const image = await decodeOk(write("really-a-png.jpg", await solidImage(blue, "png")));
    expectColourNear(pixelAt(image, 5, 5), blue, 2);
  });

  it("rejects a text file named .jpg", async () => {
    const result = await decodeImage(write("notes.jpg", new TextEncoder().encode("not an image at all")));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("DECODE_FAILED");
  });

  it("rejects a huge-dimension PNG bomb", async () => {
    const result = await decodeImage(write("bomb.png", hugePngHeader(100_000, 100_000)));
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : result.error.message;
    expect(message).toContain("100000x100000");
    expect(message).toContain("limit of 200000000 pixels");
    expect(message).toContain("--max-pixels");
  });

  it("rejects an image above maxInputPixels", async () => {
    const result = await decodeImage(write("big.png", await solidImage(red, "png", { size: 200 })), { maxInputPixels: 100 * 100 });
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : result.error.message;
    expect(message).toContain("200x200 = 40000 pixels");
    expect(message).toContain("limit of 10000 pixels");
    expect(message).toContain("--max-pixels");
  });

  it("shrinks to maxShortSide keeping aspect", async () => {
    const path = write("wide.png", await sharp({ create: { width: 1000, height: 500, channels: 3, background: "red" } }).png().toBuffer());
    const image = await decodeOk(path);
    const shrunk = await decodeImage(path, { maxShortSide: 100 });
    expect(image.width).toBe(1000);
    expect(shrunk.ok).toBe(true);
    if (!shrunk.ok) return;
    expect(shrunk.value.width).toBe(200);
    expect(shrunk.value.height).toBe(100);
  });

  const heifEnc = spawnSync("heif-enc", ["--help"]).error === undefined;
  it.skipIf(!heifEnc)("decodes HEIC through heic-decode (needs heif-enc from libheif-examples)", async () => {
    const source = write("for-heic.png", await solidImage(red, "png", { size: 64 }));
    const target = join(folder, "photo.heic");
    execFileSync("heif-enc", ["-q", "90", "-o", target, source]);
    const image = await decodeOk(target);
    expect([image.width, image.height]).toEqual([64, 64]);
    expectColourNear(pixelAt(image, 30, 30), red, 40);
  });

  it.skipIf(!heifEnc)("rejects HEIC above maxInputPixels (needs heif-enc)", async () => {
    const source = write("for-heic-big.png", await solidImage(red, "png", { size: 128 }));
    const target = join(folder, "big.heic");
    execFileSync("heif-enc", ["-q", "50", "-o", target, source]);
    const result = await decodeImage(target, { maxInputPixels: 100 * 100 });
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : result.error.message;
    expect(message).toContain("128x128");
    expect(message).toContain("limit of 10000 pixels");
    expect(message).toContain("--max-pixels");
  });
});
