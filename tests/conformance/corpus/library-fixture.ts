// Seeded photo-library data shared by the corpus sequences.
import { pb, type queryable } from "../../../bridge/codec";
import { createSeededRandom, float32Bytes, type SeededRandom } from "../../support/seeded-random";

/** The model id every corpus index is opened with. */
export const MODEL_ID = "clip-vit-b32";

/** The vector length of the small corpus indexes. The 512-d sequence uses CLIP_DIMENSION. */
export const SMALL_DIMENSION = 8;
export const CLIP_DIMENSION = 512;

/** 2024-01-01T00:00:00Z in ms since the epoch, the earliest capture date. */
const BASE_MS = 1_704_067_200_000;
const DAY_MS = 86_400_000;

/** Returns the id of asset `index`, zero-padded so ids sort like indexes. */
export function assetId(index: number): string {
  return `asset-${String(index).padStart(4, "0")}`;
}

/** Returns `count` manifest entries with seeded dates, flags, subtypes, albums and places. */
export function makeManifest(random: SeededRandom, count: number, firstIndex = 0): queryable.v1.IManifestEntry[] {
  const entries: queryable.v1.IManifestEntry[] = [];
  for (let i = firstIndex; i < firstIndex + count; i++) {
    const createdMs = BASE_MS + random.int(0, 365) * DAY_MS + random.int(0, DAY_MS - 1);
    entries.push({
      id: assetId(i),
      createdMs,
      modifiedMs: createdMs + random.int(0, 1000),
      favorite: random.int(0, 3) === 0,
      mediaType: random.int(0, 4) === 0 ? pb.MediaType.MEDIA_TYPE_VIDEO : pb.MediaType.MEDIA_TYPE_IMAGE,
      subtypes: random.int(0, 5) === 0 ? [pb.MediaSubtype.MEDIA_SUBTYPE_SCREENSHOT] : [],
      albumIds: random.int(0, 2) === 0 ? [`album-${random.int(1, 3)}`] : [],
      location: random.int(0, 1) === 0 ? { latitude: 48 + random.float(), longitude: 2 + random.float() } : null,
      fingerprint: `sha256-${i.toString(16).padStart(8, "0")}`,
    });
  }
  return entries;
}

/** Returns a float32 little-endian block of `count` seeded vectors of `dimension` floats. */
export function vectorBlock(random: SeededRandom, count: number, dimension: number): Uint8Array {
  return float32Bytes(random.vectors(count, dimension));
}

/** Returns a float16 little-endian block of `count` seeded vectors with values in [-1, 1). */
export function float16VectorBlock(random: SeededRandom, count: number, dimension: number): Uint8Array {
  const bytes = new Uint8Array(count * dimension * 2);
  for (let i = 0; i < count * dimension; i++) {
    // Whole multiples of 1/64 with |x| < 1 are exact in float16: sign, 5-bit exponent, 10-bit fraction.
    const half = toFloat16Bits(random.int(-63, 63) / 64);
    bytes[i * 2] = half & 0xff;
    bytes[i * 2 + 1] = half >> 8;
  }
  return bytes;
}

/**
 * Returns the IEEE 754 half-precision bits of `value`, which must be 0 or a
 * normal float16 number. Written here because Node 20 has no
 * DataView.setFloat16 and the fixture needs only exact small values.
 */
function toFloat16Bits(value: number): number {
  if (value === 0) return 0;
  const sign = value < 0 ? 0x8000 : 0;
  const magnitude = Math.abs(value);
  const exponent = Math.floor(Math.log2(magnitude));
  const fraction = Math.round((magnitude / 2 ** exponent - 1) * 1024);
  return sign | ((exponent + 15) << 10) | fraction;
}

/** Returns one vector block of `dimension` floats, all `value`. */
export function filledVector(dimension: number, value: number): Uint8Array {
  return float32Bytes(new Float32Array(dimension).fill(value));
}

export { createSeededRandom };
