import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { queryable } from "../../bridge/codec";
import { assertMatchesReference } from "../support/properties";
import { CoreClient, concat, errorCode, float32Bytes } from "./_internal/core-client";

const DIMENSION = 3;

interface Photo {
  id: string;
  createdMs: number;
  favorite: boolean;
  mediaType: number;
  subtypes: number[];
  albumIds: string[];
  location: { latitude: number; longitude: number } | null;
  vector: number[];
}

interface Case {
  photos: Photo[];
  search: queryable.v1.ISearch;
}

// Vectors from a small pool make exact ties common.
const poolVector: fc.Arbitrary<number[]> = fc.constantFrom([1, 0, 0], [0, 1, 1], [-1, 2, 0.5], [0.25, -0.5, 1]).map((v) => [...v]);
const randomVector = fc.array(fc.float({ min: -4, max: 4, noNaN: true }), { minLength: DIMENSION, maxLength: DIMENSION }).filter((v) => v.some((x) => Math.abs(x) > 1e-3));
const vector: fc.Arbitrary<number[]> = fc.oneof(poolVector, randomVector);
const location: fc.Arbitrary<Photo["location"]> = fc.option(fc.record({ latitude: fc.constantFrom<number>(48.85, 48.9, 48.99, 51.5, -33.9), longitude: fc.constantFrom<number>(2.35, 2.3, -0.12, 151.2) }), { nil: null });

const photo = (id: string): fc.Arbitrary<Photo> =>
  fc.record({
    id: fc.constant(id),
    createdMs: fc.constantFrom<number>(0, 1000, 2000, 3000),
    favorite: fc.boolean(),
    mediaType: fc.constantFrom<number>(0, 1, 2),
    subtypes: fc.subarray([1, 2, 3, 4]),
    albumIds: fc.subarray(["a", "b", "c"]),
    location,
    vector,
  });

const filter: fc.Arbitrary<queryable.v1.IFilter | null> = fc.option(
  fc.record({
    createdFromMs: fc.constantFrom(0, 1000, 2000),
    createdToMs: fc.constantFrom(0, 2000, 3000),
    favoritesOnly: fc.boolean(),
    mediaTypes: fc.subarray([0, 1, 2]),
    subtypesAny: fc.subarray([1, 2, 3]),
    subtypesNone: fc.subarray([3, 4]),
    albumIdsAny: fc.subarray(["a", "b"]),
    excludeIds: fc.subarray(["p0", "p1", "p2", "p3"]),
    near: fc.option(fc.constant({ latitude: 48.86, longitude: 2.34 }), { nil: null }),
  }).map((f) => ({ ...f, radiusM: f.near ? 10_000 : 0 })),
  { nil: null },
);

const caseArbitrary: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 25 }).chain((count) => {
  const ids = Array.from({ length: count }, (_, i) => `p${i}`);
  const query = fc.record({
    source: fc.oneof(vector.map((v) => ({ vector: v })), fc.constantFrom(...ids).map((assetId) => ({ assetId }))),
    weight: fc.constantFrom(0, 1, 0.5, 2, -0.5),
  });
  return fc.record({
    photos: fc.tuple(...ids.map(photo)),
    search: fc.record({
      queries: fc.array(query, { minLength: 1, maxLength: 3 }).map((qs) => qs.map((q) => ({ ...("vector" in q.source ? { vector: float32Bytes(q.source.vector) } : q.source), weight: q.weight }))),
      topK: fc.integer({ min: 0, max: 30 }),
      threshold: fc.option(fc.constantFrom(-1, -0.2, 0, 0.5, 0.9, 1), { nil: undefined }),
      filter,
    }),
  });
});

