// A fixed request sequence that exercises every index and search handler,
// including error cases, for comparing the bundle across engines.
import type { RequestBody } from "./core-client";
import { float32Bytes } from "./core-client";

const DIMENSION = 4;

/** Float16 bits of small whole numbers used below. */
const HALF = { zero: 0x0000, one: 0x3c00, two: 0x4000, minusOne: 0xbc00 };

function float16Bytes(bits: number[]): Uint8Array {
  const bytes = new Uint8Array(bits.length * 2);
  const view = new DataView(bytes.buffer);
  bits.forEach((b, i) => view.setUint16(i * 2, b, true));
  return bytes;
}

/** Requests for one core instance; the journal of the first part is reopened in the second. */
export function scenarioRequests(): RequestBody[] {
  return [
    { getStats: {} },
    { openIndex: { modelId: "test-model", dimension: DIMENSION } },
    {
      syncManifest: {
        first: true,
        entries: [
          { id: "beach", createdMs: 1_600_000_000_000, modifiedMs: 10, favorite: true, location: { latitude: 48.85, longitude: 2.35 } },
          { id: "dog", createdMs: 1_650_000_000_000, modifiedMs: 20, subtypes: [1], albumIds: ["pets"], fingerprint: "fp-dog" },
        ],
      },
    },
    { syncManifest: { last: true, entries: [{ id: "night", modifiedMs: 30, mediaType: 2 }, { id: "dog", modifiedMs: 20, fingerprint: "fp-dog" }] } },
    { putEmbeddings: { ids: ["beach", "dog"], vectors: float32Bytes([1, 0, 0, 0, 0.5, 0.5, 0, 0]) } },
    { putEmbeddings: { ids: ["night"], vectors: float16Bytes([HALF.zero, HALF.one, HALF.two, HALF.minusOne]), encoding: 1 } },
    { putEmbeddings: { ids: ["night"], vectors: float32Bytes([0, 0, 0, 0]) } },
    { putEmbeddings: { ids: ["ghost"], vectors: float32Bytes([1, 0, 0, 0]) } },
    { markFailed: { failures: [{ id: "night", reason: "decoder failed" }] } },
    { search: { queries: [{ vector: float32Bytes([1, 1, 0, 0]) }], topK: 5 } },
    { search: { queries: [{ assetId: "dog", weight: 2 }, { vector: float32Bytes([1, 0, 0, 0]), weight: -1 }], filter: { favoritesOnly: false, excludeIds: ["beach"] } } },
    { search: { queries: [{ vector: float32Bytes([1, 0, 0, 0]) }], filter: { near: { latitude: 48.86, longitude: 2.34 }, radiusM: 5000 } } },
    { search: { queries: [{ vector: float32Bytes([1, 0, 0, 0]) }], policy: "nearest" } },
    { listPolicies: {} },
    { getStats: { includeFailures: true } },
    { getAssets: {} },
    { syncManifest: { first: true, last: true, entries: [{ id: "beach", modifiedMs: 11 }, { id: "dog-copy", modifiedMs: 5, fingerprint: "fp-dog" }, { id: "night", modifiedMs: 30, mediaType: 2 }] } },
    { removeAssets: { ids: ["night", "unknown"] } },
    { putEmbeddings: { ids: ["beach"], vectors: float32Bytes([0, 0, 1, 0]), modifiedMs: [10], fingerprints: [""] } },
    { markFailed: { failures: [{ id: "beach", reason: "decoder failed", modifiedMs: 10, fingerprint: "" }] } },
    { putEmbeddings: { ids: ["beach", "dog-copy"], vectors: float32Bytes([0, 0, 1, 0, 0, 1, 1, 0]), modifiedMs: [11, 4], fingerprints: ["", "fp-dog"] } },
    { putEmbeddings: { ids: ["beach"], vectors: float32Bytes([0, 0, 1, 0]), modifiedMs: [11] } },
    { compact: {} },
    { takeSnapshot: {} },
  ];
}
