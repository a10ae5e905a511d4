// Hugging Face's Rust tokenizer (the `tokenizers` npm package), configured
// as CLIP's BPE: an implementation independent of core's, used as an oracle
// for pre-tokenizing, byte-level mapping and BPE on already-cleaned text.
import { Tokenizer } from "tokenizers";
import { huggingFaceFiles } from "./clip-vocabulary-fixture";

const CLIP_PATTERN = "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";

/** Builds the oracle: no normalizer, CLIP's split pattern, byte-level, BPE with `</w>`. */
export function createHuggingFaceClipTokenizer(): Tokenizer {
  const { vocab, merges } = huggingFaceFiles();
  const config = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [
      { id: 49406, content: "<|startoftext|>", single_word: false, lstrip: false, rstrip: false, normalized: true, special: true },
      { id: 49407, content: "<|endoftext|>", single_word: false, lstrip: false, rstrip: false, normalized: true, special: true },
    ],
    normalizer: null,
    pre_tokenizer: {
      type: "Sequence",
      pretokenizers: [
        { type: "Split", pattern: { Regex: CLIP_PATTERN }, behavior: "Removed", invert: true },
        { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: null,
    decoder: null,
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: "",
      end_of_word_suffix: "</w>",
      fuse_unk: false,
      vocab,
      merges,
    },
  };
  return Tokenizer.fromString(JSON.stringify(config));
}

/** Ids of `cleaned` (output of cleanText) by the oracle, without start and end. */
export async function huggingFaceIds(tokenizer: Tokenizer, cleaned: string): Promise<number[]> {
  const encoding = await tokenizer.encode(cleaned, null, { addSpecialTokens: false });
  return encoding.getIds();
}
