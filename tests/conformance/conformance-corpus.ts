// The corpus as the conformance tests build it, with the CLIP vocabulary
// from QUERYABLE_CLIP_VOCAB when that is set, and helpers to compare runs.
import { existsSync, readFileSync } from "node:fs";
import { pb } from "../../bridge/codec";
import { buildRequestCorpus, type CorpusSequence } from "./request-corpus";
import type { FrameOutcome } from "../support/run-frames";

/** Path of OpenAI's bpe_simple_vocab_16e6.txt.gz from QUERYABLE_CLIP_VOCAB, or undefined. */
export const clipVocabularyPath = process.env.QUERYABLE_CLIP_VOCAB;

/** Builds the corpus the tests replay, and warns when tokenize successes are left out. */
export function loadConformanceCorpus(): CorpusSequence[] {
  if (clipVocabularyPath === undefined || !existsSync(clipVocabularyPath)) {
    console.warn(
      `QUERYABLE_CLIP_VOCAB is ${clipVocabularyPath === undefined ? "not set" : `${clipVocabularyPath}, which does not exist`}: ` +
        "the corpus leaves out LoadVocabulary and Tokenize successes",
    );
    return buildRequestCorpus();
  }
  return buildRequestCorpus({ clipVocabularyGz: new Uint8Array(readFileSync(clipVocabularyPath)) });
}

/** Returns the frame bytes of each sequence, in the shape runFrames takes. */
export function corpusFrames(corpus: readonly CorpusSequence[]): Uint8Array[][] {
  return corpus.map((sequence) => sequence.frames.map((frame) => frame.bytes));
}

/** Names a frame for failure messages: sequence name and frame label. */
export function frameName(corpus: readonly CorpusSequence[], sequence: number, frame: number): string {
  return `"${corpus[sequence]?.name}" / "${corpus[sequence]?.frames[frame]?.label}"`;
}

/** Returns the response bytes of an outcome, or throws with the message that handle() threw. */
export function responseOf(outcome: FrameOutcome | undefined, where: string): Uint8Array {
  if (outcome === undefined) throw new Error(`no outcome for ${where}`);
  if ("thrown" in outcome) throw new Error(`handle() threw for ${where}: ${outcome.thrown}`);
  return outcome.response;
}

/**
 * Returns a description of the first frame whose outcome differs between two
 * runs of the same corpus, or undefined when every outcome is byte-identical.
 */
export function firstDifference(
  corpus: readonly CorpusSequence[],
  expected: readonly FrameOutcome[][],
  actual: readonly FrameOutcome[][],
): string | undefined {
  for (let s = 0; s < corpus.length; s++) {
    const frames = corpus[s]!.frames.length;
    for (let f = 0; f < frames; f++) {
      if (toHex(expected[s]?.[f]) === toHex(actual[s]?.[f])) continue;
      return `${frameName(corpus, s, f)}:\n  expected ${summarize(expected[s]?.[f])}\n  actual   ${summarize(actual[s]?.[f])}`;
    }
  }
  return undefined;
}

function toHex(outcome: FrameOutcome | undefined): string {
  if (outcome === undefined) return "(missing)";
  if ("thrown" in outcome) return `threw ${outcome.thrown}`;
  return Buffer.from(outcome.response).toString("hex");
}

/** Shows a response as its kind and error message, which is where runtimes usually differ. */
function summarize(outcome: FrameOutcome | undefined): string {
  if (outcome === undefined || "thrown" in outcome) return toHex(outcome);
  try {
    const response = pb.Response.decode(outcome.response);
    const error = response.error ? ` ${pb.Error.Code[response.error.code ?? 0]}: ${response.error.message}` : "";
    return `${response.kind}${error} (${outcome.response.length} bytes)`;
  } catch {
    return toHex(outcome).slice(0, 400);
  }
}
