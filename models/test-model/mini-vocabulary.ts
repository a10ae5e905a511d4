// A minimal CLIP vocabulary in the Hugging Face format (vocab.json and
// merges.txt) that needs no download. It has the 512 byte-level tokens and the
// two special tokens at their CLIP ids, plus just the merges that make each
// colour word one token at its real CLIP id. BPE picks the lowest-ranked merge among
// the pairs present, so a subset of merges that keeps their relative order
// and contains every merge a word uses takes that word down the same path as
// the full vocabulary. Any other word ends in byte tokens or partial merges.
import { byteTokens } from "./byte-tokens";
import { colours, endOfTextId, startOfTextId, tokenIdOfMerge, type Merge } from "./colour-words";

/** The two files of a Hugging Face CLIP tokenizer. */
export interface MiniVocabulary {
  /** JSON object from token string to id. */
  readonly vocabJson: string;
  /** "#version: 0.2" then one "left right" merge per line, lowest rank first. */
  readonly mergesTxt: string;
}

/** Builds the mini vocabulary; the output is the same on every call. */
export function buildMiniVocabulary(): MiniVocabulary {
  const vocab = new Map<string, number>();
  const bytes = byteTokens();
  bytes.forEach(({ token }, index) => vocab.set(token, index));
  bytes.forEach(({ token }, index) => vocab.set(`${token}</w>`, 256 + index));

  const merges = colourMerges();
  for (const merge of merges) vocab.set(merge.left + merge.right, tokenIdOfMerge(merge.rank));
  vocab.set("<|startoftext|>", startOfTextId);
  vocab.set("<|endoftext|>", endOfTextId);

  const lines = ["#version: 0.2", ...merges.map((merge) => `${merge.left} ${merge.right}`)];
  return { vocabJson: `${JSON.stringify(Object.fromEntries(vocab))}\n`, mergesTxt: `${lines.join("\n")}\n` };
}

/** Returns every merge the colour words use, once each, lowest rank first. */
export function colourMerges(): Merge[] {
  const byRank = new Map<number, Merge>();
  for (const colour of colours) {
    for (const word of colour.words) {
      for (const merge of word.merges) byRank.set(merge.rank, merge);
    }
  }
  return [...byRank.values()].sort((a, b) => a.rank - b.rank);
}
