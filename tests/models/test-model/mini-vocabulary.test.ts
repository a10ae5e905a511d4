// Core's tokenizer, loaded through the bridge, must give colour words the same
// ids from the generated mini vocabulary as from OpenAI's real one.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { colours } from "../../../models/test-model/colour-words";
import { buildMiniVocabulary } from "../../../models/test-model/mini-vocabulary";
import { createBridgeClient, expectResult } from "../../support/bridge-client";

const vocabPath = process.env.QUERYABLE_CLIP_VOCAB;
const realVocabAvailable = vocabPath !== undefined && vocabPath.endsWith(".gz") && existsSync(vocabPath);
if (!realVocabAvailable) {
  console.warn("QUERYABLE_CLIP_VOCAB is unset or not a .gz file: skipping the comparison of mini and real vocabularies in core's tokenizer");
}

const texts = [
  ...colours.flatMap((colour) => colour.words.map((word) => word.word)),
  "Red", "a RED car", "blue, green and yellow", "greyish", "dog",
];

function tokenizeWith(vocabulary: { bpeGz: Uint8Array } | { vocabJson: Uint8Array; mergesTxt: Uint8Array }): number[][] {
  const client = createBridgeClient();
  expectResult(client.send({ loadVocabulary: vocabulary }), "vocabularyLoaded");
  const result = expectResult(client.send({ tokenize: { texts } }), "tokenizeResult");
  return (result.results ?? []).map((tokens) => tokens.ids ?? []);
}

function miniTokens(): number[][] {
  const mini = buildMiniVocabulary();
  const encoder = new TextEncoder();
  return tokenizeWith({ vocabJson: encoder.encode(mini.vocabJson), mergesTxt: encoder.encode(mini.mergesTxt) });
}

const colourIds = new Set(colours.flatMap((colour) => colour.words.map((word) => word.tokenId)));

describe("mini vocabulary in core tokenizer", () => {
  it("tokenizes colour words to their ids", () => {
    const ids = miniTokens();

    colours.flatMap((colour) => colour.words).forEach((word, index) => {
      expect(ids[index]?.slice(0, 3), `ids of "${word.word}"`).toEqual([49406, word.tokenId, 49407]);
    });
  });

  it.skipIf(!realVocabAvailable)("matches real vocabulary on colour ids", () => {
    const mini = miniTokens();
    const real = tokenizeWith({ bpeGz: new Uint8Array(readFileSync(vocabPath as string)) });

    texts.forEach((text, index) => {
      const miniColours = mini[index]?.filter((id) => colourIds.has(id));
      const realColours = real[index]?.filter((id) => colourIds.has(id));
      expect(miniColours, `colour ids of "${text}"`).toEqual(realColours);
    });
  });
});
