import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildColourTestModel, type ColourTestModel } from "../../../models/test-model/build-colour-test-model";
import { clipMean, clipStd } from "../../../models/test-model/colour-image-encoder";
import { colours, endOfTextId, startOfTextId } from "../../../models/test-model/colour-words";

const plane = 224 * 224;
let dir: string;
let model: ColourTestModel;
let imageSession: ort.InferenceSession;
let textSession: ort.InferenceSession;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "queryable-test-model-"));
  model = await buildColourTestModel(dir, {});
  imageSession = await ort.InferenceSession.create(join(dir, "vision_model.onnx"));
  textSession = await ort.InferenceSession.create(join(dir, "text_model.onnx"));
});

afterAll(async () => {
  await imageSession?.release();
  await textSession?.release();
  await rm(dir, { recursive: true, force: true });
});

/** CLIP-normalised pixel batch of flat-coloured images, one per RGB triple. */
function flatImages(rgbs: readonly (readonly number[])[]): ort.Tensor {
  const data = new Float32Array(rgbs.length * 3 * plane);
  rgbs.forEach((rgb, image) => {
    for (let channel = 0; channel < 3; channel += 1) {
      const value = ((rgb[channel] as number) - (clipMean[channel] as number)) / (clipStd[channel] as number);
      data.fill(value, (image * 3 + channel) * plane, (image * 3 + channel + 1) * plane);
    }
  });
  return new ort.Tensor("float32", data, [rgbs.length, 3, 224, 224]);
}

/** Token batch shaped like CLIP's: start, tokens, end, zero padding to 77. */
function tokenBatch(texts: readonly (readonly number[])[]): ort.Tensor {
  const data = new BigInt64Array(texts.length * 77);
  texts.forEach((tokens, row) => {
    [startOfTextId, ...tokens, endOfTextId].forEach((id, column) => {
      data[row * 77 + column] = BigInt(id);
    });
  });
  return new ort.Tensor("int64", data, [texts.length, 77]);
}

async function embedImages(rgbs: readonly (readonly number[])[]): Promise<Float32Array[]> {
  const output = await imageSession.run({ pixel_values: flatImages(rgbs) });
  return rows(output.image_embeds as ort.Tensor);
}

async function embedTexts(texts: readonly (readonly number[])[]): Promise<Float32Array[]> {
  const output = await textSession.run({ input_ids: tokenBatch(texts) });
  return rows(output.text_embeds as ort.Tensor);
}

function rows(tensor: ort.Tensor): Float32Array[] {
  expect(tensor.dims[1]).toBe(512);
  const data = tensor.data as Float32Array;
  return Array.from({ length: tensor.dims[0] as number }, (_, row) => data.subarray(row * 512, (row + 1) * 512));
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i += 1) {
    dot += (a[i] as number) * (b[i] as number);
    normA += (a[i] as number) ** 2;
    normB += (b[i] as number) ** 2;
  }
  return dot / Math.sqrt(normA * normB);
}

function argmax(values: readonly number[]): number {
  return values.indexOf(Math.max(...values));
}

const words = colours.flatMap((colour, index) => colour.words.map((word) => ({ ...word, colourIndex: index })));

describe("buildColourTestModel", () => {
  it("uses the real encoder names", () => {
    expect(imageSession.inputNames).toEqual(["pixel_values"]);
    expect(imageSession.outputNames).toEqual(["image_embeds"]);
    expect(textSession.inputNames).toEqual(["input_ids"]);
    expect(textSession.outputNames).toEqual(["text_embeds"]);
  });

  it("writes a test manifest with digests", async () => {
    expect(model.manifest.testModel).toBe(true);
    expect(model.manifest.id).toBe("colour-test-model");
    for (const file of model.manifest.files) {
      const bytes = await readFile(join(dir, file.name));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
      expect(bytes.length).toBe(file.size);
    }
  });

  it("matches each colour word to its image", async () => {
    const images = await embedImages(colours.map((colour) => colour.rgb));
    const texts = await embedTexts(words.map((word) => [word.tokenId]));

    words.forEach((word, w) => {
      const scores = images.map((image) => cosine(texts[w] as Float32Array, image));
      expect(colours[argmax(scores)]?.name, `nearest image to "${word.word}"`).toBe(colours[word.colourIndex]?.name);
    });
  });

  it("matches each colour image to its word", async () => {
    const images = await embedImages(colours.map((colour) => colour.rgb));
    const texts = await embedTexts(words.map((word) => [word.tokenId]));

    colours.forEach((colour, c) => {
      const scores = texts.map((text) => cosine(text, images[c] as Float32Array));
      expect(colours[words[argmax(scores)]?.colourIndex ?? -1]?.name, `nearest word to the ${colour.name} image`).toBe(colour.name);
    });
  });

  it("ranks redder images higher for red", async () => {
    const images = await embedImages([[1, 0, 0], [0.7, 0.3, 0.3], [0.5, 0.45, 0.45], [0.1, 0.3, 0.9]]);
    const [red] = await embedTexts([[736]]);

    const scores = images.map((image) => cosine(red as Float32Array, image));

    expect(scores[0]).toBeGreaterThan(scores[1] as number);
    expect(scores[1]).toBeGreaterThan(scores[2] as number);
    expect(scores[2]).toBeGreaterThan(scores[3] as number);
  });

  it("embeds a black image as non-zero", async () => {
    const [black] = await embedImages([[0, 0, 0]]);

    expect(Math.max(...(black as Float32Array))).toBeGreaterThan(0.1);
  });

  it("embeds non-colour tokens as zero", async () => {
    const [other] = await embedTexts([[320, 1929, 525]]);

    expect(Array.from(other as Float32Array).every((value) => value === 0)).toBe(true);
  });
});

describe("buildColourTestModel folders", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "queryable-colour-folders-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("rebuilds its own folder", async () => {
    const dir = join(root, "own");
    await buildColourTestModel(dir);
    await rm(join(dir, "manifest.json"));

    const rebuilt = await buildColourTestModel(dir);
    expect(rebuilt.manifest.id).toBe("colour-test-model");
  });

  it("refuses another model's folder", async () => {
    const dir = join(root, "clip");
    await mkdir(dir);
    await writeFile(join(dir, "manifest.json"), JSON.stringify({ id: "clip-vit-b32" }));
    await writeFile(join(dir, "vision_model.onnx"), "real weights");

    await expect(buildColourTestModel(dir)).rejects.toThrow(/cannot be read|contains the model/);
    expect(await readFile(join(dir, "vision_model.onnx"), "utf8")).toBe("real weights");
  });

  it("refuses a folder of photos", async () => {
    const dir = join(root, "photos");
    await mkdir(dir);
    await writeFile(join(dir, "beach.jpg"), "jpeg");

    await expect(buildColourTestModel(dir)).rejects.toThrow(/already holds other files \(beach\.jpg\)/);
    expect(await readdir(dir)).toEqual(["beach.jpg"]);
  });
});
