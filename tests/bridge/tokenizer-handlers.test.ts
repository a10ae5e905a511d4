import { gunzipSync, gzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { pb } from "../../bridge/codec";
import { createCore } from "../../bridge/handle";
import { createBridgeClient } from "../support/bridge-client";
import { runFrames, type FrameOutcome } from "../support/run-frames";
import { isJscAvailable, jscMissingNote, jscNoJit } from "../support/shell-runtime";
import { clipVocabularyGz, hasClipVocabulary, huggingFaceFiles, vocabularyMissingNote } from "../core/tokenizer/clip-vocabulary-fixture";

const text = new TextEncoder();

function errorCode(response: InstanceType<typeof pb.Response>): string | undefined {
  return response.error ? pb.Error.Code[response.error.code ?? 0] : undefined;
}

describe("tokenizer handlers errors", () => {
  it("tokenize before vocabulary fails", () => {
    const response = createBridgeClient().send({ tokenize: { texts: ["a dog"] } });
    expect(errorCode(response)).toBe("VOCABULARY_NOT_LOADED");
    expect(response.error?.message).toContain("LoadVocabulary");
  });

  it("empty load vocabulary fails", () => {
    expect(errorCode(createBridgeClient().send({ loadVocabulary: {} }))).toBe("INVALID_VOCABULARY");
  });

  it("bytes that are not gzip fail", () => {
    const response = createBridgeClient().send({ loadVocabulary: { bpeGz: text.encode("#version: 0.2\na b\n") } });
    expect(errorCode(response)).toBe("INVALID_VOCABULARY");
    expect(response.error?.message).toContain("not gzip");
  });

  it("too short gzip fails", () => {
    const response = createBridgeClient().send({ loadVocabulary: { bpeGz: gzipSync(text.encode("#version: 0.2\na b\n")) } });
    expect(errorCode(response)).toBe("INVALID_VOCABULARY");
    expect(response.error?.message).toContain("3 lines");
  });

  it("vocab json without merges fails", () => {
    const response = createBridgeClient().send({ loadVocabulary: { vocabJson: text.encode("{}") } });
    expect(errorCode(response)).toBe("INVALID_VOCABULARY");
    expect(response.error?.message).toContain("both files");
  });

  it("invalid vocab json fails", () => {
    const response = createBridgeClient().send({ loadVocabulary: { vocabJson: text.encode("{oops"), mergesTxt: text.encode("a b\n") } });
    expect(errorCode(response)).toBe("INVALID_VOCABULARY");
    expect(response.error?.message).toContain("not valid JSON");
  });

  it("bpe_txt with bpe_gz fails", () => {
    const response = createBridgeClient().send({ loadVocabulary: { bpeTxt: text.encode("#version: 0.2\na b\n"), bpeGz: gzipSync(text.encode("#version: 0.2\na b\n")) } });
    expect(errorCode(response)).toBe("INVALID_VOCABULARY");
    expect(response.error?.message).toContain("sets bpe_txt and bpe_gz");
  });

  it("bpe_txt with vocab json fails", () => {
    const response = createBridgeClient().send({ loadVocabulary: { bpeTxt: text.encode("#version: 0.2\na b\n"), vocabJson: text.encode("{}") } });
    expect(errorCode(response)).toBe("INVALID_VOCABULARY");
    expect(response.error?.message).toContain("send one vocabulary");
  });

  it("too short bpe_txt fails", () => {
    const response = createBridgeClient().send({ loadVocabulary: { bpeTxt: text.encode("#version: 0.2\na b\n") } });
    expect(errorCode(response)).toBe("INVALID_VOCABULARY");
    expect(response.error?.message).toContain("bpe_txt has 3 lines");
  });
});

const skipNote = hasClipVocabulary ? "" : ` (skipped: ${vocabularyMissingNote})`;

describe.skipIf(!hasClipVocabulary)(`tokenizer handlers with CLIP vocabulary${skipNote}`, () => {
  it("load reports vocabulary size", () => {
    const response = createBridgeClient().send({ loadVocabulary: { bpeGz: clipVocabularyGz() } });
    expect(errorCode(response)).toBeUndefined();
    expect(response.vocabularyLoaded?.vocabularySize).toBe(49408);
    expect(response.vocabularyLoaded?.merges).toBe(48894);
  });

  it("load of bpe_txt reports vocabulary size", () => {
    const response = createBridgeClient().send({ loadVocabulary: { bpeTxt: gunzipSync(clipVocabularyGz()) } });
    expect(errorCode(response)).toBeUndefined();
    expect(response.vocabularyLoaded?.vocabularySize).toBe(49408);
    expect(response.vocabularyLoaded?.merges).toBe(48894);
  });

  it("bpe_txt tokenizes as bpe_gz", () => {
    const texts = ["Hello World!", "café 東京 🐕 it’s 3:30pm &amp; <b>bold</b>", "a ".repeat(100)];
    const fromText = createBridgeClient();
    fromText.send({ loadVocabulary: { bpeTxt: gunzipSync(clipVocabularyGz()) } });
    const fromGzip = createBridgeClient();
    fromGzip.send({ loadVocabulary: { bpeGz: clipVocabularyGz() } });
    expect(fromText.send({ tokenize: { texts } }).tokenizeResult).toEqual(fromGzip.send({ tokenize: { texts } }).tokenizeResult);
  });

  it("tokenize batch returns each text", () => {
    const client = createBridgeClient();
    client.send({ loadVocabulary: { bpeGz: clipVocabularyGz() } });
    const response = client.send({ tokenize: { texts: ["Hello World!", "a ".repeat(100)] } });
    const [first, second] = response.tokenizeResult?.results ?? [];
    expect(first?.ids?.slice(0, 5)).toEqual([49406, 3306, 1002, 256, 49407]);
    expect(first?.ids?.length).toBe(77);
    expect(first?.truncated).toBe(false);
    expect(second?.truncated).toBe(true);
  });

  it("hugging face pair equals gzip", () => {
    const { vocab, merges } = huggingFaceFiles();
    const client = createBridgeClient();
    const loaded = client.send({ loadVocabulary: { vocabJson: text.encode(JSON.stringify(vocab)), mergesTxt: text.encode(`#version: 0.2\n${merges.join("\n")}\n`) } });
    expect(loaded.vocabularyLoaded?.vocabularySize).toBe(49408);
    const response = client.send({ tokenize: { texts: ["the quick brown fox jumped over the lazy dog"] } });
    expect(response.tokenizeResult?.results?.[0]?.ids?.slice(0, 11)).toEqual([49406, 518, 3712, 2866, 3240, 16901, 962, 518, 10753, 1929, 49407]);
  });

  it("failed reload keeps old vocabulary", () => {
    const client = createBridgeClient();
    client.send({ loadVocabulary: { bpeGz: clipVocabularyGz() } });
    expect(errorCode(client.send({ loadVocabulary: { bpeGz: text.encode("junk") } }))).toBe("INVALID_VOCABULARY");
    expect(errorCode(client.send({ tokenize: { texts: ["a dog"] } }))).toBeUndefined();
  });

  it("context length out of range fails", () => {
    const client = createBridgeClient();
    client.send({ loadVocabulary: { bpeGz: clipVocabularyGz() } });
    expect(errorCode(client.send({ tokenize: { texts: ["a"], contextLength: 1 } }))).toBe("INVALID_PARAMETER");
  });

  it.skipIf(!isJscAvailable())(`bundle in jsc without JIT matches${isJscAvailable() ? "" : ` (skipped: ${jscMissingNote})`}`, () => {
    const texts = ["Hello World!", "café 東京 🐕 it’s 3:30pm &amp; <b>bold</b>", "\u00a0ﬁsh\u3000ＡＢＣ", "a ".repeat(100)];
    const frames = [
      pb.Request.encode({ requestId: 1, loadVocabulary: { bpeGz: clipVocabularyGz() } }).finish(),
      pb.Request.encode({ requestId: 2, tokenize: { texts } }).finish(),
    ];
    const outcomes = runFrames(jscNoJit, [frames])[0] as FrameOutcome[];
    const responses = outcomes.map((outcome) => {
      if (!("response" in outcome)) throw new Error(`handle() threw in jsc: ${outcome.thrown}`);
      return pb.Response.decode(outcome.response);
    });

    const inProcess = createBridgeClient();
    inProcess.send({ loadVocabulary: { bpeGz: clipVocabularyGz() } });
    const expected = inProcess.send({ tokenize: { texts } });
    expect(responses[0]?.vocabularyLoaded?.vocabularySize).toBe(49408);
    expect(responses[1]?.tokenizeResult?.results?.map((result) => result.ids)).toEqual(expected.tokenizeResult?.results?.map((result) => result.ids));
  });

  it.skipIf(!isJscAvailable())(`bpe_txt responses in jsc without JIT equal Node's${isJscAvailable() ? "" : ` (skipped: ${jscMissingNote})`}`, () => {
    const invalidUtf8 = gunzipSync(clipVocabularyGz());
    invalidUtf8[1000] = 0xff;
    const frames = [
      pb.Request.encode({ requestId: 1, loadVocabulary: { bpeTxt: invalidUtf8 } }).finish(),
      pb.Request.encode({ requestId: 2, loadVocabulary: { bpeTxt: gunzipSync(clipVocabularyGz()) } }).finish(),
      pb.Request.encode({ requestId: 3, tokenize: { texts: ["café 東京 🐕 it’s 3:30pm &amp; <b>bold</b>", "a ".repeat(100)] } }).finish(),
    ];
    const outcomes = runFrames(jscNoJit, [frames])[0] as FrameOutcome[];

    const inProcess = createCore();
    frames.forEach((frame, index) => {
      const outcome = outcomes[index] as FrameOutcome;
      if (!("response" in outcome)) throw new Error(`handle() threw in jsc on frame ${index}: ${outcome.thrown}`);
      expect(Array.from(outcome.response), `response ${index}`).toEqual(Array.from(inProcess.handle(frame)));
    });
    expect(errorCode(pb.Response.decode((outcomes[0] as { response: Uint8Array }).response))).toBe("INVALID_VOCABULARY");
  });
});
