// The recorded request corpus: seeded request sequences that cover every
// request kind and every error code, replayed by the conformance tests in
// Node and in jsc.
import type { CorpusSequence } from "./corpus/corpus-sequence";
import { frameErrorSequences } from "./corpus/frame-errors";
import { imageSequences } from "./corpus/image-sequences";
import { indexSequences } from "./corpus/index-sequences";
import { persistenceSequences } from "./corpus/persistence-sequences";
import { tokenizerSequences } from "./corpus/tokenizer-sequences";

export type { CorpusFrame, CorpusSequence, Expectation } from "./corpus/corpus-sequence";

/** Inputs of the corpus. The same options always give the same bytes. */
export interface CorpusOptions {
  /** Seed of every random value in the corpus. */
  readonly seed?: number;
  /** OpenAI's bpe_simple_vocab_16e6.txt.gz. Without it, tokenize successes are left out. */
  readonly clipVocabularyGz?: Uint8Array;
}

/** The seed the conformance tests use. */
export const DEFAULT_CORPUS_SEED = 20_240_601;

/** Builds the whole corpus. */
export function buildRequestCorpus(options: CorpusOptions = {}): CorpusSequence[] {
  const seed = options.seed ?? DEFAULT_CORPUS_SEED;
  return [
    ...frameErrorSequences(seed),
    ...indexSequences(seed + 100),
    ...persistenceSequences(seed + 200),
    ...tokenizerSequences(options.clipVocabularyGz),
    ...imageSequences(seed + 300),
  ];
}
