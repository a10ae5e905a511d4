import { describe, expect, it } from "vitest";
import { benchAssetId, benchAssetRow } from "../../bench/_internal/prepare-workload";

describe("benchAssetId", () => {
  it("round trips through benchAssetRow", () => {
    for (const row of [0, 1, 15, 16, 999_999, 1_000_000, 2 ** 32, 123_456_789]) {
      expect(benchAssetRow(benchAssetId(row))).toBe(row);
    }
  });

  it("is PhotoKit-shaped", () => {
    const id = benchAssetId(42);
    expect(id).toHaveLength(43);
    expect(id).toMatch(/^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\/L0\/001$/);
  });

  it("ids are distinct", () => {
    const ids = new Set(Array.from({ length: 100_000 }, (_, row) => benchAssetId(row)));
    expect(ids.size).toBe(100_000);
  });

  it("rejects other ids", () => {
    expect(benchAssetRow("photo-0000001")).toBe(-1);
    expect(benchAssetRow(`${benchAssetId(3)}x`)).toBe(-1);
  });
});
