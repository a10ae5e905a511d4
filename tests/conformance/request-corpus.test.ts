import { describe, expect, it } from "vitest";
import { pb } from "../../bridge/codec";
import { schema } from "../support/schema-reflection";
import { buildRequestCorpus, DEFAULT_CORPUS_SEED } from "./request-corpus";
import { loadConformanceCorpus } from "./conformance-corpus";

// Reflection over the .proto files, so a kind or code added to the schema
// is noticed here even before the generated classes are rebuilt.
const requestKinds = schema.lookupType("queryable.v1.Request").oneofs.kind!.fieldsArray.map((field) => field.name);
const errorCodes = Object.keys(schema.lookupEnum("queryable.v1.Error.Code").values);

describe("request corpus", () => {
  const corpus = loadConformanceCorpus();
  const frames = corpus.flatMap((sequence) => sequence.frames);

  it("repeats bytes for a seed", () => {
    const again = loadConformanceCorpus();

    expect(again.map((sequence) => sequence.frames.map((frame) => Buffer.from(frame.bytes).toString("hex")))).toEqual(
      corpus.map((sequence) => sequence.frames.map((frame) => Buffer.from(frame.bytes).toString("hex"))),
    );
  });

  it("changes bytes with the seed", () => {
    const other = buildRequestCorpus({ seed: DEFAULT_CORPUS_SEED + 1 });
    const hex = (c: typeof corpus) => c.flatMap((s) => s.frames.map((f) => Buffer.from(f.bytes).toString("hex"))).join("");

    expect(hex(other)).not.toBe(hex(buildRequestCorpus()));
  });

  it("covers every request kind", () => {
    const covered = new Set(frames.filter((frame) => frame.request !== undefined).map((frame) => pb.Request.decode(frame.bytes).kind));

    expect(requestKinds.filter((kind) => !covered.has(kind as never))).toEqual([]);
  });

  it("targets every error code", () => {
    const targeted = new Set<string>(frames.map((frame) => frame.expect));
    // INTERNAL is a bug in core, and CODE_UNSPECIFIED is never sent.
    const reachable = errorCodes.filter((code) => code !== "INTERNAL" && code !== "CODE_UNSPECIFIED");

    expect(reachable.filter((code) => !targeted.has(code))).toEqual([]);
  });

  it("encodes each request as recorded", () => {
    for (const frame of frames.filter((f) => f.request !== undefined)) {
      expect(pb.Request.decode(frame.bytes).requestId, frame.label).toBe(frame.request!.requestId);
    }
  });
});
