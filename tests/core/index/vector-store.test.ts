import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SlotCompanion } from "../../../core/index/slot-companion";
import { Float32Vectors } from "../../../core/index/float32-vectors";
import { VectorStore } from "../../../core/index/vector-store";

/** A companion that mirrors the slab slot by slot, as a quantised copy would. */
class MirrorCompanion implements SlotCompanion {
  capacity = 0;
  slots = new Map<number, number[]>();
  grow(capacity: number): void {
    this.capacity = capacity;
  }
  put(slot: number, unitVector: Float32Array): void {
    this.slots.set(slot, Array.from(unitVector));
  }
  remove(slot: number): void {
    this.slots.delete(slot);
  }
  compact(moves: Int32Array): void {
    for (let i = 0; i < moves.length; i += 2) {
      const vector = this.slots.get(moves[i]!)!;
      this.slots.delete(moves[i]!);
      this.slots.set(moves[i + 1]!, vector);
    }
  }
}

type Op = { kind: "put"; id: number; vector: number[] } | { kind: "remove"; id: number } | { kind: "compact" };

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("put" as const), id: fc.nat(20), vector: fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 })) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant("remove" as const), id: fc.nat(20) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("compact" as const) }), weight: 1 },
);

describe("VectorStore", () => {
  it("put normalises to unit length", () => {
    const store = new VectorStore(2);
    store.put("a", Float32Array.of(3, 4));
    expect(Array.from(store.get("a")!)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
  });

  it("putUnit stores bits unchanged", () => {
    const store = new VectorStore(2);
    const vector = Float32Array.of(0.6000000238418579, 0.800000011920929);
    store.putUnit("a", vector);
    expect(store.get("a")).toEqual(vector);
  });

  it("put rejects zero and wrong lengths", () => {
    const store = new VectorStore(2);
    expect(() => store.put("a", Float32Array.of(0, 0))).toThrow(RangeError);
    expect(() => store.putUnit("a", Float32Array.of(1))).toThrow(RangeError);
    expect(store.size).toBe(0);
  });

  it("remove frees a slot for reuse", () => {
    const store = new VectorStore(1, 2);
    store.put("a", Float32Array.of(1));
    store.put("b", Float32Array.of(1));
    expect(store.remove("a")).toBe(true);
    expect(store.freeSlotCount).toBe(1);
    store.put("c", Float32Array.of(-1));
    expect(store.slotOf("c")).toBe(0);
    expect(store.slotCount).toBe(2);
    expect(store.remove("a")).toBe(false);
  });

  it("grow keeps vectors and slab view", () => {
    const store = new VectorStore(2, 1);
    for (let i = 0; i < 100; i++) store.put(`id${i}`, Float32Array.of(1, i));
    expect(store.size).toBe(100);
    expect(store.byteLength).toBeGreaterThanOrEqual(100 * 2 * 4);
    const slot = store.slotOf("id7");
    const slab = (store.vectors as Float32Vectors).slab;
    expect(Array.from(slab.subarray(slot * 2, slot * 2 + 2))).toEqual(Array.from(store.get("id7")!));
  });

  it("compact packs live slots in order", () => {
    const store = new VectorStore(1);
    for (const id of ["a", "b", "c", "d"]) store.put(id, Float32Array.of(1));
    store.remove("a");
    store.remove("c");
    const moves = store.compact();
    expect(Array.from(moves)).toEqual([1, 0, 3, 1]);
    expect(store.ids()).toEqual(["b", "d"]);
    expect(store.slotCount).toBe(2);
    expect(store.freeSlotCount).toBe(0);
  });

  it("companion mirrors the slab after random operations", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.boolean(), (ops, attachLate) => {
        const store = new VectorStore(3, 2);
        const companion = new MirrorCompanion();
        const model = new Map<string, number[]>();
        if (!attachLate) store.attach(companion);

        for (const o of ops) {
          if (o.kind === "put") {
            store.put(`id${o.id}`, Float32Array.from(o.vector));
            model.set(`id${o.id}`, o.vector);
          } else if (o.kind === "remove") {
            store.remove(`id${o.id}`);
            model.delete(`id${o.id}`);
          } else {
            store.compact();
          }
        }
        if (attachLate) store.attach(companion);

        expect(store.ids().sort()).toEqual([...model.keys()].sort());
        expect(companion.capacity * 3).toBe((store.vectors as Float32Vectors).slab.length);
        expect(companion.slots.size).toBe(store.size);
        for (const id of model.keys()) {
          const vector = Array.from(store.get(id)!);
          expect(companion.slots.get(store.slotOf(id))).toEqual(vector);
          expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
        }
      }),
    );
  });

  it("liveSlots follows every change", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const store = new VectorStore(3, 2);
        for (const o of ops) {
          if (o.kind === "put") store.put(`id${o.id}`, Float32Array.from(o.vector));
          else if (o.kind === "remove") store.remove(`id${o.id}`);
          else store.compact();
          // Read after each step, so a stale cached list would show.
          const expected = store.ids().map((id) => store.slotOf(id)).sort((a, b) => a - b);
          expect(Array.from(store.liveSlots())).toEqual(expected);
        }
      }),
    );
  });
});
