import { describe, expect, it } from "vitest";
import { clipTokenizer, hasClipVocabulary, vocabularyMissingNote } from "./clip-vocabulary-fixture";

const skipNote = hasClipVocabulary ? "" : ` (skipped: ${vocabularyMissingNote})`;

function idsOf(text: string, contextLength = 77): number[] {
  const result = clipTokenizer().tokenize(text, contextLength);
  if (!result.ok) throw new Error(result.error.message);
  return Array.from(result.value.ids);
}

// The ids up to and including end-of-text; the rest must be padding.
function contentOf(ids: number[]): number[] {
  return ids.slice(0, ids.indexOf(49407) + 1);
}

// Outputs of OpenAI's clip.tokenize, start and end included.
const REFERENCE_CASES: readonly [string, number[]][] = [
  ["Hello World!", [49406, 3306, 1002, 256, 49407]],
  ["a photo of a cat", [49406, 320, 1125, 539, 320, 2368, 49407]],
  ["the quick brown fox jumped over the lazy dog", [49406, 518, 3712, 2866, 3240, 16901, 962, 518, 10753, 1929, 49407]],
  ["", [49406, 49407]],
  ["   \t\n ", [49406, 49407]],
];

describe.skipIf(!hasClipVocabulary)(`ClipTokenizer on CLIP's vocabulary${skipNote}`, () => {
  it.each(REFERENCE_CASES)("tokenize %j matches reference", (text, expected) => {
    const ids = idsOf(text);
    expect(contentOf(ids)).toEqual(expected);
    expect(ids.slice(expected.length).every((id) => id === 0)).toBe(true);
  });

  it("tokenize pads to 77", () => {
    expect(idsOf("a dog").length).toBe(77);
  });

  it("tokenize truncates 'a ' times 100", () => {
    const result = clipTokenizer().tokenize("a ".repeat(100));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Array.from(result.value.ids)).toEqual([49406, ...new Array<number>(75).fill(320), 49407]);
    expect(result.value.truncated).toBe(true);
  });

  it("tokenize exact fit is not truncated", () => {
    const result = clipTokenizer().tokenize("a ".repeat(75));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.truncated).toBe(false);
    if (result.ok) expect(result.value.ids[76]).toBe(49407);
  });

  it("tokenize short context keeps end", () => {
    expect(idsOf("a photo of a cat", 4)).toEqual([49406, 320, 1125, 49407]);
  });

  it("tokenize rejects context length 1", () => {
    const result = clipTokenizer().tokenize("a", 1);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("INVALID_PARAMETER");
  });

  it("special token literals map to ids", () => {
    expect(contentOf(idsOf("<|startoftext|>dog<|ENDOFTEXT|>"))).toEqual([49406, 49406, 1929, 49407]);
  });

  it("digits split one per token", () => {
    const ids = contentOf(idsOf("2024"));
    expect(ids).toEqual([49406, ...contentOf(idsOf("2")).slice(1, -1), ...contentOf(idsOf("0")).slice(1, -1), ...contentOf(idsOf("2")).slice(1, -1), ...contentOf(idsOf("4")).slice(1, -1), 49407]);
  });

  it("contractions split from words", () => {
    expect(clipTokenizer().encode("don't")).toEqual([...clipTokenizer().encode("don"), ...clipTokenizer().encode("'t")]);
  });

  it("curly apostrophe equals straight", () => {
    expect(idsOf("it\u2019s")).toEqual(idsOf("it's"));
  });

  it("html entities decode twice", () => {
    expect(idsOf("fish &amp;amp; chips")).toEqual(idsOf("fish & chips"));
  });

  it("nbsp and ideographic space collapse", () => {
    expect(idsOf("a\u00a0\u3000 dog")).toEqual(idsOf("a dog"));
  });

  it("full width letters become ascii", () => {
    expect(idsOf("\uff24\uff4f\uff47")).toEqual(idsOf("dog"));
  });

  it("ligature fi becomes two letters", () => {
    expect(idsOf("\ufb01sh")).toEqual(idsOf("fish"));
  });

  it("decomposed accent equals composed", () => {
    expect(idsOf("cafe\u0301")).toEqual(idsOf("caf\u00e9"));
  });

  it("upper case equals lower case", () => {
    expect(idsOf("RAINY Night")).toEqual(idsOf("rainy night"));
  });

  it("emoji encode as byte tokens", () => {
    const ids = contentOf(idsOf("\u{1F415}"));
    expect(ids.length).toBeGreaterThan(2);
    expect(ids.every((id) => id >= 0 && id < 49408)).toBe(true);
  });
});
