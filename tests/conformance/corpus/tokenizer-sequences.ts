// Vocabulary loading and tokenization, with and without a vocabulary.
import { gzipSync } from "fflate";
import { CorpusSequence, SequenceBuilder } from "./corpus-sequence";

const textEncoder = new TextEncoder();

/**
 * Returns the tokenizer sequences. `clipVocabularyGz` is OpenAI's
 * bpe_simple_vocab_16e6.txt.gz. Without it the corpus checks only the
 * failure paths, because no valid vocabulary can be made up.
 */
export function tokenizerSequences(clipVocabularyGz: Uint8Array | undefined): CorpusSequence[] {
  const builder = new SequenceBuilder("tokenizer")
    .request("tokenize before vocabulary", { tokenize: { texts: ["a dog"] } }, "VOCABULARY_NOT_LOADED")
    .request("load nothing", { loadVocabulary: {} }, "INVALID_VOCABULARY")
    .request("load bytes that are not gzip", { loadVocabulary: { bpeGz: textEncoder.encode("#version: 0.2\na b\n") } }, "INVALID_VOCABULARY")
    .request("load gzip of empty file", { loadVocabulary: { bpeGz: gzipSync(new Uint8Array(0)) } }, "INVALID_VOCABULARY")
    .request("load invalid vocab.json", {
      loadVocabulary: { vocabJson: textEncoder.encode("{not json"), mergesTxt: textEncoder.encode("#version: 0.2\na b\n") },
    }, "INVALID_VOCABULARY")
    .request("load vocab.json without merges", { loadVocabulary: { vocabJson: textEncoder.encode('{"a</w>": 0}') } }, "INVALID_VOCABULARY")
    .request("tokenize after failed loads", { tokenize: { texts: ["a dog"] } }, "VOCABULARY_NOT_LOADED");

  if (clipVocabularyGz !== undefined) {
    const longText = Array.from({ length: 120 }, (_, i) => `word${i}`).join(" ");
    builder
      .request("load CLIP vocabulary", { loadVocabulary: { bpeGz: clipVocabularyGz } }, "result")
      .request("tokenize texts", {
        tokenize: { texts: ["a photo of a dog", "", "  Rainy NIGHT in Tokyo!!  ", "café 東京 🐕", "it's 3:30pm &amp; <b>bold</b>"] },
      }, "result")
      .request("tokenize long text", { tokenize: { texts: [longText] } }, "result")
      .request("tokenize short context", { tokenize: { texts: ["my dog on the beach at sunset"], contextLength: 4 } }, "result");
  }
  return [builder.build()];
}
