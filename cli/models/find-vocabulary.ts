// Finds the CLIP BPE vocabulary that core's LoadVocabulary request needs.
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { ModelManifest } from "../../models/model-manifest";
import { failWith, succeed, type ModelsResult } from "./models-error";

/** Environment variable naming a vocabulary that overrides the model directory's. */
export const vocabularyEnvVar = "QUERYABLE_CLIP_VOCAB";

/** Vocabulary files on disk, in one of the two formats LoadVocabulary accepts. */
export type VocabularyFiles =
  | { readonly kind: "bpe-gz"; readonly bpeGz: string; readonly source: "environment" | "model" }
  | { readonly kind: "vocab-merges"; readonly vocabJson: string; readonly mergesTxt: string; readonly source: "environment" | "model" };

/**
 * Finds the vocabulary: QUERYABLE_CLIP_VOCAB when set (OpenAI's
 * bpe_simple_vocab_16e6.txt.gz, a vocab.json with merges.txt beside it, or a
 * folder with both), else the tokenizer files `manifest` names in `modelDir`.
 * Returns VOCABULARY_NOT_FOUND naming the missing path and how to supply one.
 */
export function findVocabulary(
  modelDir: string | null,
  manifest: ModelManifest | null,
  env: NodeJS.ProcessEnv = process.env,
): ModelsResult<VocabularyFiles> {
  const fromEnv = env[vocabularyEnvVar];
  if (fromEnv !== undefined && fromEnv !== "") return vocabularyAt(resolve(fromEnv));

  if (modelDir === null || manifest === null) {
    return failWith("VOCABULARY_NOT_FOUND", `no CLIP vocabulary found: set ${vocabularyEnvVar} to bpe_simple_vocab_16e6.txt.gz or a vocab.json, or fetch a model with \`queryable models fetch\``);
  }
  return vocabularyOfModel(modelDir, manifest);
}

function vocabularyAt(path: string): ModelsResult<VocabularyFiles> {
  if (!existsSync(path)) {
    return failWith("VOCABULARY_NOT_FOUND", `${vocabularyEnvVar} is ${path}, which does not exist; point it at bpe_simple_vocab_16e6.txt.gz or a vocab.json, or unset it`);
  }

  const isFolder = statSync(path).isDirectory();
  if (!isFolder && !path.endsWith(".json")) return succeed({ kind: "bpe-gz", bpeGz: path, source: "environment" });

  const folder = isFolder ? path : dirname(path);
  const vocabJson = isFolder ? join(path, "vocab.json") : path;
  const mergesTxt = join(folder, "merges.txt");
  const missing = [vocabJson, mergesTxt].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    return failWith("VOCABULARY_NOT_FOUND", `${vocabularyEnvVar} is ${path}, but ${missing.join(" and ")} is missing; a vocab.json needs merges.txt in the same folder`);
  }
  return succeed({ kind: "vocab-merges", vocabJson, mergesTxt, source: "environment" });
}

function vocabularyOfModel(modelDir: string, manifest: ModelManifest): ModelsResult<VocabularyFiles> {
  const tokenizer = manifest.tokenizer;
  const names = "bpeGz" in tokenizer ? [tokenizer.bpeGz] : [tokenizer.vocabJson, tokenizer.mergesTxt];

  // Names come from a manifest on disk, so a path separator would escape the model directory.
  const invalid = names.filter((name) => basename(name) !== name);
  if (invalid.length > 0) {
    return failWith("VOCABULARY_NOT_FOUND", `manifest.json in ${modelDir} names tokenizer files outside the folder (${invalid.join(", ")}); fetch the model again`);
  }

  const paths = names.map((name) => join(modelDir, name));
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length > 0) {
    return failWith("VOCABULARY_NOT_FOUND", `tokenizer files missing: ${missing.join(", ")}; fetch the model again or set ${vocabularyEnvVar}`);
  }

  if ("bpeGz" in tokenizer) return succeed({ kind: "bpe-gz", bpeGz: paths[0] as string, source: "model" });
  return succeed({ kind: "vocab-merges", vocabJson: paths[0] as string, mergesTxt: paths[1] as string, source: "model" });
}
