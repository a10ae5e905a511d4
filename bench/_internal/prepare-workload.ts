// Writes the inputs of one search workload. The snapshot of the whole index
// is taken through the bridge by the core bundle in a node:vm context. The
// request frames every runtime replays are encoded once here, so no runtime
// spends time building them.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { pb, type queryable } from "../../bridge/codec";
import { compareIds } from "../../core/index/compare-ids";
import { encodeFrameFile } from "../../tests/support/frame-file";
import type { VectorSet } from "./vector-source";
import { WORKLOAD_FILES } from "./workload-protocol";
import { makeDirectories } from "../../cli/files/make-directories";

/** Entries per SyncManifest chunk, as a host pages through its library. */
const SYNC_CHUNK = 1000;
/** Vectors per PutEmbeddings batch when building, the size of one encoder batch. */
const PUT_BATCH = 256;
/** Vectors in the timed put of one large batch. */
export const PUT_SAMPLE = 1000;
/** Album ids are PhotoKit-shaped too: this prefix and a three-digit album number. */
const ALBUM_PREFIX = "6C1D5A0E-41F2-4B7A-9E55-2D7C0B3A1F00/L0/";
/** 2024-01-01T00:00:00Z, the capture date of asset 0. */
const BASE_MS = 1_704_067_200_000;

/**
 * Returns the id of library row `index`, shaped like a PhotoKit local
 * identifier (a 36-character UUID and "/L0/001"), because id length drives
 * the cost of hashing and decoding ids. The last UUID group is the row in
 * hexadecimal and the others vary with it.
 */
export function benchAssetId(index: number): string {
  const mixed = Math.imul(index + 1, 0x9e3779b1) >>> 0;
  const head = mixed.toString(16).toUpperCase().padStart(8, "0");
  const middle = `${head.slice(0, 4)}-${head.slice(4)}-${head.slice(2, 6)}`;
  return `${head}-${middle}-${index.toString(16).toUpperCase().padStart(12, "0")}/L0/001`;
}

/** Returns the library row of a bench asset id, or -1 when `id` is not one. */
export function benchAssetRow(id: string): number {
  const match = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-([0-9A-F]{12})\/L0\/001$/.exec(id);
  return match === null ? -1 : parseInt(match[1]!, 16);
}

/** The files prepareWorkload wrote. */
export interface PreparedWorkload {
  readonly directory: string;
  readonly snapshotBytes: number;
  /** True when build frames were written, so runtimes time a build from empty. */
  readonly build: boolean;
}

/**
 * Writes the workload files for `vectors` into `directory`, replacing it.
 * `build` also writes the frames of a first sync and a put of every vector.
 * Throws when core rejects a request while taking the snapshot.
 */
export function prepareWorkload(vectors: VectorSet, modelId: string, coreBundle: string, directory: string, build: boolean): PreparedWorkload {
  rmSync(directory, { recursive: true, force: true });
  makeDirectories(directory);
  const assets = vectors.library.length / vectors.dimension;
  // Sorted by id, as the CLI and the iOS host send manifests.
  const manifest = manifestOf(assets).sort((a, b) => compareIds(a.id!, b.id!));
  const open: queryable.v1.IRequest = { openIndex: { modelId, dimension: vectors.dimension } };
  const puts = putBatches(vectors, assets);

  const snapshot = takeSnapshot(coreBundle, [open, ...syncChunks(manifest), ...puts]);
  writeFileSync(join(directory, WORKLOAD_FILES.snapshot), snapshot);
  writeFileSync(join(directory, WORKLOAD_FILES.queries), vectors.queries);

  // The sample put replaces the vectors of the first 1,000 assets with those of the next ones.
  const sampleCount = Math.min(PUT_SAMPLE, assets);
  const sampleIds = Array.from({ length: sampleCount }, (_, i) => benchAssetId(i));
  const sampleStart = assets > sampleCount ? assets - sampleCount : 0;
  const sample: queryable.v1.IRequest = {
    putEmbeddings: { ids: sampleIds, vectors: littleEndianBytes(vectors.library.subarray(sampleStart * vectors.dimension, (sampleStart + sampleCount) * vectors.dimension)) },
  };
  writeFileSync(join(directory, WORKLOAD_FILES.store), encodeFrameFile([encodeAll(syncChunks(manifest)), encodeAll([sample])]));

  if (build) writeFileSync(join(directory, WORKLOAD_FILES.build), encodeFrameFile([encodeAll([open]), encodeAll(syncChunks(manifest)), encodeAll(puts)]));
  return { directory, snapshotBytes: snapshot.length, build };
}

