// Validation of a model directory's manifest.json, which a user may have
// edited or truncated, before any field is trusted.
import type { EncoderSpec, ModelManifest } from "./model-manifest";

export type ParsedManifest = { readonly ok: true; readonly manifest: ModelManifest } | { readonly ok: false; readonly problem: string };

/** Parses and checks manifest.json text. On failure, `problem` names the first invalid field. */
export function parseModelManifest(text: string): ParsedManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (thrown) {
    return { ok: false, problem: `not valid JSON (${thrown instanceof Error ? thrown.message : String(thrown)})` };
  }

  const problem = manifestProblem(value);
  return problem === null ? { ok: true, manifest: value as ModelManifest } : { ok: false, problem };
}

function manifestProblem(value: unknown): string | null {
  if (!isRecord(value)) return "top level is not an object";
  if (typeof value.id !== "string" || value.id === "") return '"id" must be a non-empty string';
  if (typeof value.name !== "string") return '"name" must be a string';
  if (!isPositiveInteger(value.dimension)) return '"dimension" must be a positive integer';
  if (typeof value.testModel !== "boolean") return '"testModel" must be true or false';

  const encoderProblem = encoderSpecProblem("image", value.image) ?? encoderSpecProblem("text", value.text);
  if (encoderProblem !== null) return encoderProblem;

  const tokenizer = value.tokenizer;
  const tokenizerValid = isRecord(tokenizer) &&
    (typeof tokenizer.bpeGz === "string" || (typeof tokenizer.vocabJson === "string" && typeof tokenizer.mergesTxt === "string"));
  if (!tokenizerValid) return '"tokenizer" must contain "bpeGz", or both "vocabJson" and "mergesTxt"';

  if (!Array.isArray(value.files)) return '"files" must be an array';
  for (const [index, file] of value.files.entries()) {
    const fileProblem = modelFileProblem(file);
    if (fileProblem !== null) return `"files"[${index}] ${fileProblem}`;
  }
  return null;
}

function encoderSpecProblem(key: string, spec: unknown): string | null {
  if (!isRecord(spec)) return `"${key}" must be an object`;
  for (const field of ["file", "input", "output"] as const) {
    if (typeof spec[field] !== "string" || spec[field] === "") return `"${key}.${field}" must be a non-empty string`;
  }
  if (!isPlainFileName(spec.file as string)) return `"${key}.file" must be a plain file name inside the model directory`;
  for (const field of ["inputShape", "outputShape"] as const) {
    const shape = spec[field];
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && (d === -1 || d > 0))) {
      return `"${key}.${field}" must be an array of positive integers, with -1 for the batch axis`;
    }
  }
  const inputTypes: readonly EncoderSpec["inputType"][] = ["float32", "int64", "int32"];
  if (!inputTypes.includes(spec.inputType as EncoderSpec["inputType"])) {
    return `"${key}.inputType" must be one of ${inputTypes.join(", ")}`;
  }
  return null;
}

function modelFileProblem(file: unknown): string | null {
  if (!isRecord(file)) return "must be an object";
  if (typeof file.name !== "string" || !isPlainFileName(file.name)) return '"name" must be a plain file name';
  if (typeof file.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(file.sha256)) return '"sha256" must be 64 lower-case hex digits';
  if (!Number.isInteger(file.size) || (file.size as number) < 0) return '"size" must be a byte count';
  return null;
}

// A name with a path separator or ".." could point outside the model directory.
function isPlainFileName(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && !name.includes("/") && !name.includes("\\");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) > 0;
}
