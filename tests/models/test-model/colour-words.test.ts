import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { byteTokens } from "../../../models/test-model/byte-tokens";
import { colours, tokenIdOfMerge } from "../../../models/test-model/colour-words";
import { buildMiniVocabulary } from "../../../models/test-model/mini-vocabulary";
import { applyBpe, rankMerges } from "./bpe-reference";

const vocabPath = process.env.QUERYABLE_CLIP_VOCAB;
const realVocabAvailable = vocabPath !== undefined && vocabPath.endsWith(".gz") && existsSync(vocabPath);
if (!realVocabAvailable) {
  console.warn("QUERYABLE_CLIP_VOCAB is unset or not a .gz file: skipping checks of colour token ids against the real CLIP vocabulary");
}

// OpenAI's file: a header line, then 49152 - 256 - 2 merges used by CLIP.
function realMerges(): string[] {
  const text = new TextDecoder().decode(gunzipSync(readFileSync(vocabPath as string)));
  return text.split("\n").slice(1, 49152 - 256 - 2 + 1);
}

const words = colours.flatMap((colour) => colour.words);

describe("byteTokens", () => {
  it("orders printable bytes first", () => {
    const tokens = byteTokens();

    expect(tokens.length).toBe(256);
    expect(tokens[0]).toEqual({ byte: 0x21, token: "!" });
    expect(tokens[64]).toEqual({ byte: 0x61, token: "a" });
  });

  it("maps space to U+0120", () => {
    const space = byteTokens().findIndex(({ byte }) => byte === 0x20);

    expect(byteTokens()[space]?.token).toBe("\u0120");
    expect(space).toBe(220);
  });
});

describe("colour word table", () => {
  it.skipIf(!realVocabAvailable)("merge ranks match real vocabulary", () => {
    const merges = realMerges();

    for (const word of words) {
      for (const merge of word.merges) {
        expect(merges[merge.rank], `merge ${merge.rank} of "${word.word}"`).toBe(`${merge.left} ${merge.right}`);
      }
    }
  });

  it.skipIf(!realVocabAvailable)("token ids match real BPE", () => {
    const ranks = rankMerges(realMerges());

    for (const word of words) {
      const { tokens, used } = applyBpe(word.word, ranks);
      expect(tokens, `tokens of "${word.word}"`).toEqual([`${word.word}</w>`]);
      expect(tokenIdOfMerge(ranks.get(used[used.length - 1] as string) as number), `id of "${word.word}"`).toBe(word.tokenId);
      expect(used, `merges of "${word.word}"`).toEqual(word.merges.map((merge) => `${merge.left} ${merge.right}`));
    }
  });
});

describe("buildMiniVocabulary", () => {
  const mini = buildMiniVocabulary();
  const vocab = JSON.parse(mini.vocabJson) as Record<string, number>;
  const miniRanks = rankMerges(mini.mergesTxt.trimEnd().split("\n").slice(1));

  it("makes each colour word one token", () => {
    for (const word of words) {
      const { tokens } = applyBpe(word.word, miniRanks);
      expect(tokens, `tokens of "${word.word}"`).toEqual([`${word.word}</w>`]);
      expect(vocab[`${word.word}</w>`], `id of "${word.word}"`).toBe(word.tokenId);
    }
  });

  it("gives every merge result an id", () => {
    for (const line of miniRanks.keys()) {
      expect(vocab[line.replace(" ", "")], `token of merge "${line}"`).toBeTypeOf("number");
    }
  });

  it("keeps special and byte ids", () => {
    expect(vocab["<|startoftext|>"]).toBe(49406);
    expect(vocab["<|endoftext|>"]).toBe(49407);
    expect(vocab["!"]).toBe(0);
    expect(vocab["!</w>"]).toBe(256);
  });

  it("falls back to bytes for other words", () => {
    const { tokens } = applyBpe("dog", miniRanks);

    expect(tokens).toEqual(["d", "o", "g</w>"]);
  });
});