/** Replays `requests` in a new core of the bundle and returns the bytes of a final TakeSnapshot. */
function takeSnapshot(coreBundle: string, requests: readonly queryable.v1.IRequest[]): Uint8Array {
  const context: Record<string, unknown> = {};
  runInNewContext(readFileSync(coreBundle, "utf8"), context, { filename: coreBundle });
  const core = (context.QueryableCore as { createCore(): { handle(bytes: Uint8Array): Uint8Array } }).createCore();
  // handle checks `instanceof Uint8Array` against the context's own constructor.
  const ContextUint8Array = runInNewContext("Uint8Array", context) as Uint8ArrayConstructor;

  let snapshot: Uint8Array | null = null;
  for (const request of [...requests, { takeSnapshot: {} }]) {
    const frame = pb.Request.encode({ ...request, requestId: 1 }).finish();
    const copy = new ContextUint8Array(frame.length);
    copy.set(frame);
    // The response is an array of the context too; copy it into this realm for protobufjs.
    const response = pb.Response.decode(Uint8Array.from(core.handle(copy)));
    if (response.kind === "error") {
      throw new Error(`preparing the snapshot: ${Object.keys(request)[0]} failed with ${pb.Error.Code[response.error?.code ?? 0]}: ${response.error?.message}`);
    }
    snapshot = response.snapshotTaken?.snapshot ?? snapshot;
  }
  if (snapshot === null) throw new Error("preparing the snapshot: TakeSnapshot returned no bytes");
  return snapshot;
}

/**
 * Builds the manifest of a library shaped like an iPhone's, as the iOS host
 * sends it. Of the assets, 3 in 5 have a location and 2 in 5 are live
 * photos. 1 in 10 is in an album, 1 in 20 is a video, 1 in 31 is a favorite
 * and 1 in 7 was edited after capture. These shares are assumptions for the
 * benchmark, not survey data.
 */
function manifestOf(assets: number): queryable.v1.IManifestEntry[] {
  return Array.from({ length: assets }, (_, i) => {
    const createdMs = BASE_MS + i * 60_000;
    const entry: queryable.v1.IManifestEntry = {
      id: benchAssetId(i),
      createdMs,
      modifiedMs: i % 7 === 0 ? createdMs + 86_400_000 : createdMs,
      favorite: i % 31 === 0,
      mediaType: i % 20 === 19 ? pb.MediaType.MEDIA_TYPE_VIDEO : pb.MediaType.MEDIA_TYPE_IMAGE,
    };
    if (i % 5 < 2) entry.subtypes = [pb.MediaSubtype.MEDIA_SUBTYPE_LIVE_PHOTO];
    if (i % 10 === 0) entry.albumIds = [`${ALBUM_PREFIX}${String(i % 40).padStart(3, "0")}`];
    if (i % 5 < 3) entry.location = { latitude: 48.8 + (i % 1000) / 10_000, longitude: 2.3 + (i % 997) / 10_000 };
    return entry;
  });
}

function syncChunks(manifest: queryable.v1.IManifestEntry[]): queryable.v1.IRequest[] {
  const chunks: queryable.v1.IRequest[] = [];
  for (let start = 0; start < manifest.length; start += SYNC_CHUNK) {
    const entries = manifest.slice(start, start + SYNC_CHUNK);
    chunks.push({ syncManifest: { entries, first: start === 0, last: start + SYNC_CHUNK >= manifest.length } });
  }
  return chunks;
}

function putBatches(vectors: VectorSet, assets: number): queryable.v1.IRequest[] {
  const batches: queryable.v1.IRequest[] = [];
  for (let start = 0; start < assets; start += PUT_BATCH) {
    const end = Math.min(start + PUT_BATCH, assets);
    const ids = Array.from({ length: end - start }, (_, i) => benchAssetId(start + i));
    batches.push({ putEmbeddings: { ids, vectors: littleEndianBytes(vectors.library.subarray(start * vectors.dimension, end * vectors.dimension)) } });
  }
  return batches;
}

function encodeAll(requests: readonly queryable.v1.IRequest[]): Uint8Array[] {
  return requests.map((request, i) => pb.Request.encode({ ...request, requestId: i + 1 }).finish());
}

function littleEndianBytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return bytes;
}
