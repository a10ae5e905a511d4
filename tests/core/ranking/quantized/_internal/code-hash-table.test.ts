import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CodeHashTable } from "../../../../../core/ranking/quantized/_internal/code-hash-table";

function slotsUnder(table: CodeHashTable, hash: number): number[] {
  const slots: number[] = [];
  table.forEach(hash, (slot) => slots.push(slot));
  return slots.sort((a, b) => a - b);
}

describe("CodeHashTable", () => {
  it("finds every pair after reserve", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -8, max: 8 }), { maxLength: 300 }), fc.nat(400), (hashes, reserved) => {
        const table = new CodeHashTable();
        table.reserve(reserved);
        hashes.forEach((hash, slot) => table.add(hash, slot));

        for (const hash of new Set(hashes)) {
          const expected = hashes.flatMap((h, slot) => (h === hash ? [slot] : []));
          expect(slotsUnder(table, hash)).toEqual(expected);
        }
      }),
    );
  });

  it("reserve sizes the table once", () => {
    const table = new CodeHashTable();
    table.reserve(100_000);
    const reservedBytes = table.byteLength;
    for (let slot = 0; slot < 100_000; slot++) table.add(slot * 7919, slot);

    expect(table.byteLength).toBe(reservedBytes);
    // The smallest power of two that keeps the table at most half full.
    expect(reservedBytes).toBe(2 * 4 * 262_144);
  });

  it("delete after reserve", () => {
    const table = new CodeHashTable();
    table.add(5, 0);
    table.add(5, 1);
    table.reserve(50);
    table.delete(5, 0);
    expect(slotsUnder(table, 5)).toEqual([1]);
  });
});
