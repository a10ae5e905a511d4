import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findModel } from "../../../cli/models/find-model";
import { buildColourTestModel } from "../../../models/test-model/build-colour-test-model";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "queryable-find-model-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("findModel", () => {
  it("finds the colour test model", async () => {
    await buildColourTestModel(dir, {});

    const found = findModel({ modelDir: dir, env: {} });

    expect(found.ok && found.value.manifest.testModel).toBe(true);
    expect(found.ok && found.value.imageEncoderPath).toBe(join(dir, "vision_model.onnx"));
    expect(found.ok && found.value.vocabulary).toEqual({
      kind: "vocab-merges",
      vocabJson: join(dir, "vocab.json"),
      mergesTxt: join(dir, "merges.txt"),
      source: "model",
    });
  });

  it("lists missing files and fetch command", () => {
    const found = findModel({ modelDir: dir, env: {} });

    expect(!found.ok && found.error.code).toBe("MODEL_FILES_MISSING");
    const message = found.ok ? "" : found.error.message;
    expect(message).toContain(dir);
    expect(message).toContain("manifest.json");
    expect(message).toContain("vision_model.onnx");
    expect(message).toContain(`queryable models fetch --model clip-vit-b32 --variant fp32 --dest ${dir}`);
  });

  it("reports a truncated encoder", async () => {
    await buildColourTestModel(dir, {});
    await truncate(join(dir, "text_model.onnx"), 10);

    const found = findModel({ modelDir: dir, env: {} });

    expect(!found.ok && found.error.code).toBe("MODEL_FILES_MISSING");
    expect(!found.ok && found.error.message).toContain("text_model.onnx (size 10");
  });

  it("rejects an invalid manifest", async () => {
    await writeFile(join(dir, "manifest.json"), '{"id": ""}');

    const found = findModel({ modelDir: dir, env: {} });

    expect(!found.ok && found.error.code).toBe("INVALID_MANIFEST");
    expect(!found.ok && found.error.message).toContain('"id"');
  });

  it("uses QUERYABLE_MODEL_DIR without option", async () => {
    await buildColourTestModel(dir, {});

    const found = findModel({ env: { QUERYABLE_MODEL_DIR: dir } });

    expect(found.ok && found.value.dirSource).toBe("environment");
  });

  it("defaults to the XDG cache folder", () => {
    const found = findModel({ env: { XDG_CACHE_HOME: dir } });

    expect(!found.ok && found.error.message).toContain(join(dir, "queryable", "models", "clip-vit-b32"));
    expect(!found.ok && found.error.message).toContain("queryable models fetch --model clip-vit-b32 --variant fp32`");
  });

  it("prefers QUERYABLE_CLIP_VOCAB over model files", async () => {
    await buildColourTestModel(dir, {});
    const gz = join(dir, "bpe_simple_vocab_16e6.txt.gz");
    await writeFile(gz, "");

    const found = findModel({ modelDir: dir, env: { QUERYABLE_CLIP_VOCAB: gz } });

    expect(found.ok && found.value.vocabulary).toEqual({ kind: "bpe-gz", bpeGz: gz, source: "environment" });
  });
});