function indexPhotos(photos: Photo[]): CoreClient {
  const client = new CoreClient();
  client.call({ openIndex: { modelId: "m", dimension: DIMENSION } }, "indexOpened");
  client.call({ syncManifest: { first: true, last: true, entries: photos.map(({ vector: _, ...entry }) => entry) } }, "syncPlan");
  client.call({ putEmbeddings: { ids: photos.map((p) => p.id), vectors: concat(photos.map((p) => float32Bytes(p.vector))) } }, "embeddingsPut");
  return client;
}

function searchThroughBridge(c: Case): unknown {
  const response = indexPhotos(c.photos).send({ search: c.search });
  if (response.kind !== "searchResult") return errorCode(response);
  return { hits: response.searchResult!.hits!.map((h) => [h.id, h.score]), candidates: response.searchResult!.candidates };
}

// The plain reference: float32 normalisation as stored, a full sort, no heap.
function normalise(values: ArrayLike<number>): Float32Array {
  const v = Float32Array.from(values);
  const norm = Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
  return v.map((x) => x * (1 / norm));
}

function haversine(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const r = Math.PI / 180;
  const h = Math.sin(((b.latitude - a.latitude) * r) / 2) ** 2 + Math.cos(a.latitude * r) * Math.cos(b.latitude * r) * Math.sin(((b.longitude - a.longitude) * r) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function passes(p: Photo, f: queryable.v1.IFilter | null | undefined): boolean {
  if (!f) return true;
  const inDates = (!f.createdFromMs || (p.createdMs !== 0 && p.createdMs >= f.createdFromMs)) && (!f.createdToMs || (p.createdMs !== 0 && p.createdMs <= f.createdToMs));
  const near = !f.near || (p.location !== null && haversine(f.near as never, p.location) <= f.radiusM!);
  return (
    inDates &&
    near &&
    !f.excludeIds!.includes(p.id) &&
    (!f.favoritesOnly || p.favorite) &&
    (f.mediaTypes!.length === 0 || f.mediaTypes!.includes(p.mediaType)) &&
    (f.subtypesAny!.length === 0 || p.subtypes.some((s) => f.subtypesAny!.includes(s))) &&
    !p.subtypes.some((s) => f.subtypesNone!.includes(s)) &&
    (f.albumIdsAny!.length === 0 || p.albumIds.some((a) => f.albumIdsAny!.includes(a)))
  );
}

function searchReference(c: Case): unknown {
  const stored = new Map(c.photos.map((p) => [p.id, normalise(p.vector)]));
  const combined = new Float32Array(DIMENSION);
  for (const q of c.search.queries!) {
    const unit = q.assetId ? stored.get(q.assetId)! : normalise(new Float32Array(Uint8Array.from(q.vector!).buffer));
    const weight = Math.fround(q.weight ?? 0) || 1;
    for (let i = 0; i < DIMENSION; i++) combined[i] = combined[i]! + weight * unit[i]!;
  }
  if (combined.every((x) => x === 0)) return "ZERO_VECTOR";
  const query = normalise(combined);

  const threshold = c.search.threshold === undefined ? null : Math.fround(c.search.threshold!);
  const candidates = c.photos.filter((p) => passes(p, c.search.filter));
  const scored = candidates
    .map((p) => ({ id: p.id, score: stored.get(p.id)!.reduce((sum, x, i) => sum + x * query[i]!, 0) }))
    .filter((h) => threshold === null || h.score >= threshold)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));

  const hits = scored.slice(0, c.search.topK || 20).map((h) => [h.id, Math.fround(h.score)]);
  return { hits, candidates: candidates.length };
}

describe("search through the bridge", () => {
  it("matches a plain reference", () => {
    assertMatchesReference(caseArbitrary, searchThroughBridge, searchReference, 400);
  });

  it("finds ties in generated cases", () => {
    // Guards the generator: without ties the tie-break is never checked.
    const samples = fc.sample(caseArbitrary, 200);
    const withTies = samples.filter((c) => new Set(c.photos.map((p) => p.vector.join())).size < c.photos.length);
    expect(withTies.length).toBeGreaterThan(50);
  });
});
