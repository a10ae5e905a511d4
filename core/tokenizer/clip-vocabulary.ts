import { START_OF_TEXT, END_OF_TEXT } from "./pre-tokenize";

/**
 * A loaded CLIP BPE vocabulary: token strings (in byte-level characters,
 * word-final pieces ending in `</w>`) to ids, and merge ranks.
 */
export interface ClipVocabulary {
  /** Token to id, 49,408 entries for OpenAI's file. */
  readonly tokenIds: ReadonlyMap<string, number>;
  /** Rank of each merge keyed by `"first second"`; a lower rank merges first. */
  readonly mergeRanks: ReadonlyMap<string, number>;
  /** Id of `<|startoftext|>`, 49406 for OpenAI's file. */
  readonly startOfTextId: number;
  /** Id of `<|endoftext|>`, 49407 for OpenAI's file. */
  readonly endOfTextId: number;
}

/** The key of a merge pair in `mergeRanks`. Tokens never contain a space. */
export function mergeKey(first: string, second: string): string {
  return `${first} ${second}`;
}

export { START_OF_TEXT, END_OF_TEXT };
