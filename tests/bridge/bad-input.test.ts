import { describe, expect, it } from "vitest";
import { pb, type queryable } from "../../bridge/codec";
import { CoreClient, errorCode, float32Bytes, type RequestBody, type Response } from "./_internal/core-client";

const DIMENSION = 4;

/** Creates a core with assets a (indexed), b (indexed) and c (pending). */
function seededClient(): CoreClient {
  const client = new CoreClient();
  client.call({ openIndex: { modelId: "clip-test", dimension: DIMENSION } }, "indexOpened");
  client.call({ syncManifest: { first: true, last: true, entries: [{ id: "a", modifiedMs: 1 }, { id: "b", modifiedMs: 2 }, { id: "c", modifiedMs: 3 }] } }, "syncPlan");
  client.call({ putEmbeddings: { ids: ["a", "b"], vectors: float32Bytes([1, 0, 0, 0, 0, 1, 0, 0]) } }, "embeddingsPut");
  return client;
}

function snapshotOf(client: CoreClient): Uint8Array {
  return Uint8Array.from(client.call({ takeSnapshot: {} }, "snapshotTaken").snapshot ?? []);
}

interface BadCase {
  name: string;
  send: (client: CoreClient) => Response;
  code: string;
  /** Text the message must contain: the bad value. */
  names: string;
}

const longId = "x".repeat(1025);
const longUtf8Id = "é".repeat(513);
const request = (body: RequestBody) => (client: CoreClient) => client.send(body);
const frame = (bytes: number[]) => (client: CoreClient) => client.sendFrame(Uint8Array.from(bytes));

