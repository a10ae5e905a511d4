import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { readPhotoMetadata } from "../../../cli/library/read-photo-metadata";
import { silentLogger } from "../../../cli/logger";

const folder = mkdtempSync(join(tmpdir(), "queryable-metadata-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const mtimeMs = Date.UTC(2020, 0, 2);

function metadataOf(path: string) {
  return readPhotoMetadata(path, readFileSync(path), mtimeMs, silentLogger);
}

async function jpegWithExif(name: string, exif: Record<string, Record<string, string>>): Promise<string> {
  const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: "red" } }).jpeg().withExif(exif).toBuffer();
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

describe("readPhotoMetadata", () => {
  it("reads the EXIF capture date", async () => {
    const path = await jpegWithExif("dated.jpg", { IFD2: { DateTimeOriginal: "2021:03:04 05:06:07" } });
    const metadata = await metadataOf(path);
    expect(metadata.createdMs).toBe(new Date(2021, 2, 4, 5, 6, 7).getTime());
  });

  it("falls back to mtime without EXIF", async () => {
    const path = join(folder, "plain.png");
    writeFileSync(path, await sharp({ create: { width: 8, height: 8, channels: 3, background: "red" } }).png().toBuffer());
    expect((await metadataOf(path)).createdMs).toBe(mtimeMs);
  });

  it("falls back to mtime for garbage", async () => {
    const path = join(folder, "garbage.jpg");
    writeFileSync(path, "garbage");
    expect((await metadataOf(path)).createdMs).toBe(mtimeMs);
  });

  it("falls back to mtime for an empty file", async () => {
    const path = join(folder, "empty.jpg");
    writeFileSync(path, "");
    expect((await metadataOf(path)).createdMs).toBe(mtimeMs);
  });

  it("reads the GPS location", async () => {
    const path = await jpegWithExif("located.jpg", { IFD3: { GPSLatitudeRef: "S", GPSLatitude: "33/1 51/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "151/1 12/1 0/1" } });
    const { location } = await metadataOf(path);
    expect(location?.latitude).toBeCloseTo(-33.85, 2);
    expect(location?.longitude).toBeCloseTo(151.2, 2);
  });

  it("flags screenshots by file name", async () => {
    const path = await jpegWithExif("Screenshot 2024-01-01 at 10.00.00.jpg", {});
    expect((await metadataOf(path)).screenshot).toBe(true);
  });

  it("flags screenshots by EXIF UserComment", async () => {
    const path = await jpegWithExif("IMG_0001.jpg", { IFD2: { UserComment: "Screenshot" } });
    expect((await metadataOf(path)).screenshot).toBe(true);
  });

  it("leaves camera photos unflagged", async () => {
    const path = await jpegWithExif("IMG_0002.jpg", { IFD0: { Make: "Camera" } });
    expect((await metadataOf(path)).screenshot).toBe(false);
  });
});
