import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOnnxEncoder } from "../../../cli/encoder/onnx-encoder";

const spec = { file: "vision_model.onnx", input: "pixel_values", output: "image_embeds", inputShape: [-1, 3, 224, 224], outputShape: [-1, 512], inputType: "float32" } as const;

describe("loadOnnxEncoder", () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "queryable-encoder-"));
    writeFileSync(join(folder, spec.file), "not an ONNX model");
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("names the repair command for a bad file", async () => {
    const repairCommand = `queryable models fetch --model clip-vit-b32 --variant fp32 --dest ${folder}`;

    const loaded = await loadOnnxEncoder(folder, spec, { threads: 1, repairCommand });

    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.code).toBe("ENCODER_FAILED");
    expect(loaded.error.message).toContain(join(folder, spec.file));
    expect(loaded.error.message).toContain(repairCommand);
  });
});
