import { crc32 as zlibCrc32 } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crc32 } from "../../../core/persistence/crc32";

describe("crc32", () => {
  it("check value of 123456789", () => {
    expect(crc32(Uint8Array.from("123456789", (c) => c.charCodeAt(0)))).toBe(0xcbf43926);
  });

  it("empty input is zero", () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("matches zlib on random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }));
  });

  it("range equals crc of subarray", () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.nat(), fc.nat(), (bytes, a, b) => {
      const start = a % bytes.length;
      const end = start + (b % (bytes.length - start + 1));
      expect(crc32(bytes, start, end)).toBe(zlibCrc32(bytes.subarray(start, end)));
    }));
  });
});
