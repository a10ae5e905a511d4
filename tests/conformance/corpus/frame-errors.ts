// Frames that are not valid requests, or requests of no kind this core serves.
import { CorpusSequence, SequenceBuilder } from "./corpus-sequence";
import { createSeededRandom } from "./library-fixture";

/** Returns the frame-level error sequences: empty, garbage, truncated and kindless frames. */
export function frameErrorSequences(seed: number): CorpusSequence[] {
  const random = createSeededRandom(seed);
  const builder = new SequenceBuilder("frame errors")
    .raw("empty frame", new Uint8Array(0), "EMPTY_FRAME")
    // Field 99 with wire type 7, which does not exist.
    .raw("invalid wire type", Uint8Array.of(0x9f, 0x06), "MALFORMED_FRAME")
    // A varint whose continuation bit is set on the last byte.
    .raw("truncated varint", Uint8Array.of(0x08, 0xff), "MALFORMED_FRAME")
    // open_index (field 10) claims 16 bytes and carries 1.
    .raw("length past end", Uint8Array.of(0x52, 0x10, 0x00), "MALFORMED_FRAME")
    .raw("truncated request", truncatedSearchRequest(), "MALFORMED_FRAME");

  for (let i = 0; i < 4; i++) {
    // Random bytes may happen to parse, so only identical handling is expected.
    builder.raw(`random bytes ${i + 1}`, random.bytes(random.int(1, 64)), "any");
  }

  builder
    .request("request id only", {}, "UNKNOWN_REQUEST")
    // request_id 7, then field 99 (no such field) as a varint: skipped by decoders, so no kind is set.
    .raw("unknown field only", Uint8Array.of(0x08, 0x07, 0x98, 0x06, 0x01), "UNKNOWN_REQUEST")
    // Tokenize text with bytes that are not UTF-8, which decoders replace with U+FFFD.
    .raw("invalid UTF-8 text", Uint8Array.of(0x08, 0x08, 0xaa, 0x01, 0x04, 0x0a, 0x02, 0xff, 0xfe), "any")
    .raw("two kinds in one frame", twoKindFrame(), "any")
    .request("list policies after garbage", { listPolicies: {} }, "result");

  return [builder.build()];
}

function truncatedSearchRequest(): Uint8Array {
  const whole = new SequenceBuilder("scratch")
    .request("search", { search: { queries: [{ assetId: "asset-0001" }], topK: 5 } }, "any")
    .build().frames[0]!.bytes;
  return whole.slice(0, whole.length - 3);
}

/** Returns a frame with list_policies (16) followed by get_stats (17), of which the last one wins the oneof. */
function twoKindFrame(): Uint8Array {
  return Uint8Array.of(0x08, 0x09, 0x82, 0x01, 0x00, 0x8a, 0x01, 0x00);
}
