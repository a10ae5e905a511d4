import { beforeAll, describe, expect, it } from "vitest";
import { createCore } from "../../bridge/handle";
import { runFrames, type FrameOutcome } from "../support/run-frames";
import { isJscAvailable, jscMissingNote, jscNoJit, jscWithJit, nodeShell } from "../support/shell-runtime";
import { corpusFrames, firstDifference, frameName, loadConformanceCorpus } from "./conformance-corpus";

const corpus = loadConformanceCorpus();
const frames = corpusFrames(corpus);
const jsc = isJscAvailable();
if (!jsc) console.warn(`skipping jsc runs: ${jscMissingNote}`);

/** Runs the corpus in-process on the TypeScript sources, one core per sequence. */
function runInProcess(): FrameOutcome[][] {
  return frames.map((sequence) => {
    const core = createCore();
    return sequence.map((frame): FrameOutcome => {
      try {
        return { response: core.handle(frame) };
      } catch (thrown) {
        return { thrown: String(thrown) };
      }
    });
  });
}

describe("core bundle across runtimes", () => {
  let node: FrameOutcome[][];

  beforeAll(() => {
    node = runFrames(nodeShell, frames);
  });

  it("never throws from handle", () => {
    const thrown = node.flatMap((sequence, s) =>
      sequence.flatMap((outcome, f) => ("thrown" in outcome ? [`${frameName(corpus, s, f)}: ${outcome.thrown}`] : [])),
    );

    expect(thrown).toEqual([]);
  });

  it("matches the TypeScript sources", () => {
    // A difference here usually means dist/ is stale: run `node build.mjs`.
    expect(firstDifference(corpus, runInProcess(), node)).toBeUndefined();
  });

  it.skipIf(!jsc)("matches Node in jsc without JIT", () => {
    expect(firstDifference(corpus, node, runFrames(jscNoJit, frames))).toBeUndefined();
  });

  it.skipIf(!jsc)("matches Node in jsc with JIT", () => {
    expect(firstDifference(corpus, node, runFrames(jscWithJit, frames))).toBeUndefined();
  });
});
