// Finds a usable model directory for the CLI: manifest.json, both encoders,
// every listed file at its recorded size and SHA-256, and a tokenizer vocabulary.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  defaultModelName,
  defaultVariant,
  filesOfVariant,
  findCatalogueEntry,
  modelCatalogue,
  type ModelVariant,
} from "../../models/model-catalogue";
import type { ModelManifest } from "../../models/model-manifest";
import { parseModelManifest } from "../../models/parse-model-manifest";
import { findVocabulary, type VocabularyFiles } from "./find-vocabulary";
import { resolveModelDir, type ModelDirSource } from "./model-directory";
import { failWith, succeed, type ModelsResult } from "./models-error";
import { verifyModelFiles } from "./verify-model-files";

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
  /** The command that rebuilds this folder: `models fetch` with --dest when needed, or `npm run test-model -- DIR`. */
  readonly repairCommand: string;
}

/**
 * Looks up the model directory and checks it: manifest.json parses, every
 * file it lists exists with its recorded size, and, the first time the
 * folder is used or after a file changed, its SHA-256 (verifyModelFiles).
 * Returns MODEL_FILES_MISSING naming each missing, incomplete or corrupted
 * file, the folder and the command that rebuilds it; INVALID_MANIFEST for a
 * broken manifest.json; VOCABULARY_NOT_FOUND when no vocabulary is found.
 */
export function findModel(options: FindModelOptions = {}): ModelsResult<FoundModel> {
  const env = options.env ?? process.env;
  const modelName = options.model ?? defaultModelName;
  const variant = options.variant ?? defaultVariant;
  const entry = findCatalogueEntry(modelName);
  const modelId = entry?.variants[variant].modelId ?? modelName;
  const { dir, source } = resolveModelDir(options.modelDir, modelId, env);

  const manifestPath = join(dir, "manifest.json");
  if (!existsSync(manifestPath)) {
    const fetchCommand = fetchCommandFor(modelName, variant, destFor(dir, modelId, env));
    const expected = entry === undefined ? [] : filesOfVariant(entry, variant).map((file) => file.name);
    return failWith("MODEL_FILES_MISSING", problemMessage(dir, { missing: ["manifest.json", ...expected], damaged: [] }, `Fetch them with \`${fetchCommand}\`, or point --model-dir at a folder made by \`npm run test-model -- DIR\` to try the colour test model`));
  }

  const parsed = parseModelManifest(readFileSync(manifestPath, "utf8"));
  if (!parsed.ok) {
    const fetchCommand = fetchCommandFor(modelName, variant, destFor(dir, modelId, env));
    return failWith("INVALID_MANIFEST", `${manifestPath} is invalid: ${parsed.problem}; fetch the model again with \`${fetchCommand}\``);
  }
  const manifest = parsed.manifest;
  const repairCommand = repairCommandFor(dir, manifest, env);
  const repairHint = manifest.testModel
    ? `Rebuild the colour test model with \`${repairCommand}\``
    : `Fetch the model again with \`${repairCommand}\``;

  const problems = fileProblems(dir, manifest);
  if (problems.missing.length > 0 || problems.damaged.length > 0) {
    return failWith("MODEL_FILES_MISSING", problemMessage(dir, problems, repairHint));
  }

  const corrupt = verifyModelFiles(dir, manifest.files);
  if (corrupt.length > 0) {
    const damaged = corrupt.map((file) => `${file.name} (sha256 ${file.sha256}, expected ${file.expectedSha256})`);
    return failWith("MODEL_FILES_MISSING", problemMessage(dir, { missing: [], damaged }, repairHint));
  }

  const vocabulary = findVocabulary(dir, manifest, env);
  if (!vocabulary.ok) return vocabulary;

  return succeed({
    dir,
    dirSource: source,
    manifest,
    imageEncoderPath: join(dir, manifest.image.file),
    textEncoderPath: join(dir, manifest.text.file),
    vocabulary: vocabulary.value,
    repairCommand,
  });
}

/** Returns the command that fetches `model` in `variant`, with --dest when the directory is not the default. */
export function fetchCommandFor(model: string, variant: ModelVariant, dest: string | undefined): string {
  const destPart = dest === undefined ? "" : ` --dest ${quoteForShell(dest)}`;
  return `queryable models fetch --model ${model} --variant ${variant}${destPart}`;
}

/**
 * Returns the command that rebuilds the folder `dir` of `manifest`: the
 * colour test model builder for a test model, else `models fetch` for the
 * catalogue model and variant whose model id the manifest states, with
 * --dest unless `dir` is the default folder `models fetch` writes to.
 */
export function repairCommandFor(dir: string, manifest: ModelManifest, env: NodeJS.ProcessEnv = process.env): string {
  if (manifest.testModel) return `npm run test-model -- ${quoteForShell(dir)}`;

  for (const entry of modelCatalogue) {
    for (const variant of Object.keys(entry.variants) as ModelVariant[]) {
      if (entry.variants[variant].modelId === manifest.id) return fetchCommandFor(entry.id, variant, destFor(dir, manifest.id, env));
    }
  }
  // A model id outside the catalogue came from elsewhere; the default model is the closest fix.
  return fetchCommandFor(defaultModelName, defaultVariant, dir);
}

// `models fetch` without --dest writes to QUERYABLE_MODEL_DIR, else to the
// cache folder of the model id, so --dest is needed only for another folder.
function destFor(dir: string, modelId: string, env: NodeJS.ProcessEnv): string | undefined {
  return dir === resolveModelDir(undefined, modelId, env).dir ? undefined : dir;
}

interface FileProblems {
  /** Names of absent files. */
  readonly missing: string[];
  /** Files present with the wrong size or content, each with what was found and expected. */
  readonly damaged: string[];
}

// Sorts files into absent and wrong-size ones, including encoders the file list forgot.
function fileProblems(dir: string, manifest: ModelManifest): FileProblems {
  const missing: string[] = [];
  const damaged: string[] = [];
  for (const file of manifest.files) {
    const path = join(dir, file.name);
    if (!existsSync(path)) {
      missing.push(file.name);
      continue;
    }
    const size = statSync(path).size;
    if (size !== file.size) damaged.push(`${file.name} (size ${size}, expected ${file.size})`);
  }
  for (const encoder of [manifest.image.file, manifest.text.file]) {
    if (!manifest.files.some((file) => file.name === encoder) && !existsSync(join(dir, encoder))) missing.push(encoder);
  }
  return { missing, damaged };
}

function problemMessage(dir: string, problems: FileProblems, fix: string): string {
  const parts: string[] = [];
  if (problems.missing.length > 0) parts.push(`model files missing in ${dir}: ${problems.missing.join(", ")}`);
  if (problems.damaged.length > 0) parts.push(`model files incomplete or corrupted in ${dir}: ${problems.damaged.join(", ")}`);
  return `${parts.join("; ")}. ${fix}`;
}

function quoteForShell(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}
