// OpenAI CLIP's preprocessing output for franz-kafka.jpg, stored as
// expected_preprocessed_image.npy in $QUERYABLE_CLIP_GOLDEN, against core's
// output on the same JPEG decoded by sharp.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { preprocessClipImage } from "../../../core/preprocess/clip-image-preprocessing";

const goldenDirectory = process.env.QUERYABLE_CLIP_GOLDEN;
const hasGolden = goldenDirectory !== undefined && existsSync(join(goldenDirectory, "expected_preprocessed_image.npy"));
const skipNote = "QUERYABLE_CLIP_GOLDEN is unset or lacks franz-kafka.jpg and expected_preprocessed_image.npy";

// With sharp 0.35 the decoded pixels equal Pillow's and the output matches
// exactly. Another JPEG decoder build could round IDCT or chroma upsampling
// differently, so a failure here may mean the decoder changed, not core.
const MAX_ABSOLUTE_DIFFERENCE = 0;
const MAX_MEAN_ABSOLUTE_DIFFERENCE = 0;

/** Reads a little-endian float32 C-order .npy file (format 1.0 to 3.0). */
function readNpyFloat32(bytes: Buffer): { shape: number[]; data: Float32Array } {
  expect(bytes.subarray(0, 6).toString("latin1")).toBe("\x93NUMPY");
  const major = bytes[6] as number;
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  const header = bytes.subarray(headerStart, headerStart + headerLength).toString("latin1");
  expect(header).toContain("'descr': '<f4'");
  expect(header).toContain("'fortran_order': False");

  const shapeText = /'shape': \(([^)]*)\)/.exec(header)?.[1] ?? "";
  const shape = shapeText.split(",").map((part) => part.trim()).filter((part) => part !== "").map(Number);
  const dataStart = headerStart + headerLength;
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset + dataStart, bytes.byteOffset + bytes.length));
  return { shape, data };
}

describe("preprocessClipImage golden image", () => {
  it.skipIf(!hasGolden)(`matches CLIP's reference for franz-kafka.jpg${hasGolden ? "" : ` (skipped: ${skipNote})`}`, async () => {
    const directory = goldenDirectory as string;
    const expected = readNpyFloat32(readFileSync(join(directory, "expected_preprocessed_image.npy")));
    expect(expected.shape).toEqual([1, 3, 224, 224]);

    const { data, info } = await sharp(join(directory, "franz-kafka.jpg")).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const pixels = new Uint8Array(data.buffer, data.byteOffset, data.length);
    const actual = preprocessClipImage(pixels, info.width, info.height, info.channels);
    expect(actual.ok).toBe(true);
    if (!actual.ok) return;

    let maxDifference = 0;
    let sumDifference = 0;
    for (let i = 0; i < actual.value.length; i++) {
      const difference = Math.abs((actual.value[i] as number) - (expected.data[i] as number));
      maxDifference = Math.max(maxDifference, difference);
      sumDifference += difference;
    }
    const meanDifference = sumDifference / actual.value.length;
    console.log(`franz-kafka.jpg against CLIP's reference: max |difference| ${maxDifference.toExponential(3)}, mean ${meanDifference.toExponential(3)}`);

    expect(actual.value.length).toBe(expected.data.length);
    expect(maxDifference).toBeLessThanOrEqual(MAX_ABSOLUTE_DIFFERENCE);
    expect(meanDifference).toBeLessThanOrEqual(MAX_MEAN_ABSOLUTE_DIFFERENCE);
  });
});
