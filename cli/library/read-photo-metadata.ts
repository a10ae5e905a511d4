// Reads what the index stores about a photo besides its pixels: capture
// date, location and whether it is a screenshot.
import exifr from "exifr";
import { basename } from "node:path";
import type { Logger } from "../logger";
import { describeThrown } from "../errors";

/** Metadata of one photo for its manifest entry. */
export interface PhotoMetadata {
  /** Capture date from EXIF, else the file's mtime; ms since the Unix epoch. */
  readonly createdMs: number;
  /** GPS position from EXIF, when present and in range. */
  readonly location?: { readonly latitude: number; readonly longitude: number };
  /** True when the screenshot heuristic below matches. */
  readonly screenshot: boolean;
}

/**
 * Screenshot names that phones and desktops write by default: "Screenshot
 * 2024-…" (iOS export, macOS, Android "Screenshot_…", GNOME), "Screen Shot"
 * (macOS before 10.14) and the German, French and Spanish macOS names.
 */
const screenshotName = /^(screenshot|screen shot|bildschirmfoto|capture d.écran|captura de pantalla)/i;

/**
 * Reads the capture date, GPS position and screenshot flag of the photo at
 * `path` from `head`, the file's first bytes (readAndHashFile), so the file
 * is not opened again. Never fails: a file without readable EXIF, an empty
 * one included, gets `mtimeMs` as its date and no location. EXIF dates
 * without a time zone are read as local time.
 *
 * The screenshot heuristic is cheap on purpose: the file name starts with a
 * common screenshot name, or the EXIF UserComment is "Screenshot", which
 * macOS and iOS write into their screenshots.
 */
export async function readPhotoMetadata(path: string, head: Uint8Array, mtimeMs: number, logger: Logger): Promise<PhotoMetadata> {
  const tags = await readTags(path, head, logger);

  const created = firstDate(tags?.DateTimeOriginal, tags?.CreateDate, tags?.DateTimeDigitized);
  const location = validLocation(tags?.latitude, tags?.longitude);
  const screenshot = screenshotName.test(basename(path)) || userCommentText(tags?.userComment ?? tags?.UserComment) === "Screenshot";

  return location === undefined
    ? { createdMs: created ?? mtimeMs, screenshot }
    : { createdMs: created ?? mtimeMs, location, screenshot };
}

type Tags = Record<string, unknown>;

// exifr 7 parses a Buffer in memory. Given a path, it opens a FileHandle
// that it leaves open when parsing fails (a 0-byte file, for one), and Node
// then prints a warning when the handle is garbage collected.
async function readTags(path: string, head: Uint8Array, logger: Logger): Promise<Tags | undefined> {
  if (head.length === 0) {
    logger.debug("empty file; using its mtime as its date", { path });
    return undefined;
  }

  try {
    const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
    return (await exifr.parse(bytes, { gps: true, userComment: true, xmp: false, icc: false, iptc: false, jfif: false, ihdr: false })) as Tags | undefined;
  } catch (thrown) {
    // Formats without EXIF support (GIF, broken files) end here, so the caller uses the mtime.
    logger.debug("no readable EXIF; using the file's mtime as its date", { path, error: describeThrown(thrown) });
    return undefined;
  }
}

function firstDate(...values: unknown[]): number | undefined {
  for (const value of values) {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
  }
  return undefined;
}

function validLocation(latitude: unknown, longitude: unknown): PhotoMetadata["location"] {
  if (typeof latitude !== "number" || typeof longitude !== "number") return undefined;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { latitude, longitude };
}

// EXIF UserComment starts with an 8-byte character code ("ASCII\0\0\0").
function userCommentText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim();
  if (!(value instanceof Uint8Array) || value.length < 8) return undefined;
  return Buffer.from(value.subarray(8)).toString("latin1").replace(/\0+$/, "").trim();
}
