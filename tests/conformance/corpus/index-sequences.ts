// Index requests: the whole lifecycle on small indexes, every input error,
// and requests made before any index is open.
import { pb, type queryable } from "../../../bridge/codec";
import { CorpusSequence, SequenceBuilder } from "./corpus-sequence";
import {
  assetId,
  CLIP_DIMENSION,
  createSeededRandom,
  filledVector,
  float16VectorBlock,
  makeManifest,
  MODEL_ID,
  SMALL_DIMENSION,
  vectorBlock,
} from "./library-fixture";

const dimension = SMALL_DIMENSION;

/** Returns the index sequences, all data drawn from `seed`. */
export function indexSequences(seed: number): CorpusSequence[] {
  return [beforeOpen(), lifecycle(seed), inputErrors(seed + 1), assetIdLimits(), clipSizedIndex(seed + 2)];
}

function beforeOpen(): CorpusSequence {
  const ids = [assetId(0)];
  return new SequenceBuilder("requests before open")
    .request("sync", { syncManifest: { entries: [{ id: assetId(0) }], first: true, last: true } }, "INDEX_NOT_OPEN")
    .request("put", { putEmbeddings: { ids, vectors: filledVector(dimension, 0.5) } }, "INDEX_NOT_OPEN")
    .request("mark failed", { markFailed: { failures: [{ id: assetId(0), reason: "decode failed" }] } }, "INDEX_NOT_OPEN")
    .request("remove", { removeAssets: { ids } }, "INDEX_NOT_OPEN")
    .request("search", { search: { queries: [{ vector: filledVector(dimension, 0.5) }] } }, "INDEX_NOT_OPEN")
    .request("stats", { getStats: {} }, "INDEX_NOT_OPEN")
    .request("snapshot", { takeSnapshot: {} }, "INDEX_NOT_OPEN")
    .request("compact", { compact: {} }, "INDEX_NOT_OPEN")
    .request("get assets", { getAssets: { ids } }, "INDEX_NOT_OPEN")
    .request("list policies", { listPolicies: {} }, "result")
    .build();
}

function lifecycle(seed: number): CorpusSequence {
  const random = createSeededRandom(seed);
  const manifest = makeManifest(random, 12);
  const ids = manifest.map((entry) => entry.id as string);
  const first = manifest[0]!;

  // The second sync drops assets 10 and 11, modifies asset 1, and adds
  // asset 12 with asset 3's fingerprint, so its stored vector is reused.
  const secondSync = manifest.slice(0, 10).map((entry, index) => (index === 1 ? { ...entry, modifiedMs: Number(entry.modifiedMs) + 5000 } : entry));
  secondSync.push({ ...makeManifest(random, 1, 12)[0], fingerprint: manifest[3]!.fingerprint });

  return new SequenceBuilder("index lifecycle")
    .request("open new index", { openIndex: { modelId: MODEL_ID, dimension } }, "result")
    .request("list policies", { listPolicies: {} }, "result")
    .request("sync first chunk", { syncManifest: { entries: manifest.slice(0, 6), first: true } }, "result")
    .request("sync last chunk", { syncManifest: { entries: manifest.slice(6), last: true } }, "result")
    .request("stats after sync", { getStats: {} }, "result")
    .request("put float32 batch", { putEmbeddings: { ids: ids.slice(0, 9), vectors: vectorBlock(random, 9, dimension) } }, "result")
    .request("put float16 batch", {
      putEmbeddings: { ids: ids.slice(9, 11), vectors: float16VectorBlock(random, 2, dimension), encoding: pb.VectorEncoding.VECTOR_ENCODING_FLOAT16 },
    }, "result")
    .request("mark failed", { markFailed: { failures: [{ id: ids[11], reason: "HEIC decode failed" }] } }, "result")
    .request("search by vector", { search: { queries: [{ vector: vectorBlock(random, 1, dimension) }], topK: 5 } }, "result")
    .request("search by asset", { search: { queries: [{ assetId: ids[2] }], topK: 3 } }, "result")
    .request("search exact policy by name", { search: { queries: [{ assetId: ids[2] }], topK: 3, policy: "exact" } }, "result")
    .request("search weighted queries", {
      search: { queries: [{ vector: vectorBlock(random, 1, dimension), weight: 2 }, { assetId: ids[4], weight: -0.5 }] },
    }, "result")
    .request("search float16 query", {
      search: { queries: [{ vector: float16VectorBlock(random, 1, dimension) }], encoding: pb.VectorEncoding.VECTOR_ENCODING_FLOAT16 },
    }, "result")
    .request("search with threshold", { search: { queries: [{ assetId: ids[0] }], threshold: 0.25, topK: 100 } }, "result")
    .request("search with filter", {
      search: {
        queries: [{ assetId: ids[5] }],
        filter: {
          createdFromMs: first.createdMs,
          favoritesOnly: false,
          mediaTypes: [pb.MediaType.MEDIA_TYPE_IMAGE],
          subtypesNone: [pb.MediaSubtype.MEDIA_SUBTYPE_SCREENSHOT],
          near: { latitude: 48.5, longitude: 2.5 },
          radiusM: 200_000,
          excludeIds: [ids[5]!],
        },
      },
    }, "result")
    .request("search favorites in album", {
      search: { queries: [{ assetId: ids[6] }], filter: { favoritesOnly: true, albumIdsAny: ["album-1", "album-2"] } },
    }, "result")
    .request("get assets", { getAssets: { ids: [ids[0]!, ids[11]!] } }, "result")
    .request("remove asset", { removeAssets: { ids: [ids[7]!] } }, "result")
    .request("stats with failures", { getStats: { includeFailures: true } }, "result")
    .request("take snapshot", { takeSnapshot: {} }, "result")
    .request("second sync", { syncManifest: { entries: secondSync, first: true, last: true } }, "result")
    .request("compact", { compact: {} }, "result")
    .request("stats after compact", { getStats: { includeFailures: true } }, "result")
    .build();
}

