// Turns a text or an outside image into a query vector with the model's encoders.
import type { CoreHost } from "../core-host/core-host";
import { loadOnnxEncoder } from "../encoder/onnx-encoder";
import { failure, success, type CliResult } from "../errors";
import type { Logger } from "../logger";
import type { FoundModel } from "../models/find-model";
import { prepareBatch } from "../pipeline/prepare-batch";
import { loadVocabulary } from "../session/load-vocabulary";

/** The model's context length when the text encoder's input shape does not fix one. */
const defaultContextLength = 77;

/**
 * Tokenizes `text` in core and encodes it with the text encoder. Returns
 * the vector as float32 values of the model's dimension.
 */
export async function encodeTextQuery(core: CoreHost, model: FoundModel, text: string): Promise<CliResult<Float32Array>> {
  const vocabulary = await loadVocabulary(core, model.vocabulary);
  if (!vocabulary.ok) return vocabulary;

  const contextLength = model.manifest.text.inputShape[1] ?? defaultContextLength;
  const tokens = core.call({ tokenize: { texts: [text], contextLength } }, "tokenizeResult");
  if (!tokens.ok) return tokens;
  const ids = tokens.value.result.results?.[0]?.ids ?? [];

  const encoder = await loadOnnxEncoder(model.dir, model.manifest.text);
  if (!encoder.ok) return encoder;
  try {
    const vector = await encoder.value.encode(Int32Array.from(ids), 1);
    if (vector.ok && vector.value.every((value) => value === 0)) {
      const hint = model.manifest.testModel ? "; the colour test model knows only colour words such as \"red\" or \"blue\"" : "";
      return failure("USAGE", `the model found nothing to search for in "${text}"${hint}`);
    }
    return vector;
  } finally {
    await encoder.value.release();
  }
}

/**
 * Decodes the image at `path`, preprocesses it in core and encodes it with
 * the image encoder. Fails with DECODE_FAILED naming the file when it is
 * not a decodable image. What decoding libraries print goes to `logger`.
 */
export async function encodeImageQuery(core: CoreHost, model: FoundModel, path: string, logger: Logger): Promise<CliResult<Float32Array>> {
  const encoder = await loadOnnxEncoder(model.dir, model.manifest.image);
  if (!encoder.ok) return encoder;

  try {
    const prepared = await prepareBatch(core, [path], encoder.value.itemLength, { logger });
    const problem = prepared.failures[0];
    if (problem !== undefined) return failure("DECODE_FAILED", `cannot use ${path} as an example: ${problem.reason ?? "decoding failed"}`);

    const vector = await encoder.value.encode(prepared.tensors, 1);
    return vector.ok ? success(vector.value) : vector;
  } finally {
    await encoder.value.release();
  }
}
