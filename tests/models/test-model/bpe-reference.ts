// A plain reference of CLIP's BPE for one lower-case word, used to check the
// colour-word table and the mini vocabulary against a merge list.

/** Applies `ranks` (merge "left right" to rank) to `word` and returns the final tokens and the merges used. */
export function applyBpe(word: string, ranks: ReadonlyMap<string, number>): { tokens: string[]; used: string[] } {
  const characters = Array.from(word);
  let parts = [...characters.slice(0, -1), `${characters[characters.length - 1]}</w>`];
  const used: string[] = [];

  for (;;) {
    let best: { rank: number; index: number } | null = null;
    for (let i = 0; i + 1 < parts.length; i += 1) {
      const rank = ranks.get(`${parts[i]} ${parts[i + 1]}`);
      if (rank !== undefined && (best === null || rank < best.rank)) best = { rank, index: i };
    }
    if (best === null) return { tokens: parts, used };

    const left = parts[best.index] as string;
    const right = parts[best.index + 1] as string;
    used.push(`${left} ${right}`);
    const merged: string[] = [];
    for (let i = 0; i < parts.length; i += 1) {
      if (i + 1 < parts.length && parts[i] === left && parts[i + 1] === right) {
        merged.push(left + right);
        i += 1;
      } else {
        merged.push(parts[i] as string);
      }
    }
    parts = merged;
  }
}

/** Maps each merge line ("left right") of a merges list to its 0-based rank. */
export function rankMerges(lines: readonly string[]): Map<string, number> {
  return new Map(lines.map((line, rank) => [line, rank]));
}
