// The colours the test model embeds, and the CLIP token ids of their names.
//
// Token ids and merge ranks come from OpenAI's CLIP vocabulary
// (bpe_simple_vocab_16e6.txt.gz, the same ids as the Hugging Face vocab.json
// of openai/clip-vit-base-patch32). In that vocabulary the merge at rank r
// (0-based, header line excluded) produces token id 512 + r. A test checks
// every number below against the real file when QUERYABLE_CLIP_VOCAB is set.

/** One colour: its sRGB prototype on the 0..1 scale and the words that name it. */
export interface Colour {
  readonly name: string;
  readonly rgb: readonly [number, number, number];
  readonly words: readonly ColourWord[];
}

/** One BPE merge of CLIP's vocabulary: `left` + `right`, at 0-based `rank`. */
export interface Merge {
  readonly rank: number;
  readonly left: string;
  readonly right: string;
}

/** A colour word that CLIP's tokenizer turns into one token. */
export interface ColourWord {
  readonly word: string;
  /** The single CLIP token id of the word followed by a word boundary, e.g. 736 for "red</w>". */
  readonly tokenId: number;
  /** The merges BPE applies, in order, to turn the word's characters into that token. */
  readonly merges: readonly Merge[];
}

function merge(rank: number, left: string, right: string): Merge {
  return { rank, left, right };
}

/** Every colour of the test model; the index in this list is the colour's embedding axis. */
export const colours: readonly Colour[] = [
  { name: "red", rgb: [0.8, 0.1, 0.1], words: [
    { word: "red", tokenId: 736, merges: [merge(3, "r", "e"), merge(224, "re", "d</w>")] },
  ] },
  { name: "orange", rgb: [0.95, 0.55, 0.1], words: [
    { word: "orange", tokenId: 4287, merges: [merge(2, "a", "n"), merge(11, "o", "r"), merge(198, "g", "e</w>"), merge(2527, "an", "ge</w>"), merge(3775, "or", "ange</w>")] },
  ] },
  { name: "yellow", rgb: [0.95, 0.9, 0.15], words: [
    { word: "yellow", tokenId: 4481, merges: [merge(32, "e", "l"), merge(37, "l", "o"), merge(530, "lo", "w</w>"), merge(2811, "y", "el"), merge(3969, "yel", "low</w>")] },
  ] },
  { name: "green", rgb: [0.15, 0.6, 0.15], words: [
    { word: "green", tokenId: 1901, merges: [merge(3, "r", "e"), merge(64, "e", "n</w>"), merge(177, "g", "re"), merge(1389, "gre", "en</w>")] },
  ] },
  { name: "blue", rgb: [0.1, 0.25, 0.8], words: [
    { word: "blue", tokenId: 1746, merges: [merge(152, "l", "u"), merge(751, "b", "lu"), merge(1234, "blu", "e</w>")] },
  ] },
  { name: "purple", rgb: [0.5, 0.15, 0.6], words: [
    { word: "purple", tokenId: 5496, merges: [merge(53, "u", "r"), merge(67, "l", "e</w>"), merge(1107, "p", "le</w>"), merge(1215, "p", "ur"), merge(4984, "pur", "ple</w>")] },
  ] },
  { name: "pink", rgb: [0.95, 0.6, 0.75], words: [
    { word: "pink", tokenId: 3360, merges: [merge(0, "i", "n"), merge(455, "in", "k</w>"), merge(2848, "p", "ink</w>")] },
  ] },
  { name: "brown", rgb: [0.45, 0.28, 0.12], words: [
    { word: "brown", tokenId: 2866, merges: [merge(20, "r", "o"), merge(245, "w", "n</w>"), merge(415, "b", "ro"), merge(2354, "bro", "wn</w>")] },
  ] },
  { name: "white", rgb: [0.95, 0.95, 0.95], words: [
    { word: "white", tokenId: 1579, merges: [merge(17, "i", "t"), merge(61, "w", "h"), merge(290, "it", "e</w>"), merge(1067, "wh", "ite</w>")] },
  ] },
  { name: "black", rgb: [0.05, 0.05, 0.05], words: [
    { word: "black", tokenId: 1449, merges: [merge(34, "a", "c"), merge(213, "ac", "k</w>"), merge(321, "b", "l"), merge(937, "bl", "ack</w>")] },
  ] },
  { name: "grey", rgb: [0.5, 0.5, 0.5], words: [
    { word: "grey", tokenId: 5046, merges: [merge(3, "r", "e"), merge(177, "g", "re"), merge(4534, "gre", "y</w>")] },
    { word: "gray", tokenId: 7048, merges: [merge(39, "a", "y</w>"), merge(197, "g", "r"), merge(6536, "gr", "ay</w>")] },
  ] },
];

/** CLIP's start-of-text and end-of-text token ids. */
export const startOfTextId = 49406;
export const endOfTextId = 49407;

/** Token id of the merge at `rank` in CLIP's vocabulary: after the 256 byte tokens and the 256 byte tokens with "</w>". */
export function tokenIdOfMerge(rank: number): number {
  return 512 + rank;
}
