import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkAssetId, checkIdBatch, utf8ByteLength } from "../../../core/index/asset-id";

describe("utf8ByteLength", () => {
  it("matches Node for any string", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (text) => {
      expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, "utf8"));
    }));
  });

  it("counts lone surrogates as 3 bytes", () => {
    expect(utf8ByteLength("\ud800")).toBe(3);
    expect(utf8ByteLength("\udc00a")).toBe(4);
    expect(utf8ByteLength("😀")).toBe(4);
  });
});

describe("checkAssetId", () => {
  it("accepts exactly 1024 bytes", () => {
    expect(checkAssetId("€".repeat(341) + "a", "test").ok).toBe(true);
  });

  it("rejects 1025 bytes", () => {
    const result = checkAssetId("€".repeat(341) + "ab", "test");
    expect(result.ok ? "ok" : result.error.code).toBe("ID_TOO_LONG");
  });

  it("rejects empty id", () => {
    const result = checkAssetId("", "test");
    expect(result.ok ? "ok" : result.error.code).toBe("EMPTY_ID");
  });
});

describe("checkIdBatch", () => {
  it("reports first duplicate with position", () => {
    const result = checkIdBatch(["a", "b", "a"], "Batch");
    expect(result.ok ? "ok" : result.error.code).toBe("DUPLICATE_ID");
    expect(result.ok ? "" : result.error.message).toContain("item 2");
  });
});
