// OpenAI's CLIP vocabulary from $QUERYABLE_CLIP_VOCAB, loaded once per test
// file, and the Hugging Face files derived from it.
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { byteCharactersInVocabularyOrder } from "../../../core/tokenizer/byte-unicode-map";
import { ClipTokenizer } from "../../../core/tokenizer/clip-tokenizer";
import { loadOpenAiVocabulary } from "../../../core/tokenizer/load-openai-vocabulary";

const vocabularyPath = process.env.QUERYABLE_CLIP_VOCAB;

/** True when $QUERYABLE_CLIP_VOCAB names a readable file. */
export const hasClipVocabulary = vocabularyPath !== undefined && existsSync(vocabularyPath);

/** Why tests that need the real vocabulary skip. */
export const vocabularyMissingNote =
  "QUERYABLE_CLIP_VOCAB is unset or missing: set it to OpenAI's bpe_simple_vocab_16e6.txt.gz";

/** Reads bpe_simple_vocab_16e6.txt.gz. Throws when it is missing. */
export function clipVocabularyGz(): Uint8Array {
  if (!hasClipVocabulary) throw new Error(vocabularyMissingNote);
  return new Uint8Array(readFileSync(vocabularyPath as string));
}

let tokenizer: ClipTokenizer | undefined;

/** Returns a tokenizer on OpenAI's vocabulary, built on first use. */
export function clipTokenizer(): ClipTokenizer {
  if (tokenizer === undefined) {
    const vocabulary = loadOpenAiVocabulary(clipVocabularyGz());
    if (!vocabulary.ok) throw new Error(vocabulary.error.message);
    tokenizer = new ClipTokenizer(vocabulary.value);
  }
  return tokenizer;
}

/**
 * Builds the Hugging Face vocab.json and merges.txt of the same vocabulary,
 * from the gzip with node:zlib and the vocabulary layout of OpenAI's tokenizer.
 */
export function huggingFaceFiles(): { vocab: Record<string, number>; merges: string[] } {
  const lines = gunzipSync(clipVocabularyGz()).toString("utf8").split("\n");
  const merges = lines.slice(1, 48895);
  const tokens = [
    ...byteCharactersInVocabularyOrder,
    ...byteCharactersInVocabularyOrder.map((char) => `${char}</w>`),
    ...merges.map((merge) => merge.replace(" ", "")),
    "<|startoftext|>",
    "<|endoftext|>",
  ];
  return { vocab: Object.fromEntries(tokens.map((token, id) => [token, id])), merges };
}
