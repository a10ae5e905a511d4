// Image preprocessing requests: valid RGB and RGBA buffers of several
// shapes, and buffers that do not match their stated size.
import { CorpusSequence, SequenceBuilder } from "./corpus-sequence";
import { createSeededRandom } from "./library-fixture";

/** Returns the preprocessing sequence, pixels drawn from `seed`. */
export function imageSequences(seed: number): CorpusSequence[] {
  const random = createSeededRandom(seed);
  const image = (width: number, height: number, channels: number) => ({
    preprocessImage: { pixels: random.bytes(width * height * channels), width, height, channels },
  });

  const builder = new SequenceBuilder("image preprocessing")
    .request("RGB landscape", image(37, 21, 3), "result")
    .request("RGBA portrait", image(30, 64, 4), "result")
    .request("single pixel", image(1, 1, 3), "result")
    .request("exact model size", image(224, 224, 3), "result")
    .request("pixels too short", { preprocessImage: { pixels: random.bytes(10), width: 4, height: 4, channels: 3 } }, "INVALID_IMAGE")
    .request("two channels", { preprocessImage: { pixels: random.bytes(32), width: 4, height: 4, channels: 2 } }, "INVALID_IMAGE")
    .request("zero width", { preprocessImage: { pixels: new Uint8Array(0), width: 0, height: 4, channels: 3 } }, "INVALID_IMAGE");
  return [builder.build()];
}
