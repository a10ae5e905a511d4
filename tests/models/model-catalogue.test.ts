import { describe, expect, it } from "vitest";
import { directoryManifest, filesOfVariant, modelCatalogue, modelVariants } from "../../models/model-catalogue";
import { parseModelManifest } from "../../models/parse-model-manifest";

describe("modelCatalogue", () => {
  for (const entry of modelCatalogue) {
    for (const variant of modelVariants) {
      const files = filesOfVariant(entry, variant);

      it(`${entry.id} ${variant} digests are well formed`, () => {
        for (const file of files) {
          expect(file.sha256 === null || /^[0-9a-f]{64}$/.test(file.sha256), `sha256 of ${file.name}`).toBe(true);
          expect(file.size === null || (Number.isInteger(file.size) && file.size > 0), `size of ${file.name}`).toBe(true);
        }
      });

      it(`${entry.id} ${variant} lists both encoders`, () => {
        const names = files.map((file) => file.name);
        expect(names).toContain(entry.variants[variant].image.file);
        expect(names).toContain(entry.variants[variant].text.file);
        expect(new Set(names).size).toBe(names.length);
      });

      it(`${entry.id} ${variant} manifest parses`, () => {
        const verified = files.map((file) => ({ name: file.name, url: file.url, sha256: "a".repeat(64), size: 1 }));
        const manifest = directoryManifest(entry, variant, verified);

        const parsed = parseModelManifest(JSON.stringify(manifest));

        expect(parsed.ok, parsed.ok ? "" : parsed.problem).toBe(true);
      });
    }

    it(`${entry.id} variants have distinct ids`, () => {
      const ids = modelVariants.map((variant) => entry.variants[variant].modelId);
      expect(new Set(ids).size).toBe(ids.length);
    });
  }
});

describe("parseModelManifest", () => {
  it("rejects a file name with a path", () => {
    const manifest = {
      id: "m", name: "m", dimension: 4, testModel: false,
      image: { file: "../escape.onnx", input: "x", output: "y", inputShape: [-1, 3], outputShape: [-1, 4], inputType: "float32" },
      text: { file: "t.onnx", input: "x", output: "y", inputShape: [-1, 77], outputShape: [-1, 4], inputType: "int64" },
      tokenizer: { vocabJson: "vocab.json", mergesTxt: "merges.txt" },
      files: [],
    };

    const parsed = parseModelManifest(JSON.stringify(manifest));

    expect(!parsed.ok && parsed.problem).toContain("image.file");
  });

  it("rejects text that is not JSON", () => {
    const parsed = parseModelManifest("{");

    expect(!parsed.ok && parsed.problem).toContain("not valid JSON");
  });
});
