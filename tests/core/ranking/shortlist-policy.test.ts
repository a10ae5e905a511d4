import { describe, expect, it } from "vitest";
import { generateClipLike } from "../../../bench/clip-like-data";
import { createSearchFixture, recallAt } from "../../../bench/search-fixture";
import { CENTER_SAMPLE } from "../../../core/ranking/quantized/quantized-vectors";

const DIMENSION = 512;
const COUNT = 20_000;
const data = generateClipLike({ count: COUNT, dimension: DIMENSION, seed: 11 });

function row(vectors: Float32Array, index: number): Float32Array {
  return vectors.slice(index * DIMENSION, (index + 1) * DIMENSION);
}

describe("shortlist policy", () => {
  const fixture = createSearchFixture(data.images, COUNT, DIMENSION);

  it("recall@10 at least 0.99 on CLIP-like data", () => {
    const recall = recallAt(fixture, fixture.shortlist, data.queries(60), 10);
    expect(recall).toBeGreaterThanOrEqual(0.99);
  });

  it("tiny shortlist lowers recall", () => {
    // Shows the recall check can fail: 10 int8-ranked slots out of 20k miss most true hits.
    const recall = recallAt(fixture, fixture.shortlist, data.queries(20), 10, { shortlist: 10, refine: 0 });
    expect(recall).toBeLessThan(0.9);
  });

  it("exact duplicate ranks first", () => {
    for (const index of [0, 17, 4_321, 19_999]) {
      const hits = fixture.rank(fixture.shortlist, row(data.images, index), 5, { shortlist: 10, refine: 0 });
      const ids = hits.filter((hit) => hit.score > 0.99999).map((hit) => hit.id);
      expect(ids).toContain(String(index));
      expect(hits[0]!.score).toBeCloseTo(1, 5);
    }
  });

  it("respects candidate filter", () => {
    const candidates = Int32Array.from({ length: 500 }, (_, i) => i * 40);
    const allowed = new Set(Array.from(candidates, String));
    const resolved = { shortlist: 0, refine: 50 };
    const hits = fixture.shortlist.rank(fixture.store, { query: row(data.queries(1), 0), candidates, topK: 20, threshold: null, params: resolved });
    expect(hits).toHaveLength(20);
    for (const hit of hits) expect(allowed.has(hit.id)).toBe(true);
  });

  it("applies score threshold", () => {
    const query = row(data.queries(1), 0);
    const threshold = fixture.rank(fixture.exact, query, 10)[4]!.score;
    const hits = fixture.shortlist.rank(fixture.store, {
      query, candidates: Int32Array.from({ length: COUNT }, (_, i) => i), topK: 10, threshold, params: { shortlist: 0, refine: 50 },
    });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.score).toBeGreaterThanOrEqual(threshold);
  });

  it("returns hits best first", () => {
    const hits = fixture.rank(fixture.shortlist, row(data.queries(3), 2), 50);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
  });
});

describe("shortlist policy on small stores", () => {
  it("falls back to exact before center", () => {
    const small = createSearchFixture(data.images, CENTER_SAMPLE - 1, DIMENSION);
    const query = row(data.queries(1), 0);
    expect(small.index.quantized.ready).toBe(false);
    expect(small.rank(small.shortlist, query, 10)).toEqual(small.rank(small.exact, query, 10));
  });

  it("kernels give identical hits", () => {
    const queries = data.queries(3);
    const results = (["typescript", "wasm"] as const).map((kernel) => {
      const fixture = createSearchFixture(data.images, 3000, DIMENSION, kernel);
      return [0, 1, 2].map((q) => fixture.rank(fixture.shortlist, row(queries, q), 10, { shortlist: 300, refine: 0 }));
    });
    expect(results[1]).toEqual(results[0]);
  });
});