const cases: BadCase[] = [
  { name: "empty frame", send: frame([]), code: "EMPTY_FRAME", names: "0 bytes" },
  { name: "garbage frame", send: frame([0xff, 0xff, 0xff]), code: "MALFORMED_FRAME", names: "3 bytes" },
  { name: "request without kind", send: frame([0x08, 0x07]), code: "UNKNOWN_REQUEST", names: "no kind" },
  { name: "request of unknown field", send: frame([0x98, 0x06, 0x01]), code: "UNKNOWN_REQUEST", names: "no kind" },
  { name: "wrong vector dimension", send: request({ putEmbeddings: { ids: ["a"], vectors: float32Bytes([1, 2, 3, 4, 5]) } }), code: "DIMENSION_MISMATCH", names: "5 components" },
  { name: "ragged vector block", send: request({ putEmbeddings: { ids: ["a", "b"], vectors: new Uint8Array(30) } }), code: "VECTOR_BLOCK_LENGTH", names: "30 bytes" },
  { name: "NaN component", send: request({ putEmbeddings: { ids: ["c"], vectors: float32Bytes([1, NaN, 0, 0]) } }), code: "NON_FINITE_VECTOR", names: "NaN at component 1" },
  { name: "infinite component", send: request({ putEmbeddings: { ids: ["c"], vectors: float32Bytes([0, 0, 0, Infinity]) } }), code: "NON_FINITE_VECTOR", names: "Infinity at component 3" },
  { name: "zero vector", send: request({ putEmbeddings: { ids: ["c"], vectors: float32Bytes([0, 0, 0, 0]) } }), code: "ZERO_VECTOR", names: '"c"' },
  { name: "bad item late in batch", send: request({ putEmbeddings: { ids: ["a", "c"], vectors: float32Bytes([0, 0, 1, 0, 0, NaN, 0, 0]) } }), code: "NON_FINITE_VECTOR", names: '"c"' },
  { name: "duplicate id in batch", send: request({ putEmbeddings: { ids: ["c", "c"], vectors: float32Bytes([1, 0, 0, 0, 0, 1, 0, 0]) } }), code: "DUPLICATE_ID", names: '"c"' },
  { name: "empty id", send: request({ putEmbeddings: { ids: [""], vectors: float32Bytes([1, 0, 0, 0]) } }), code: "EMPTY_ID", names: "item 0" },
  { name: "id over 1024 bytes", send: request({ putEmbeddings: { ids: [longId], vectors: float32Bytes([1, 0, 0, 0]) } }), code: "ID_TOO_LONG", names: "1025 UTF-8 bytes" },
  { name: "id over 1024 UTF-8 bytes", send: request({ markFailed: { failures: [{ id: longUtf8Id, reason: "r" }] } }), code: "ID_TOO_LONG", names: "1026 UTF-8 bytes" },
  { name: "embedding for unknown asset", send: request({ putEmbeddings: { ids: ["c", "ghost"], vectors: float32Bytes([1, 0, 0, 0, 0, 1, 0, 0]) } }), code: "UNKNOWN_ASSET", names: '"ghost"' },
  { name: "version lists shorter than ids", send: request({ putEmbeddings: { ids: ["a", "c"], vectors: float32Bytes([1, 0, 0, 0, 0, 1, 0, 0]), modifiedMs: [1], fingerprints: ["", ""] } }), code: "INVALID_PARAMETER", names: "2 ids but 1 modified_ms" },
  { name: "fingerprints without modified_ms", send: request({ putEmbeddings: { ids: ["c"], vectors: float32Bytes([1, 0, 0, 0]), fingerprints: [""] } }), code: "INVALID_PARAMETER", names: "0 modified_ms and 1 fingerprints" },
  { name: "failure version without fingerprint", send: request({ markFailed: { failures: [{ id: "a", reason: "r" }, { id: "c", reason: "r", modifiedMs: 3 }] } }), code: "INVALID_PARAMETER", names: "without fingerprint" },
  { name: "failure for unknown asset", send: request({ markFailed: { failures: [{ id: "a", reason: "r" }, { id: "ghost", reason: "r" }] } }), code: "UNKNOWN_ASSET", names: '"ghost"' },
  { name: "remove with empty id", send: request({ removeAssets: { ids: ["a", ""] } }), code: "EMPTY_ID", names: "item 1" },
  { name: "manifest entry with empty id", send: request({ syncManifest: { first: true, last: true, entries: [{ id: "a", modifiedMs: 9 }, { id: "" }] } }), code: "EMPTY_ID", names: "entry 1" },
  { name: "manifest entry off the globe", send: request({ syncManifest: { first: true, last: true, entries: [{ id: "a", location: { latitude: 91, longitude: 0 } }] } }), code: "INVALID_PARAMETER", names: "(91, 0)" },
  { name: "sync chunk without first", send: request({ syncManifest: { last: true, entries: [] } }), code: "SYNC_OUT_OF_ORDER", names: "first" },
  { name: "unknown policy", send: request({ search: { queries: [{ vector: float32Bytes([1, 0, 0, 0]) }], policy: "fancy" } }), code: "UNKNOWN_POLICY", names: '"fancy"' },
  { name: "unknown policy parameter", send: request({ search: { queries: [{ vector: float32Bytes([1, 0, 0, 0]) }], params: { boost: 2 } } }), code: "INVALID_PARAMETER", names: '"boost"' },
  { name: "top_k over maximum", send: request({ search: { queries: [{ vector: float32Bytes([1, 0, 0, 0]) }], topK: 10_001 } }), code: "INVALID_PARAMETER", names: "10001" },
  { name: "threshold over 1", send: request({ search: { queries: [{ vector: float32Bytes([1, 0, 0, 0]) }], threshold: 1.5 } }), code: "INVALID_PARAMETER", names: "1.5" },
  { name: "search without queries", send: request({ search: { queries: [] } }), code: "INVALID_PARAMETER", names: "no queries" },
  { name: "search by unindexed asset", send: request({ search: { queries: [{ assetId: "c" }] } }), code: "UNKNOWN_ASSET", names: '"c"' },
  { name: "queries cancelling out", send: request({ search: { queries: [{ assetId: "a" }, { assetId: "a", weight: -1 }] } }), code: "ZERO_VECTOR", names: "cancel out" },
  { name: "query of wrong dimension", send: request({ search: { queries: [{ vector: float32Bytes([1, 0, 0]) }] } }), code: "DIMENSION_MISMATCH", names: "3 components" },
  { name: "radius without near", send: request({ search: { queries: [{ assetId: "a" }], filter: { radiusM: 50 } } }), code: "INVALID_PARAMETER", names: "50" },
  { name: "inverted date range", send: request({ search: { queries: [{ assetId: "a" }], filter: { createdFromMs: 5, createdToMs: 4 } } }), code: "INVALID_PARAMETER", names: "5" },
  { name: "unknown vector encoding", send: request({ putEmbeddings: { ids: ["c"], vectors: float32Bytes([1, 0, 0, 0]), encoding: 7 as queryable.v1.VectorEncoding } }), code: "UNSUPPORTED_FORMAT", names: "7" },
  { name: "snapshot of other model", send: (client) => client.send({ openIndex: { modelId: "other-model", dimension: DIMENSION, snapshot: snapshotOf(client) } }), code: "SNAPSHOT_MISMATCH", names: '"other-model"' },
  { name: "snapshot of other dimension", send: (client) => client.send({ openIndex: { modelId: "clip-test", dimension: 8, snapshot: snapshotOf(client) } }), code: "SNAPSHOT_MISMATCH", names: "dimension 8" },
  { name: "garbage snapshot", send: request({ openIndex: { modelId: "clip-test", dimension: DIMENSION, snapshot: Uint8Array.from([0xff, 0xff, 0xff, 0xff]) } }), code: "CORRUPT_SNAPSHOT", names: "4 bytes" },
  { name: "zero dimension", send: request({ openIndex: { modelId: "clip-test", dimension: 0 } }), code: "INVALID_PARAMETER", names: "dimension 0" },
  { name: "empty model id", send: request({ openIndex: { modelId: "", dimension: DIMENSION } }), code: "INVALID_PARAMETER", names: "model_id" },
  { name: "stored model without snapshot", send: request({ openIndex: { modelId: "", dimension: 0 } }), code: "INVALID_PARAMETER", names: "snapshot is empty" },
  { name: "stored model of garbage snapshot", send: request({ openIndex: { modelId: "", dimension: 0, snapshot: Uint8Array.from([0xff, 0xff]) } }), code: "CORRUPT_SNAPSHOT", names: "2 bytes" },
];

