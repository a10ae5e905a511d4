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

/** Longest context length core's tokenizer accepts; used only to count the tokens of a cut query. */
const maxCountedTokens = 1024;

/** Characters of a query that messages repeat before an ellipsis. */
const quotedQueryLength = 80;

/**
 * Tokenizes `text` in core and encodes it with the text encoder. Returns
 * the vector as float32 values of the model's dimension. A text longer than
 * the context length is cut by core, and a warning naming its token count
 * goes to `logger`. Fails with USAGE when the model embeds the text to the
 * zero vector, because then no photo can match.
 */
export async function encodeTextQuery(core: CoreHost, model: FoundModel, text: string, logger: Logger): Promise<CliResult<Float32Array>> {
  const vocabulary = await loadVocabulary(core, model.vocabulary);
  if (!vocabulary.ok) return vocabulary;

  const contextLength = model.manifest.text.inputShape[1] ?? defaultContextLength;
  const tokens = core.call({ tokenize: { texts: [text], contextLength } }, "tokenizeResult");
  if (!tokens.ok) return tokens;
  const tokenized = tokens.value.result.results?.[0];
  const ids = tokenized?.ids ?? [];
  if (tokenized?.truncated === true) warnTruncated(core, text, contextLength, logger);

  const encoder = await loadOnnxEncoder(model.dir, model.manifest.text, { repairCommand: model.repairCommand });
  if (!encoder.ok) return encoder;
  try {
    const vector = await encoder.value.encode(Int32Array.from(ids), 1);
    if (vector.ok && vector.value.every((value) => value === 0)) {
      const hint = model.manifest.testModel ? "; the colour test model knows only colour words such as \"red\" or \"blue\"" : "";
      return failure("USAGE", `the model found nothing to search for in "${shortenQuery(text)}"${hint}`);
    }
    return vector;
  } finally {
    await encoder.value.release();
  }
}

// Counts the tokens by tokenizing again with the longest context core accepts.
function warnTruncated(core: CoreHost, text: string, contextLength: number, logger: Logger): void {
  const counted = core.call({ tokenize: { texts: [text], contextLength: maxCountedTokens } }, "tokenizeResult");
  const result = counted.ok ? counted.value.result.results?.[0] : undefined;
  const length = result === undefined || result.truncated === true
    ? `more than ${maxCountedTokens}`
    : String(tokenCount(result.ids ?? []));

  logger.warn(`the query is ${length} tokens long with the start and end tokens, but the text encoder takes ${contextLength}, so only its first ${contextLength - 2} tokens are searched for; shorten the query to search for all of it`, { query: shortenQuery(text) });
}

// Padding after the end token is 0, and the end token never is, so the last
// non-zero id ends the text. Id 0 inside the text ("!" in CLIP) does not matter.
function tokenCount(ids: readonly number[]): number {
  let last = ids.length - 1;
  while (last >= 0 && ids[last] === 0) last--;
  return last + 1;
}

/** Returns `text` cut to about 80 characters with an ellipsis, for messages that quote a query. */
export function shortenQuery(text: string): string {
  const characters = [...text];
  return characters.length <= quotedQueryLength ? text : `${characters.slice(0, quotedQueryLength - 1).join("")}…`;
}

/**
 * Decodes the image at `path`, preprocesses it in core and encodes it with
 * the image encoder. Fails with DECODE_FAILED naming the file when it is
 * not a decodable image. What decoding libraries print goes to `logger`.
 */
export async function encodeImageQuery(core: CoreHost, model: FoundModel, path: string, logger: Logger): Promise<CliResult<Float32Array>> {
  const encoder = await loadOnnxEncoder(model.dir, model.manifest.image, { repairCommand: model.repairCommand });
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
