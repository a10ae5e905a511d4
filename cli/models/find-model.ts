// Finds a usable model directory for the CLI: manifest.json, both encoders,
// every listed file at its recorded size, and a tokenizer vocabulary.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  defaultModelName,
  defaultVariant,
  filesOfVariant,
  findCatalogueEntry,
  type ModelVariant,
} from "../../models/model-catalogue";
import type { ModelManifest } from "../../models/model-manifest";
import { parseModelManifest } from "../../models/parse-model-manifest";
import { findVocabulary, type VocabularyFiles } from "./find-vocabulary";
import { resolveModelDir, type ModelDirSource } from "./model-directory";
import { failWith, succeed, type ModelsResult } from "./models-error";

export interface FindModelOptions {
  /** `--model-dir`; when absent, QUERYABLE_MODEL_DIR, then the cache folder of the default model. */
  readonly modelDir?: string;
  /** Catalogue name whose cache folder is the default, and whose files a fetch hint lists. Default "clip-vit-b32". */
  readonly model?: string;
  /** Variant whose cache folder is the default. Default "fp32". */
  readonly variant?: ModelVariant;
  readonly env?: NodeJS.ProcessEnv;
}

/** A model directory ready for onnxruntime and core's tokenizer. */
export interface FoundModel {
  readonly dir: string;
  readonly dirSource: ModelDirSource;
  readonly manifest: ModelManifest;
  /** Absolute paths of the image and text encoders. */
  readonly imageEncoderPath: string;
  readonly textEncoderPath: string;
  readonly vocabulary: VocabularyFiles;
}

/**
 * Looks up the model directory and checks it without hashing: manifest.json
 * parses, and every file it lists exists with its recorded size. Returns
 * MODEL_FILES_MISSING listing each missing file, the folder it belongs in and
 * the command that fetches it; INVALID_MANIFEST for a broken manifest.json;
 * VOCABULARY_NOT_FOUND when no vocabulary is found.
 */
export function findModel(options: FindModelOptions = {}): ModelsResult<FoundModel> {
  const env = options.env ?? process.env;
  const modelName = options.model ?? defaultModelName;
  const variant = options.variant ?? defaultVariant;
  const entry = findCatalogueEntry(modelName);
  const modelId = entry?.variants[variant].modelId ?? modelName;
  const { dir, source } = resolveModelDir(options.modelDir, modelId, env);
  const fetchCommand = fetchCommandFor(modelName, variant, source === "option" ? dir : undefined);

  const manifestPath = join(dir, "manifest.json");
  if (!existsSync(manifestPath)) {
    const expected = entry === undefined ? [] : filesOfVariant(entry, variant).map((file) => file.name);
    return failWith("MODEL_FILES_MISSING", missingMessage(dir, ["manifest.json", ...expected], fetchCommand));
  }

  const parsed = parseModelManifest(readFileSync(manifestPath, "utf8"));
  if (!parsed.ok) {
    return failWith("INVALID_MANIFEST", `${manifestPath} is invalid: ${parsed.problem}; fetch the model again with \`${fetchCommand}\``);
  }
  const manifest = parsed.manifest;

  const missing = missingFiles(dir, manifest);
  if (missing.length > 0) return failWith("MODEL_FILES_MISSING", missingMessage(dir, missing, fetchCommand));

  const vocabulary = findVocabulary(dir, manifest, env);
  if (!vocabulary.ok) return vocabulary;

  return succeed({
    dir,
    dirSource: source,
    manifest,
    imageEncoderPath: join(dir, manifest.image.file),
    textEncoderPath: join(dir, manifest.text.file),
    vocabulary: vocabulary.value,
  });
}

/** Returns the command that fetches `model` in `variant`, with --dest when the directory is not the default. */
export function fetchCommandFor(model: string, variant: ModelVariant, dest: string | undefined): string {
  const destPart = dest === undefined ? "" : ` --dest ${quoteForShell(dest)}`;
  return `queryable models fetch --model ${model} --variant ${variant}${destPart}`;
}

// Lists files that are absent or whose size differs from the manifest (a
// truncated copy), including encoders the file list forgot.
function missingFiles(dir: string, manifest: ModelManifest): string[] {
  const missing: string[] = [];
  for (const file of manifest.files) {
    const path = join(dir, file.name);
    if (!existsSync(path)) missing.push(file.name);
    else if (statSync(path).size !== file.size) missing.push(`${file.name} (size ${statSync(path).size}, expected ${file.size})`);
  }
  for (const encoder of [manifest.image.file, manifest.text.file]) {
    if (!manifest.files.some((file) => file.name === encoder) && !existsSync(join(dir, encoder))) missing.push(encoder);
  }
  return missing;
}

function missingMessage(dir: string, missing: readonly string[], fetchCommand: string): string {
  return `model files missing in ${dir}: ${missing.join(", ")}. ` +
    `Fetch them with \`${fetchCommand}\`, or point --model-dir at a folder made by \`npm run test-model -- DIR\` to try the colour test model`;
}

function quoteForShell(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}