describe("bad input through the bridge", () => {
  it.each(cases)("$name is rejected", ({ send, code, names }) => {
    const client = seededClient();
    const before = snapshotOf(client);
    const stats = client.call({ getStats: { includeFailures: true } }, "stats");

    const response = send(client);

    expect(errorCode(response)).toBe(code);
    expect(response.error?.message).toContain(names);
    expect(response.journalAppend.length).toBe(0);
    expect(snapshotOf(client)).toEqual(before);
    expect(client.call({ getStats: { includeFailures: true } }, "stats")).toEqual(stats);
  });

  it.each(["getStats", "syncManifest", "putEmbeddings", "markFailed", "removeAssets", "search", "getAssets", "takeSnapshot", "compact"] as const)(
    "%s before OpenIndex is rejected",
    (kind) => {
      const response = new CoreClient().send({ [kind]: {} } as RequestBody);
      expect(errorCode(response)).toBe("INDEX_NOT_OPEN");
      expect(response.error?.message?.toLowerCase()).toContain(kind.toLowerCase());
    },
  );

  it("request id is echoed on errors", () => {
    const response = new CoreClient().sendFrame(pb.Request.encode({ requestId: 42, getStats: {} }).finish());
    expect(errorCode(response)).toBe("INDEX_NOT_OPEN");
    expect(response.requestId).toBe(42);
  });

  it("id of exactly 1024 bytes is accepted", () => {
    const client = new CoreClient();
    client.call({ openIndex: { modelId: "clip-test", dimension: DIMENSION } }, "indexOpened");
    const id = "é".repeat(512);
    const plan = client.call({ syncManifest: { first: true, last: true, entries: [{ id }] } }, "syncPlan");
    expect(plan.toEmbed).toEqual([id]);
  });

  it("empty model opens the stored one", () => {
    const client = seededClient();
    const snapshot = snapshotOf(client);
    client.journal = [];
    client.call({ markFailed: { failures: [{ id: "c", reason: "cannot decode" }] } }, "failuresMarked");

    const reader = new CoreClient();
    const opened = reader.call({ openIndex: { modelId: "", dimension: 0, snapshot, journal: client.journalBytes() } }, "indexOpened");

    expect(opened.stats?.modelId).toBe("clip-test");
    expect(opened.stats?.dimension).toBe(DIMENSION);
    expect(opened.stats?.indexed).toBe(2);
    expect(opened.stats?.failed).toBe(1);
    expect(opened.framesReplayed).toBe(1);
    expect(reader.call({ getStats: {} }, "stats").modelId).toBe("clip-test");
  });
});
