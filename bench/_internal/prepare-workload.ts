// Writes the request frames of one workload run, encoded in Node so every
// runtime replays the same bytes and spends no time building requests.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pb, type queryable } from "../../bridge/codec";
import { encodeFrameFile } from "../../tests/support/frame-file";
import { WORKLOAD_FILES, WORKLOAD_PHASES, type WorkloadPhase } from "./workload-protocol";

/** Entries per SyncManifest chunk, as a host would page through its library. */
const SYNC_CHUNK = 1000;
/** Vectors per PutEmbeddings batch, the size of one encoder batch. */
const PUT_BATCH = 256;
/** 2024-01-01T00:00:00Z, the capture date of asset 0. */
const BASE_MS = 1_704_067_200_000;

/** The library, queries and search settings of one workload. */
export interface WorkloadPlan {
  readonly modelId: string;
  readonly dimension: number;
  readonly library: Float32Array;
  readonly queries: Float32Array;
  readonly topK: number;
  /** Ranking policy name, or "" for core's default. */
  readonly policy: string;
  readonly params: Record<string, number>;
}

/** Returns the id of library vector `index`. */
export function benchAssetId(index: number): string {
  return `photo-${String(index).padStart(7, "0")}`;
}

/** Writes frames.bin for `plan` into `directory`, creating it, and returns the directory. */
export function prepareWorkload(plan: WorkloadPlan, directory: string): string {
  const assets = plan.library.length / plan.dimension;
  const manifest = Array.from({ length: assets }, (_, i) => ({
    id: benchAssetId(i),
    createdMs: BASE_MS + i * 60_000,
    modifiedMs: BASE_MS + i * 60_000,
    mediaType: pb.MediaType.MEDIA_TYPE_IMAGE,
  }));

  const phases: Record<WorkloadPhase, queryable.v1.IRequest[]> = {
    create: [{ openIndex: { modelId: plan.modelId, dimension: plan.dimension } }],
    firstSync: syncChunks(manifest),
    put: putBatches(plan, assets),
    plan: syncChunks(manifest),
    search: searches(plan),
    snapshot: [{ takeSnapshot: {} }],
  };

  let requestId = 1;
  const sequences = WORKLOAD_PHASES.map((phase) =>
    phases[phase].map((request) => pb.Request.encode({ ...request, requestId: requestId++ }).finish()),
  );

  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, WORKLOAD_FILES.frames), encodeFrameFile(sequences));
  return directory;
}

function syncChunks(manifest: queryable.v1.IManifestEntry[]): queryable.v1.IRequest[] {
  const chunks: queryable.v1.IRequest[] = [];
  for (let start = 0; start < manifest.length; start += SYNC_CHUNK) {
    const entries = manifest.slice(start, start + SYNC_CHUNK);
    chunks.push({ syncManifest: { entries, first: start === 0, last: start + SYNC_CHUNK >= manifest.length } });
  }
  return chunks;
}

function putBatches(plan: WorkloadPlan, assets: number): queryable.v1.IRequest[] {
  const batches: queryable.v1.IRequest[] = [];
  for (let start = 0; start < assets; start += PUT_BATCH) {
    const end = Math.min(start + PUT_BATCH, assets);
    const ids = Array.from({ length: end - start }, (_, i) => benchAssetId(start + i));
    batches.push({ putEmbeddings: { ids, vectors: littleEndianBytes(plan.library.subarray(start * plan.dimension, end * plan.dimension)) } });
  }
  return batches;
}

function searches(plan: WorkloadPlan): queryable.v1.IRequest[] {
  const count = plan.queries.length / plan.dimension;
  return Array.from({ length: count }, (_, q) => ({
    search: {
      queries: [{ vector: littleEndianBytes(plan.queries.subarray(q * plan.dimension, (q + 1) * plan.dimension)) }],
      topK: plan.topK,
      policy: plan.policy,
      params: plan.params,
    },
  }));
}

function littleEndianBytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  return bytes;
}