function inputErrors(seed: number): CorpusSequence {
  const random = createSeededRandom(seed);
  const manifest = makeManifest(random, 4);
  const ids = manifest.map((entry) => entry.id as string);
  const goodVector = vectorBlock(random, 1, dimension);
  const withNaN = filledVector(dimension, 0.25);
  new DataView(withNaN.buffer).setFloat32(4, Number.NaN, true);
  const withInfinity = filledVector(dimension, 0.25);
  new DataView(withInfinity.buffer).setFloat32(0, Number.POSITIVE_INFINITY, true);

  return new SequenceBuilder("index input errors")
    .request("open new index", { openIndex: { modelId: MODEL_ID, dimension } }, "result")
    .request("sync", { syncManifest: { entries: manifest, first: true, last: true } }, "result")
    .request("put first vectors", { putEmbeddings: { ids: ids.slice(0, 2), vectors: vectorBlock(random, 2, dimension) } }, "result")
    .request("sync chunk without first", { syncManifest: { entries: manifest.slice(0, 1), last: true } }, "SYNC_OUT_OF_ORDER")
    .request("put block length", { putEmbeddings: { ids: [ids[2]!], vectors: new Uint8Array(dimension * 4 + 3) } }, "VECTOR_BLOCK_LENGTH")
    .request("put float16 odd length", {
      putEmbeddings: { ids: [ids[2]!], vectors: new Uint8Array(dimension * 2 + 1), encoding: pb.VectorEncoding.VECTOR_ENCODING_FLOAT16 },
    }, "VECTOR_BLOCK_LENGTH")
    .request("put two vectors for one id", { putEmbeddings: { ids: [ids[2]!], vectors: vectorBlock(random, 2, dimension) } }, "any")
    .request("put NaN", { putEmbeddings: { ids: [ids[2]!], vectors: withNaN } }, "NON_FINITE_VECTOR")
    .request("put infinity", { putEmbeddings: { ids: [ids[2]!], vectors: withInfinity } }, "NON_FINITE_VECTOR")
    .request("put zero vector", { putEmbeddings: { ids: [ids[2]!], vectors: filledVector(dimension, 0) } }, "ZERO_VECTOR")
    .request("put duplicate id", { putEmbeddings: { ids: [ids[2]!, ids[2]!], vectors: vectorBlock(random, 2, dimension) } }, "DUPLICATE_ID")
    .request("put unknown id", { putEmbeddings: { ids: ["not-in-library"], vectors: goodVector } }, "UNKNOWN_ASSET")
    .request("put unknown encoding", { putEmbeddings: { ids: [ids[2]!], vectors: goodVector, encoding: 7 as queryable.v1.VectorEncoding } }, "UNSUPPORTED_FORMAT")
    .request("search wrong dimension", { search: { queries: [{ vector: filledVector(dimension + 1, 0.5) }] } }, "DIMENSION_MISMATCH")
    .request("search NaN query", { search: { queries: [{ vector: withNaN }] } }, "NON_FINITE_VECTOR")
    .request("search zero query", { search: { queries: [{ vector: filledVector(dimension, 0) }] } }, "ZERO_VECTOR")
    .request("search unknown asset", { search: { queries: [{ assetId: "not-in-library" }] } }, "UNKNOWN_ASSET")
    .request("search unindexed asset", { search: { queries: [{ assetId: ids[3] }] } }, "any")
    .request("search unknown policy", { search: { queries: [{ vector: goodVector }], policy: "no-such-policy" } }, "UNKNOWN_POLICY")
    .request("search top k too large", { search: { queries: [{ vector: goodVector }], topK: 10_001 } }, "INVALID_PARAMETER")
    .request("search threshold above 1", { search: { queries: [{ vector: goodVector }], threshold: 1.5 } }, "INVALID_PARAMETER")
    .request("search unknown parameter", { search: { queries: [{ vector: goodVector }], params: { "no-such-parameter": 1 } } }, "INVALID_PARAMETER")
    .request("search without queries", { search: { queries: [] } }, "any")
    .request("mark unknown failed", { markFailed: { failures: [{ id: "not-in-library", reason: "x" }] } }, "UNKNOWN_ASSET")
    .request("remove unknown asset", { removeAssets: { ids: ["not-in-library"] } }, "any")
    .request("get unknown asset", { getAssets: { ids: ["not-in-library"] } }, "any")
    .request("open second index", { openIndex: { modelId: MODEL_ID, dimension } }, "any")
    .request("stats after errors", { getStats: { includeFailures: true } }, "result")
    .build();
}

