/** Subtypes and album ids of one asset. */
export interface AssetLists {
  readonly subtypes: readonly number[];
  readonly albumIds: readonly string[];
}

/** The number of the pair of two empty lists. */
export const NO_LISTS = 0;

const SMALL_SUBTYPES = 64;

const EMPTY: AssetLists = Object.freeze({ subtypes: Object.freeze([]), albumIds: Object.freeze([]) });

/**
 * The distinct pairs of subtypes and album ids in an asset table, each
 * stored once and referred to by number. A library has few distinct pairs
 * (a live photo in no album, a screenshot in one album) shared by many
 * assets, so a row costs one number instead of two arrays.
 *
 * NOTE: pairs are never removed, so after many edits of albums the table
 * may keep pairs no asset uses, until the index is opened again from its
 * snapshot.
 */
export class ListSets {
  private readonly pairs: AssetLists[] = [EMPTY];
  private readonly numberByKey = new Map<string, number>();
  // Most pairs with lists are one small subtype and no album (a live photo),
  // so their numbers are kept by subtype, which needs no key string.
  private readonly singleSubtypes: number[] = [];

  /** Number of distinct pairs, the empty pair included. */
  get size(): number {
    return this.pairs.length;
  }

  /**
   * Returns the number of the pair (subtypes from `start` to `end`,
   * albumIds), adding a copy of it when it is new. Two empty lists are
   * NO_LISTS. The range lets a caller pass a slice of a larger array
   * without making one.
   */
  intern(subtypes: ArrayLike<number>, albumIds: readonly string[], start = 0, end = subtypes.length): number {
    if (start === end && albumIds.length === 0) return NO_LISTS;

    const single = end - start === 1 && albumIds.length === 0 ? subtypes[start]! : -1;
    const isSmall = single >= 0 && single < SMALL_SUBTYPES && Number.isInteger(single);
    if (isSmall && this.singleSubtypes[single] !== undefined) return this.singleSubtypes[single];

    const number = this.internByKey(subtypes, albumIds, start, end);
    if (isSmall) this.singleSubtypes[single] = number;
    return number;
  }

  private internByKey(subtypes: ArrayLike<number>, albumIds: readonly string[], start: number, end: number): number {
    const key = keyOf(subtypes, start, end, albumIds);
    const known = this.numberByKey.get(key);
    if (known !== undefined) return known;

    const number = this.pairs.length;
    const copy = Object.freeze(Array.prototype.slice.call(subtypes, start, end) as number[]);
    this.pairs.push(Object.freeze({ subtypes: copy, albumIds: Object.freeze([...albumIds]) }));
    this.numberByKey.set(key, number);
    return number;
  }

  /** Returns pair `number`, frozen. */
  at(number: number): AssetLists {
    return this.pairs[number]!;
  }
}

// Album ids may contain any character, so each carries its length, which
// makes the key of every pair distinct.
function keyOf(subtypes: ArrayLike<number>, start: number, end: number, albumIds: readonly string[]): string {
  let key = "";
  for (let i = start; i < end; i++) key += `${subtypes[i]},`;
  key += ";";
  for (let i = 0; i < albumIds.length; i++) key += `${albumIds[i]!.length}:${albumIds[i]}`;
  return key;
}
