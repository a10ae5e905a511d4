import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KernelArena, REGION_ALIGNMENT, arrayBufferBacking, type Region } from "../../../../core/ranking/kernels/kernel-arena";
import { createWasmKernel } from "../../../../core/ranking/kernels/wasm-kernel";

function fillPattern(bytes: Uint8Array, seed: number): void {
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + seed) & 0xff;
}

function arenas(): [string, KernelArena][] {
  const wasm = createWasmKernel();
  const list: [string, KernelArena][] = [["array buffer", new KernelArena(arrayBufferBacking())]];
  if (wasm !== null) list.push(["wasm memory", wasm.arena]);
  return list;
}

describe("KernelArena", () => {
  it.each(arenas())("growth keeps region contents (%s)", (_name, arena) => {
    const first = arena.addRegion(3);
    const fixed = arena.addRegion(0, 40);
    const second = arena.addRegion(64);
    arena.ensureCapacity(10);
    fillPattern(first.u8(), 1);
    fillPattern(fixed.u8(), 2);
    fillPattern(second.u8(), 3);
    const before = [first.u8().slice(), fixed.u8().slice(), second.u8().slice()];

    arena.ensureCapacity(5000);

    expect(first.u8().subarray(0, 30)).toEqual(before[0]);
    expect(fixed.u8()).toEqual(before[1]);
    expect(second.u8().subarray(0, 640)).toEqual(before[2]);
  });

  it.each(arenas())("grown slots start zeroed (%s)", (_name, arena) => {
    const first = arena.addRegion(8);
    const second = arena.addRegion(8);
    arena.ensureCapacity(4);
    first.u8().fill(0xff);
    second.u8().fill(0xff);

    arena.ensureCapacity(100);

    expect(first.u8().subarray(32).every((b) => b === 0)).toBe(true);
    expect(second.u8().subarray(32).every((b) => b === 0)).toBe(true);
  });

  it("regions are aligned and disjoint", () => {
    const arena = new KernelArena(arrayBufferBacking());
    const regions = [arena.addRegion(3), arena.addRegion(1, 7), arena.addRegion(64)];
    arena.ensureCapacity(13);

    for (const region of regions) expect(region.offset % REGION_ALIGNMENT).toBe(0);
    for (let i = 1; i < regions.length; i++) {
      expect(regions[i]!.offset).toBeGreaterThanOrEqual(regions[i - 1]!.offset + regions[i - 1]!.byteLength);
    }
  });

  it("fixed part growth keeps slots", () => {
    const arena = new KernelArena(arrayBufferBacking());
    const scratch = arena.addRegion(0, 8);
    const slots = arena.addRegion(4);
    arena.ensureCapacity(2);
    slots.u32().set([7, 9]);

    arena.ensureFixedBytes(scratch, 1000);

    expect(scratch.byteLength).toBe(1000);
    expect(Array.from(slots.u32())).toEqual([7, 9]);
  });

  it.each(["array buffer", "wasm memory"])("matches a model of regions (%s)", (kind) => {
    const step = fc.oneof(
      fc.record({ op: fc.constant("add" as const), perSlot: fc.integer({ min: 0, max: 9 }), fixed: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ op: fc.constant("capacity" as const), slots: fc.integer({ min: 0, max: 300 }) }),
      fc.record({ op: fc.constant("fixed" as const), pick: fc.nat(), bytes: fc.integer({ min: 0, max: 200 }) }),
      fc.record({ op: fc.constant("write" as const), pick: fc.nat(), seed: fc.integer({ min: 1, max: 250 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const wasm = kind === "wasm memory" ? createWasmKernel() : null;
        if (kind === "wasm memory" && wasm === null) return;
        const arena = wasm?.arena ?? new KernelArena(arrayBufferBacking());
        const regions: Region[] = [];
        // Each region's expected bytes; bytes past a model's end are expected to be zero.
        const models: number[][] = [];

        for (const s of steps) {
          if (s.op === "add") {
            regions.push(arena.addRegion(s.perSlot, s.fixed));
            models.push([]);
          } else if (s.op === "capacity") {
            arena.ensureCapacity(s.slots);
          } else if (regions.length > 0 && s.op === "fixed") {
            arena.ensureFixedBytes(regions[s.pick % regions.length]!, s.bytes);
          } else if (regions.length > 0 && s.op === "write") {
            const k = s.pick % regions.length;
            const bytes = regions[k]!.u8();
            fillPattern(bytes, s.seed);
            models[k] = Array.from(bytes);
          }
          regions.forEach((region, k) => {
            const bytes = Array.from(region.u8());
            const expected = bytes.map((_, i) => models[k]![i] ?? 0);
            expect(bytes).toEqual(expected);
          });
        }
      }),
      { numRuns: 150 },
    );
  });
});