function assetIdLimits(): CorpusSequence {
  // 512 two-byte characters make 1024 UTF-8 bytes, the longest valid id.
  const longest = "é".repeat(512);
  const entry = (id: string) => ({ id, modifiedMs: 1 });

  return new SequenceBuilder("asset id limits")
    .request("open new index", { openIndex: { modelId: MODEL_ID, dimension } }, "result")
    .request("sync id edge cases", {
      syncManifest: { entries: [entry(longest), entry("x"), entry("🐕 dog/beach 2024.heic")], first: true, last: true },
    }, "result")
    .request("sync empty id", { syncManifest: { entries: [entry("")], first: true, last: true } }, "EMPTY_ID")
    .request("sync id too long", { syncManifest: { entries: [entry(`${longest}e`)], first: true, last: true } }, "ID_TOO_LONG")
    // A sync counts a repeated id once, so a host may resend an entry.
    .request("sync repeated id", {
      syncManifest: { entries: [entry(longest), entry("x"), entry("x"), entry("🐕 dog/beach 2024.heic")], first: true, last: true },
    }, "result")
    .request("put longest id", { putEmbeddings: { ids: [longest], vectors: filledVector(dimension, 0.5) } }, "result")
    .request("put empty id", { putEmbeddings: { ids: [""], vectors: filledVector(dimension, 0.5) } }, "EMPTY_ID")
    .request("get edge-case assets", { getAssets: { ids: [longest, "🐕 dog/beach 2024.heic"] } }, "result")
    .build();
}

function clipSizedIndex(seed: number): CorpusSequence {
  const random = createSeededRandom(seed);
  const manifest = makeManifest(random, 64);
  const ids = manifest.map((entry) => entry.id as string);

  return new SequenceBuilder("clip-sized index")
    .request("open new index", { openIndex: { modelId: MODEL_ID, dimension: CLIP_DIMENSION } }, "result")
    .request("sync", { syncManifest: { entries: manifest, first: true, last: true } }, "result")
    .request("put first half", { putEmbeddings: { ids: ids.slice(0, 32), vectors: vectorBlock(random, 32, CLIP_DIMENSION) } }, "result")
    .request("put second half", { putEmbeddings: { ids: ids.slice(32), vectors: vectorBlock(random, 32, CLIP_DIMENSION) } }, "result")
    .request("search three queries", {
      search: { queries: [0, 1, 2].map(() => ({ vector: vectorBlock(random, 1, CLIP_DIMENSION) })), topK: 10 },
    }, "result")
    .request("stats", { getStats: {} }, "result")
    .request("take snapshot", { takeSnapshot: {} }, "result")
    .build();
}
