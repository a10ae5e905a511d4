import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUtf8, encodeUtf8, hasNonAscii } from "../../../../core/tokenizer/_internal/utf8";

// Node's strict decoder, keeping a leading byte order mark as decodeUtf8 does.
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

// Invalid inputs and the offset of their first invalid sequence.
const INVALID_CASES: readonly [string, number[], number][] = [
  ["overlong two bytes", [0x41, 0xc0, 0x80], 1],
  ["overlong three bytes", [0xe0, 0x80, 0x80], 0],
  ["overlong four bytes", [0xf0, 0x8f, 0xbf, 0xbf], 0],
  ["encoded surrogate", [0x61, 0x62, 0xed, 0xa0, 0x80], 2],
  ["code point past U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
  ["five byte form", [0xf8, 0x88, 0x80, 0x80, 0x80], 0],
  ["truncated sequence at end", [0x61, 0xc3], 1],
  ["lone continuation byte", [0x80], 0],
  ["byte 0xff", [0x61, 0x0a, 0xff], 2],
];

describe("decodeUtf8", () => {
  it.each(INVALID_CASES)("rejects %s at its offset", (_name, bytes, offset) => {
    expect(decodeUtf8(Uint8Array.from(bytes))).toEqual({ ok: false, offset });
  });

  it("keeps a leading byte order mark", () => {
    expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ ok: true, text: "\ufeffA" });
  });

  it("finds one bad byte in long ASCII", () => {
    const bytes = new Uint8Array(20_000).fill(0x41);
    bytes[17_001] = 0xe9;
    expect(decodeUtf8(bytes)).toEqual({ ok: false, offset: 17_001 });
    bytes[17_001] = 0x7f;
    expect(decodeUtf8(bytes)).toEqual({ ok: true, text: "A".repeat(17_001) + "\x7f" + "A".repeat(2_998) });
  });

  it("decodes empty input", () => {
    expect(decodeUtf8(new Uint8Array(0))).toEqual({ ok: true, text: "" });
  });

  it("decodes text longer than one chunk", () => {
    const text = "aé東🐕%\n".repeat(5000);
    expect(decodeUtf8(encodeUtf8(text))).toEqual({ ok: true, text });
  });

  it("round trips encodeUtf8 output", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (text) => {
        expect(decodeUtf8(encodeUtf8(text))).toEqual({ ok: true, text });
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it("agrees with TextDecoder on random bytes", () => {
    // Bytes from a small alphabet of lead, continuation and ASCII bytes, so
    // that valid and invalid sequences both come up often.
    const byte = fc.constantFrom(0x00, 0x0a, 0x25, 0x41, 0x7f, 0x80, 0x8f, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }).chain((random) => fc.array(byte, { maxLength: 12 }).map((picked) => Uint8Array.from([...random, ...picked]))), (bytes) => {
        let expected: string | undefined;
        try {
          expected = strictDecoder.decode(bytes);
        } catch {
          expected = undefined;
        }
        const decoded = decodeUtf8(bytes);
        expect(decoded.ok).toBe(expected !== undefined);
        if (decoded.ok) expect(decoded.text).toBe(expected);
      }),
      { numRuns: 5000, seed: 11 },
    );
  });
});

describe("hasNonAscii", () => {
  it("finds every char from 0x80 to 0xff", () => {
    for (let code = 0x80; code <= 0xff; code++) expect(hasNonAscii(`abc${String.fromCharCode(code)}def`)).toBe(true);
  });

  it("passes every ASCII char", () => {
    expect(hasNonAscii(Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code)).join(""))).toBe(false);
    expect(hasNonAscii("")).toBe(false);
  });
});
