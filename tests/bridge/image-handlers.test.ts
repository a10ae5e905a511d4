import { describe, expect, it } from "vitest";
import { pb } from "../../bridge/codec";
import { preprocessClipImage } from "../../core/preprocess/clip-image-preprocessing";
import { createBridgeClient } from "../support/bridge-client";
import { runFrames, type FrameOutcome } from "../support/run-frames";
import { createSeededRandom } from "../support/seeded-random";
import { isJscAvailable, jscMissingNote, jscNoJit } from "../support/shell-runtime";

function errorCode(response: InstanceType<typeof pb.Response>): string | undefined {
  return response.error ? pb.Error.Code[response.error.code ?? 0] : undefined;
}

function tensorOf(response: InstanceType<typeof pb.Response>): Float32Array {
  // bytes fields decode as unaligned views, so copy before viewing as float32.
  const bytes = Uint8Array.from(response.preprocessResult?.tensor ?? []);
  return new Float32Array(bytes.buffer);
}

const random = createSeededRandom(99);
const WIDTH = 300;
const HEIGHT = 241;
const PIXELS = random.bytes(WIDTH * HEIGHT * 4);

describe("image handlers", () => {
  it("preprocess returns float32 tensor", () => {
    const response = createBridgeClient().send({ preprocessImage: { pixels: PIXELS, width: WIDTH, height: HEIGHT, channels: 4 } });
    expect(errorCode(response)).toBeUndefined();
    expect(response.preprocessResult?.size).toBe(224);

    const expected = preprocessClipImage(PIXELS, WIDTH, HEIGHT, 4);
    expect(expected.ok).toBe(true);
    if (expected.ok) expect(tensorOf(response)).toEqual(expected.value);
  });

  it("wrong buffer length names sizes", () => {
    const response = createBridgeClient().send({ preprocessImage: { pixels: PIXELS, width: WIDTH, height: HEIGHT, channels: 3 } });
    expect(errorCode(response)).toBe("INVALID_IMAGE");
    expect(response.error?.message).toContain(`${PIXELS.length} bytes`);
    expect(response.error?.message).toContain("300x241");
  });

  it("missing channels fails", () => {
    const response = createBridgeClient().send({ preprocessImage: { pixels: PIXELS, width: WIDTH, height: HEIGHT } });
    expect(errorCode(response)).toBe("INVALID_IMAGE");
    expect(response.error?.message).toContain("channels is 0");
  });

  it.skipIf(!isJscAvailable())(`bundle in jsc without JIT matches${isJscAvailable() ? "" : ` (skipped: ${jscMissingNote})`}`, () => {
    const frame = pb.Request.encode({ requestId: 1, preprocessImage: { pixels: PIXELS, width: WIDTH, height: HEIGHT, channels: 4 } }).finish();
    const outcome = (runFrames(jscNoJit, [[frame]])[0] as FrameOutcome[])[0] as FrameOutcome;
    if (!("response" in outcome)) throw new Error(`handle() threw in jsc: ${outcome.thrown}`);

    const expected = preprocessClipImage(PIXELS, WIDTH, HEIGHT, 4);
    expect(expected.ok).toBe(true);
    if (expected.ok) expect(tensorOf(pb.Response.decode(outcome.response))).toEqual(expected.value);
  });
});
