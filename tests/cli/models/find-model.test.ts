import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, truncate, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findModel } from "../../../cli/models/find-model";
import { verifiedRecordName } from "../../../cli/models/verify-model-files";
import { buildColourTestModel } from "../../../models/test-model/build-colour-test-model";
import { errorOf, valueOf } from "../../support/result";

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

    expect(valueOf(found).manifest.testModel).toBe(true);
    expect(valueOf(found).imageEncoderPath).toBe(join(dir, "vision_model.onnx"));
    expect(valueOf(found).vocabulary).toEqual({
      kind: "vocab-merges",
      vocabJson: join(dir, "vocab.json"),
      mergesTxt: join(dir, "merges.txt"),
      source: "model",
    });
  });

  it("lists missing files and fetch command", () => {
    const found = findModel({ modelDir: dir, env: {} });

    expect(errorOf(found).code).toBe("MODEL_FILES_MISSING");
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

    expect(errorOf(found).code).toBe("MODEL_FILES_MISSING");
    expect(errorOf(found).message).toContain("text_model.onnx (size 10");
  });

  it("calls a wrong-size file incomplete", async () => {
    await buildColourTestModel(dir, {});
    await truncate(join(dir, "text_model.onnx"), 10);

    const found = findModel({ modelDir: dir, env: {} });

    const message = found.ok ? "" : found.error.message;
    expect(message).toMatch(/incomplete or corrupted in .*: text_model\.onnx \(size 10, expected \d+\)/);
    expect(message).not.toContain("missing");
  });

  it("suggests rebuilding a test model folder", async () => {
    await buildColourTestModel(dir, {});
    await truncate(join(dir, "text_model.onnx"), 10);

    const found = findModel({ modelDir: dir, env: {} });

    const message = found.ok ? "" : found.error.message;
    expect(message).toContain(`npm run test-model -- ${dir}`);
    expect(message).not.toContain("models fetch");
  });

  it("suggests fetching a real model with --dest", async () => {
    await buildColourTestModel(dir, {});
    const manifestPath = join(dir, "manifest.json");
    const manifest = JSON.parse(await readFile(manifestPath, "utf8"));
    await writeFile(manifestPath, JSON.stringify({ ...manifest, id: "clip-vit-b32-quantized", testModel: false }));
    await truncate(join(dir, "text_model.onnx"), 10);

    const found = findModel({ modelDir: dir, env: {} });

    expect(found.ok ? "" : found.error.message).toContain(`queryable models fetch --model clip-vit-b32 --variant quantized --dest ${dir}`);
  });

  it("rejects a same-size corrupted file", async () => {
    await buildColourTestModel(dir, {});
    const path = join(dir, "text_model.onnx");
    const bytes = await readFile(path);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    await writeFile(path, bytes);

    const found = findModel({ modelDir: dir, env: {} });

    expect(errorOf(found).code).toBe("MODEL_FILES_MISSING");
    expect(found.ok ? "" : found.error.message).toMatch(/corrupted in .*: text_model\.onnx \(sha256 [0-9a-f]{64}, expected [0-9a-f]{64}\)/);
  });

  it("hashes again only changed files", async () => {
    await buildColourTestModel(dir, {});
    // Whole seconds survive utimes exactly; a Date with milliseconds may come back a nanosecond off.
    const path = join(dir, "text_model.onnx");
    const mtimeSeconds = 1_700_000_000;
    await utimes(path, mtimeSeconds, mtimeSeconds);
    expect(findModel({ modelDir: dir, env: {} }).ok).toBe(true);
    expect(existsSync(join(dir, verifiedRecordName))).toBe(true);

    // Same size and mtime: the recorded verification is trusted, so the flipped byte goes unnoticed.
    const bytes = await readFile(path);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    await writeFile(path, bytes);
    await utimes(path, mtimeSeconds, mtimeSeconds);
    expect(findModel({ modelDir: dir, env: {} }).ok).toBe(true);

    // A new mtime makes it hash the file again.
    await utimes(path, mtimeSeconds + 5, mtimeSeconds + 5);
    expect(findModel({ modelDir: dir, env: {} }).ok).toBe(false);
  });

  it("rejects an invalid manifest", async () => {
    await writeFile(join(dir, "manifest.json"), '{"id": ""}');

    const found = findModel({ modelDir: dir, env: {} });

    expect(errorOf(found).code).toBe("INVALID_MANIFEST");
    expect(errorOf(found).message).toContain('"id"');
  });

  it("uses QUERYABLE_MODEL_DIR without option", async () => {
    await buildColourTestModel(dir, {});

    const found = findModel({ env: { QUERYABLE_MODEL_DIR: dir } });

    expect(valueOf(found).dirSource).toBe("environment");
  });

  it("defaults to the XDG cache folder", () => {
    const found = findModel({ env: { XDG_CACHE_HOME: dir } });

    expect(errorOf(found).message).toContain(join(dir, "queryable", "models", "clip-vit-b32"));
    expect(errorOf(found).message).toContain("queryable models fetch --model clip-vit-b32 --variant fp32`");
  });

  it("prefers QUERYABLE_CLIP_VOCAB over model files", async () => {
    await buildColourTestModel(dir, {});
    const gz = join(dir, "bpe_simple_vocab_16e6.txt.gz");
    await writeFile(gz, "");

    const found = findModel({ modelDir: dir, env: { QUERYABLE_CLIP_VOCAB: gz } });

    expect(valueOf(found).vocabulary).toEqual({ kind: "bpe-gz", bpeGz: gz, source: "environment" });
  });
});
