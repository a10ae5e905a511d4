import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeFrameFile, encodeFrameFile } from "./frame-file";

const sequencesArbitrary = fc.array(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), { maxLength: 5 });

describe("frame file", () => {
  it("round-trips any sequences", () => {
    fc.assert(
      fc.property(sequencesArbitrary, (sequences) => {
        expect(decodeFrameFile(encodeFrameFile(sequences))).toEqual(sequences);
      }),
    );
  });

  it("keeps empty frames and sequences", () => {
    const sequences = [[], [new Uint8Array(0)], [Uint8Array.of(1, 2)]];

    expect(decodeFrameFile(encodeFrameFile(sequences))).toEqual(sequences);
  });

  it("rejects a truncated file", () => {
    const file = encodeFrameFile([[Uint8Array.of(1, 2, 3)]]);

    expect(() => decodeFrameFile(file.subarray(0, file.length - 1))).toThrow(/runs past the end/);
  });
});
