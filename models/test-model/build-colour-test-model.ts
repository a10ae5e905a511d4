// Writes the colour test model: a tiny ONNX encoder pair with the real CLIP
// ViT-B/32 export's input and output names and shapes, a mini vocabulary, and
// a manifest.json marked testModel, ready for `--model-dir`.
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { makeDirectories } from "../../cli/files/make-directories";
import { ownerConflict } from "../model-directory-owner";
import type { ModelFile, ModelManifest } from "../model-manifest";
import { buildColourImageEncoder, embeddingDimension } from "./colour-image-encoder";
import { buildColourTextEncoder, contextLength } from "./colour-text-encoder";
import { buildMiniVocabulary } from "./mini-vocabulary";

/** Model id stored in an index built with the test model. */
export const colourTestModelId = "colour-test-model";

/** The written model directory. */
export interface ColourTestModel {
  readonly dir: string;
  readonly manifest: ModelManifest;
  /** Sentence for the user naming the vocabulary the model lookup will use. */
  readonly vocabularyNote: string;
}

/**
 * Writes vision_model.onnx, text_model.onnx, vocab.json, merges.txt and, last,
 * manifest.json into `dir`: a new or empty folder, or one that contains the
 * colour test model or only its files, which are replaced. `env` is read
 * only for QUERYABLE_CLIP_VOCAB, to say which vocabulary applies. Rejects,
 * writing nothing, when the folder contains anything else (another model,
 * photos), and when it cannot be written.
 */
export async function buildColourTestModel(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<ColourTestModel> {
  const target = resolve(dir);
  const unsafe = replacementProblem(target);
  if (unsafe !== null) throw new Error(`${unsafe}; choose a new or empty folder`);
  makeDirectories(target);

  const vocabulary = buildMiniVocabulary();
  const contents: [string, Uint8Array][] = [
    ["vision_model.onnx", buildColourImageEncoder()],
    ["text_model.onnx", buildColourTextEncoder()],
    ["vocab.json", new TextEncoder().encode(vocabulary.vocabJson)],
    ["merges.txt", new TextEncoder().encode(vocabulary.mergesTxt)],
  ];

  const files: ModelFile[] = [];
  for (const [name, bytes] of contents) {
    await writeFile(join(target, name), bytes);
    files.push({ name, url: name, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length });
  }

  const manifest = colourTestManifest(files);
  await writeFile(join(target, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir: target, manifest, vocabularyNote: vocabularyNote(env) };
}

const OWN_FILES = new Set(["vision_model.onnx", "text_model.onnx", "vocab.json", "merges.txt", "manifest.json"]);

// An interrupted build leaves some of its own files and no manifest, which a new build may replace.
function replacementProblem(target: string): string | null {
  const conflict = ownerConflict(target, colourTestModelId);
  if (conflict !== null) return conflict;

  let names: string[];
  try {
    names = readdirSync(target);
  } catch (thrown) {
    const code = (thrown as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    return code === "ENOTDIR" ? `${target} is a file, not a folder` : null;
  }
  const others = names.filter((name) => !OWN_FILES.has(name));
  return others.length === 0 ? null : `${target} already holds other files (${others.slice(0, 3).join(", ")}${others.length > 3 ? ", ..." : ""})`;
}

function colourTestManifest(files: readonly ModelFile[]): ModelManifest {
  return {
    id: colourTestModelId,
    name: "Colour test model (embeds mean colour and colour words only; not CLIP)",
    dimension: embeddingDimension,
    testModel: true,
    image: {
      file: "vision_model.onnx",
      input: "pixel_values",
      output: "image_embeds",
      inputShape: [-1, 3, 224, 224],
      outputShape: [-1, embeddingDimension],
      inputType: "float32",
    },
    text: {
      file: "text_model.onnx",
      input: "input_ids",
      output: "text_embeds",
      inputShape: [-1, contextLength],
      outputShape: [-1, embeddingDimension],
      inputType: "int64",
    },
    tokenizer: { vocabJson: "vocab.json", mergesTxt: "merges.txt" },
    files,
  };
}

function vocabularyNote(env: NodeJS.ProcessEnv): string {
  const real = env.QUERYABLE_CLIP_VOCAB;
  if (real !== undefined && real !== "") {
    return `QUERYABLE_CLIP_VOCAB is set (${real}), so model lookup uses that vocabulary; colour words get the same token ids either way`;
  }
  return "QUERYABLE_CLIP_VOCAB is not set, so the model uses the generated mini vocabulary: " +
    "colour words get their real CLIP token ids, and every other word becomes byte tokens that the test encoder ignores";
}
