import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { ClipVocabulary } from "../../../core/tokenizer/clip-vocabulary";
import { CLIP_MERGE_COUNT, loadOpenAiVocabulary, loadOpenAiVocabularyText } from "../../../core/tokenizer/load-openai-vocabulary";
import { clipVocabularyGz, hasClipVocabulary, huggingFaceFiles, vocabularyMissingNote } from "./clip-vocabulary-fixture";

const textEncoder = new TextEncoder();

// A text with a header and CLIP_MERGE_COUNT well-formed merges of made-up tokens.
function syntheticMergeLines(): string[] {
  return ["#version: 0.2", ...Array.from({ length: CLIP_MERGE_COUNT }, (_, rank) => `t${rank} u${rank}`)];
}

// Loads `text` and throws when it fails, for tests of a successful load.
function loadText(text: string): ClipVocabulary {
  const result = loadOpenAiVocabularyText(textEncoder.encode(text));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function errorOf(result: ReturnType<typeof loadOpenAiVocabularyText>): { code: string; message: string } | undefined {
  return result.ok ? undefined : result.error;
}

describe("loadOpenAiVocabularyText errors", () => {
  it("too few lines fail", () => {
    const error = errorOf(loadOpenAiVocabularyText(textEncoder.encode("#version: 0.2\na b\n")));
    expect(error?.code).toBe("INVALID_VOCABULARY");
    expect(error?.message).toContain("bpe_txt has 3 lines");
  });

  it.each([
    ["no space", "ab"],
    ["two spaces", "a b c"],
    ["leading space", " ab"],
    ["trailing space", "ab "],
    ["empty line", ""],
  ])("merge line with %s fails", (_name, badLine) => {
    const lines = syntheticMergeLines();
    lines[100] = badLine;
    const error = errorOf(loadOpenAiVocabularyText(textEncoder.encode(lines.join("\n"))));
    expect(error?.code).toBe("INVALID_VOCABULARY");
    expect(error?.message).toContain(`bpe_txt line 101 is ${JSON.stringify(badLine)}`);
  });

  it("invalid UTF-8 in a merge line fails", () => {
    const text = textEncoder.encode(syntheticMergeLines().join("\n"));
    text[20] = 0xff;
    const error = errorOf(loadOpenAiVocabularyText(text));
    expect(error?.code).toBe("INVALID_VOCABULARY");
    expect(error?.message).toContain("offset 20");
  });

  it("invalid UTF-8 after the merge lines loads", () => {
    const text = Buffer.from(`${syntheticMergeLines().join("\n")}\nunused line \xff`, "latin1");
    expect(loadOpenAiVocabularyText(new Uint8Array(text)).ok).toBe(true);
  });

  it("truncated gzip header fails as not gzip", () => {
    const error = errorOf(loadOpenAiVocabulary(Uint8Array.from([0x1f, 0x8b, 0x08])));
    expect(error?.code).toBe("INVALID_VOCABULARY");
    expect(error?.message).toContain("not gzip data");
  });

  it("gzip cut after the merge lines loads", () => {
    const unusedLines = Array.from({ length: 200_000 }, (_, index) => `unused ${index * 7919}`);
    const gzipped = gzipSync([...syntheticMergeLines(), ...unusedLines].join("\n"));
    expect(loadOpenAiVocabulary(new Uint8Array(gzipped.subarray(0, Math.floor(gzipped.length * 0.8)))).ok).toBe(true);
  });

  it("gzip field name appears in messages", () => {
    const lines = syntheticMergeLines();
    lines[5] = "abc";
    const error = errorOf(loadOpenAiVocabulary(new Uint8Array(gzipSync(lines.join("\n")))));
    expect(error?.message).toContain("bpe_gz line 6");
  });
});

describe("loadOpenAiVocabularyText on made-up merges", () => {
  it("last line without newline loads", () => {
    const vocabulary = loadText(syntheticMergeLines().join("\n"));
    expect(vocabulary.mergeRanks.get(`t${CLIP_MERGE_COUNT - 1} u${CLIP_MERGE_COUNT - 1}`)).toBe(CLIP_MERGE_COUNT - 1);
  });

  it("merge results get ids after byte tokens", () => {
    const vocabulary = loadText(syntheticMergeLines().join("\n"));
    expect(vocabulary.tokenIds.get("t0u0")).toBe(512);
    expect(vocabulary.tokenIds.get("t1u1")).toBe(513);
  });

  it("lines past the merges are ignored", () => {
    const vocabulary = loadText(`${syntheticMergeLines().join("\n")}\nextra line\nx y`);
    expect(vocabulary.mergeRanks.size).toBe(CLIP_MERGE_COUNT);
    expect(vocabulary.tokenIds.size).toBe(512 + CLIP_MERGE_COUNT + 2);
  });
});

const skipNote = hasClipVocabulary ? "" : ` (skipped: ${vocabularyMissingNote})`;

describe.skipIf(!hasClipVocabulary)(`OpenAI vocabulary loaders on CLIP's file${skipNote}`, () => {
  it("unpacked text equals gzip", () => {
    const fromGzip = loadOpenAiVocabulary(clipVocabularyGz());
    const fromText = loadOpenAiVocabularyText(new Uint8Array(gunzipSync(clipVocabularyGz())));
    if (!fromGzip.ok || !fromText.ok) throw new Error("CLIP's vocabulary failed to load");
    expect([...fromText.value.tokenIds]).toEqual([...fromGzip.value.tokenIds]);
    expect([...fromText.value.mergeRanks]).toEqual([...fromGzip.value.mergeRanks]);
    expect(fromText.value.startOfTextId).toBe(49406);
    expect(fromText.value.endOfTextId).toBe(49407);
  });

  it("token ids match OpenAI's layout", () => {
    const loaded = loadOpenAiVocabularyText(new Uint8Array(gunzipSync(clipVocabularyGz())));
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(Object.fromEntries(loaded.value.tokenIds)).toEqual(huggingFaceFiles().vocab);
  });

  it("merge ranks follow file order", () => {
    const loaded = loadOpenAiVocabularyText(new Uint8Array(gunzipSync(clipVocabularyGz())));
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect([...loaded.value.mergeRanks.keys()]).toEqual(huggingFaceFiles().merges);
    expect([...loaded.value.mergeRanks.values()]).toEqual(Array.from({ length: CLIP_MERGE_COUNT }, (_, rank) => rank));
  });
});
