import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gunzipLines } from "../../../../core/tokenizer/_internal/gunzip-lines";

function numberedLines(count: number): Buffer {
  return Buffer.from(Array.from({ length: count }, (_, index) => `line ${index} ${"x".repeat(index % 50)}\n`).join(""));
}

function countNewlines(bytes: Uint8Array): number {
  return bytes.filter((byte) => byte === 0x0a).length;
}

describe("gunzipLines", () => {
  it("stops after enough lines", () => {
    const text = numberedLines(60_000);
    const out = gunzipLines(new Uint8Array(gzipSync(text)), 1000);
    expect(countNewlines(out)).toBeGreaterThanOrEqual(1000);
    expect(out.length).toBeLessThan(text.length);
    expect(Buffer.from(out).equals(text.subarray(0, out.length))).toBe(true);
  });

  it("returns everything when lines run out", () => {
    const text = numberedLines(300);
    expect(Buffer.from(gunzipLines(new Uint8Array(gzipSync(text)), 1000)).equals(text)).toBe(true);
  });

  it("output is a prefix for any text", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100_000 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 9 }), (bytes, lineCount, level) => {
        const text = Buffer.from(bytes);
        const out = Buffer.from(gunzipLines(new Uint8Array(gzipSync(text, { level })), lineCount));
        expect(out.equals(text.subarray(0, out.length))).toBe(true);
        expect(countNewlines(out) >= lineCount || out.length === text.length).toBe(true);
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  it("invalid gzip data throws", () => {
    expect(() => gunzipLines(new TextEncoder().encode("#version: 0.2\na b\n"), 10)).toThrow("invalid gzip data");
  });

  it("truncated header returns nothing", () => {
    expect(gunzipLines(Uint8Array.from([0x1f, 0x8b, 0x08]), 10).length).toBe(0);
  });
});
