import { beforeAll, describe, expect, it } from "vitest";
import { pb } from "../../bridge/codec";
import { errorCodeOf } from "../support/bridge-client";
import { protocDecode, protocEncode, isProtocAvailable, protocMissingNote } from "../support/protoc";
import { runFrames, type FrameOutcome } from "../support/run-frames";
import { nodeShell } from "../support/shell-runtime";
import { corpusFrames, firstDifference, loadConformanceCorpus, responseOf } from "./conformance-corpus";

const protoc = isProtocAvailable();
if (!protoc) console.warn(`skipping protoc checks: ${protocMissingNote}`);

/** A session written by hand in protobuf text format: open, sync, put, search, stats. */
const textRequests = [
  `request_id: 1
   open_index { model_id: "clip-vit-b32" dimension: 4 }`,
  `request_id: 2
   sync_manifest {
     first: true
     last: true
     entries { id: "IMG_0001.HEIC" created_ms: 1704067200000 modified_ms: 1704067200500 favorite: true media_type: MEDIA_TYPE_IMAGE }
     entries { id: "IMG_0002.PNG" modified_ms: 1 subtypes: MEDIA_SUBTYPE_SCREENSHOT album_ids: "album-1" location { latitude: 48.85 longitude: 2.35 } }
   }`,
  // Two float32 little-endian vectors: (1, 0, 0, 0) and (0, 1, 0, 0).
  `request_id: 3
   put_embeddings {
     ids: "IMG_0001.HEIC"
     ids: "IMG_0002.PNG"
     vectors: "\\000\\000\\200?\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\200?\\000\\000\\000\\000\\000\\000\\000\\000"
   }`,
  `request_id: 4
   search { queries { vector: "\\000\\000\\200?\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000" } top_k: 2 }`,
  `request_id: 5
   search { queries { asset_id: "IMG_0002.PNG" weight: 1 } top_k: 1 filter { subtypes_none: MEDIA_SUBTYPE_SCREENSHOT } }`,
  `request_id: 6
   get_stats { include_failures: true }`,
  `request_id: 7
   list_policies {}`,
];

describe.skipIf(!protoc)("core reads what protoc writes", () => {
  const corpus = loadConformanceCorpus();

  it("serves a text-format session", () => {
    const frames = textRequests.map((text) => protocEncode("queryable.v1.Request", text));
    const [outcomes] = runFrames(nodeShell, [frames]);

    const responses = outcomes!.map((outcome, i) => pb.Response.decode(responseOf(outcome, `text request ${i + 1}`)));

    responses.forEach((response, i) => {
      const code = errorCodeOf(response);
      const unserved = code === "UNKNOWN_REQUEST" && /not served/.test(response.error?.message ?? "");

      expect(response.requestId, `text request ${i + 1}`).toBe(i + 1);
      if (!unserved) expect(code, `text request ${i + 1}: ${response.error?.message}`).toBeUndefined();
    });

    // The query equals the first stored vector, so protoc's escaped bytes must rank it first with score 1.
    const search = responses[3]!;
    if (search.kind === "searchResult") {
      const best = search.searchResult?.hits?.[0];

      expect(best?.id).toBe("IMG_0001.HEIC");
      expect(best?.score).toBeCloseTo(1, 6);
    }
  });

  describe("corpus re-encoded by protoc", () => {
    let original: FrameOutcome[][];
    let reencoded: FrameOutcome[][];

    beforeAll(() => {
      // Valid requests go through protoc's text format and back. Frames that
      // are not valid Requests stay as they are.
      const protocFrames = corpus.map((sequence) =>
        sequence.frames.map((frame) =>
          frame.request === undefined ? frame.bytes : protocEncode("queryable.v1.Request", protocDecode("queryable.v1.Request", frame.bytes)),
        ),
      );
      original = runFrames(nodeShell, corpusFrames(corpus));
      reencoded = runFrames(nodeShell, protocFrames);
    });

    it("gives byte-identical responses", () => {
      expect(firstDifference(corpus, original, reencoded)).toBeUndefined();
    });
  });
});
