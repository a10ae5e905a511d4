import { mergeKey, type ClipVocabulary } from "../clip-vocabulary";

// A query seldom has more than a few dozen words, so this bound only stops
// a long-lived core from growing the cache without limit on bulk input.
const MAX_CACHED_WORDS = 50_000;

/**
 * Byte-pair encoding of one word with CLIP's merges, with results cached per
 * word. The word is in byte-level characters and gets `</w>` on its last piece.
 */
export class BytePairEncoder {
  private readonly cache = new Map<string, readonly number[]>();

  constructor(private readonly vocabulary: ClipVocabulary) {}

  /** Returns the ids of `word`'s pieces. `word` must be non-empty. */
  encode(word: string): readonly number[] {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;

    const ids = this.merge(word).map((piece) => this.idOf(piece));
    if (this.cache.size >= MAX_CACHED_WORDS) this.cache.clear();
    this.cache.set(word, ids);
    return ids;
  }

  // Repeatedly merges every occurrence of the best-ranked adjacent pair, left
  // to right, until no adjacent pair has a rank, as OpenAI's `bpe` does.
  private merge(word: string): string[] {
    let pieces = Array.from(word.slice(0, -1));
    pieces.push(`${word.slice(-1)}</w>`);

    while (pieces.length > 1) {
      const best = this.bestPair(pieces);
      if (best === null) break;
      pieces = mergePair(pieces, best[0], best[1]);
    }
    return pieces;
  }

  private bestPair(pieces: readonly string[]): [string, string] | null {
    let bestRank = Infinity;
    let best: [string, string] | null = null;
    for (let i = 0; i + 1 < pieces.length; i++) {
      const rank = this.vocabulary.mergeRanks.get(mergeKey(pieces[i] as string, pieces[i + 1] as string));
      if (rank !== undefined && rank < bestRank) {
        bestRank = rank;
        best = [pieces[i] as string, pieces[i + 1] as string];
      }
    }
    return best;
  }

  private idOf(piece: string): number {
    const id = this.vocabulary.tokenIds.get(piece);
    // Loaders reject vocabularies lacking a byte token or a merge result, so this cannot happen.
    if (id === undefined) throw new Error(`BPE piece ${JSON.stringify(piece)} has no id in the loaded vocabulary`);
    return id;
  }
}

function mergePair(pieces: readonly string[], first: string, second: string): string[] {
  const merged: string[] = [];
  let i = 0;
  while (i < pieces.length) {
    if (i + 1 < pieces.length && pieces[i] === first && pieces[i + 1] === second) {
      merged.push(first + second);
      i += 2;
    } else {
      merged.push(pieces[i] as string);
      i += 1;
    }
  }
  return merged;
}
