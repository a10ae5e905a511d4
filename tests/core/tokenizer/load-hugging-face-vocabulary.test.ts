import { describe, expect, it } from "vitest";
import { byteCharactersInVocabularyOrder } from "../../../core/tokenizer/byte-unicode-map";
import type { ClipVocabulary } from "../../../core/tokenizer/clip-vocabulary";
import { loadHuggingFaceVocabulary } from "../../../core/tokenizer/load-hugging-face-vocabulary";

const textEncoder = new TextEncoder();

// A minimal valid vocab.json: byte tokens, "ab", "ab</w>", "abc</w>" and the specials.
function smallVocab(): Record<string, unknown> {
  const tokens = [...byteCharactersInVocabularyOrder, ...byteCharactersInVocabularyOrder.map((char) => `${char}</w>`), "ab", "ab</w>", "abc</w>", "<|startoftext|>", "<|endoftext|>"];
  return Object.fromEntries(tokens.map((token, id) => [token, id]));
}

function load(vocab: Record<string, unknown>, merges: string) {
  return loadHuggingFaceVocabulary(textEncoder.encode(JSON.stringify(vocab)), textEncoder.encode(merges));
}

function loaded(vocab: Record<string, unknown>, merges: string): ClipVocabulary {
  const result = load(vocab, merges);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe("loadHuggingFaceVocabulary merges", () => {
  it("ranks follow line order", () => {
    const vocabulary = loaded(smallVocab(), "#version: 0.2\na b\na b</w>\nab c</w>\n");
    expect([...vocabulary.mergeRanks]).toEqual([["a b", 0], ["a b</w>", 1], ["ab c</w>", 2]]);
  });

  it("CRLF line ends are stripped", () => {
    const vocabulary = loaded(smallVocab(), "#version: 0.2\r\na b\r\nab c</w>\r\n");
    expect([...vocabulary.mergeRanks]).toEqual([["a b", 0], ["ab c</w>", 1]]);
  });

  it("repeated merge keeps first rank", () => {
    const vocabulary = loaded(smallVocab(), "a b\nab c</w>\na b\n");
    expect(vocabulary.mergeRanks.get("a b")).toBe(0);
    expect(vocabulary.mergeRanks.size).toBe(2);
  });

  it.each([
    ["no space", "ab"],
    ["two spaces", "a b c"],
    ["leading space", " ab"],
    ["trailing space", "ab "],
  ])("merge line with %s fails", (_name, line) => {
    const result = load(smallVocab(), `#version: 0.2\na b\n${line}\n`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(`merges_txt line 3 is ${JSON.stringify(line)}`);
  });

  it("merge result missing from vocab fails", () => {
    const result = load(smallVocab(), "a b\nb c\n");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('merges to "bc"');
  });
});

describe("loadHuggingFaceVocabulary ids", () => {
  it("token ids keep vocab order", () => {
    const vocabulary = loaded(smallVocab(), "a b\n");
    expect([...vocabulary.tokenIds]).toEqual(Object.entries(smallVocab()));
  });

  it.each([
    ["fraction", 1.5],
    ["negative", -1],
    ["past 2^31-1", 2 ** 31],
    ["past 2^32", 2 ** 32 + 7],
    ["string", "7"],
    ["null", null],
  ])("%s id fails", (_name, id) => {
    const result = load({ ...smallVocab(), extra: id }, "a b\n");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(`maps "extra" to ${JSON.stringify(id)}`);
  });

  it("largest id loads", () => {
    expect(loaded({ ...smallVocab(), extra: 2 ** 31 - 1 }, "a b\n").tokenIds.get("extra")).toBe(2 ** 31 - 1);
  });

  it("repeated id fails", () => {
    const result = load({ ...smallVocab(), extra: 5 }, "a b\n");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('id 5 to more than one token, the second is "extra"');
  });
});
