import fc from "fast-check";
import { describe, it } from "vitest";
import { compareIds } from "../../../core/index/compare-ids";
import { TopKHeap } from "../../../core/ranking/top-k-heap";
import { assertMatchesReference } from "../../support/properties";

const input = fc.record({
  k: fc.integer({ min: 0, max: 12 }),
  pairs: fc.array(fc.record({ score: fc.constantFrom(-1, 0, 0.25, 0.5, 1, 0.125), id: fc.string({ maxLength: 3 }) }), { maxLength: 40 }),
});

describe("TopKHeap", () => {
  it("keeps the same hits as a full sort", () => {
    assertMatchesReference(
      input,
      ({ k, pairs }) => {
        const heap = new TopKHeap(k);
        for (const p of pairs) heap.offer(p.score, p.id);
        return heap.sorted();
      },
      ({ k, pairs }) => {
        const sorted = [...pairs].sort((a, b) => b.score - a.score || compareIds(a.id, b.id));
        return sorted.slice(0, k).map((p) => ({ id: p.id, score: p.score }));
      },
      300,
    );
  });
});
