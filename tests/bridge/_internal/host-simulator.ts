// A host for property tests: it keeps a photo library, syncs it to one core
// through the bridge in chunks, encodes what the plan requests with a fake
// encoder, stores the journal and snapshot, and reopens the core from them.
import { pb, type queryable } from "../../../bridge/codec";
import { CoreClient, concat, expectResult, float32Bytes } from "./core-client";
import { assetRecordFromState } from "../../../core/index/asset-record";
import { decodeSnapshot } from "../../../core/persistence/snapshot-codec";

export const DIMENSION = 4;
export const MODEL_ID = "test-model";

/** One photo of the simulated library. */
export interface LibraryPhoto {
  readonly id: string;
  readonly modifiedMs: number;
  readonly fingerprint: string;
  readonly createdMs: number;
  readonly favorite: boolean;
}

/**
 * Encodes a photo with a fake image encoder: a vector from the content, which is the
 * fingerprint when there is one (so renamed copies share it) and else the
 * id and modification date. Components are small whole numbers, never all zero.
 */
export function encodePhoto(photo: { id: string; modifiedMs: number; fingerprint: string }): Float32Array {
  const content = photo.fingerprint !== "" ? `fp:${photo.fingerprint}` : `id:${photo.id}@${photo.modifiedMs}`;
  let state = 2166136261;
  for (let i = 0; i < content.length; i++) state = Math.imul(state ^ content.charCodeAt(i), 16777619) >>> 0;

  const vector = new Float32Array(DIMENSION);
  for (let i = 0; i < DIMENSION; i++) {
    state = Math.imul(state ^ (state >>> 15), 2246822507) >>> 0;
    vector[i] = (state % 7) - 3;
  }
  if (vector.every((v) => v === 0)) vector[0] = 1;
  return vector;
}

/** How one sync is sent and how its plan is carried out. */
export interface SyncOptions {
  /** Entries per chunk, 1 or more. */
  readonly chunkSize: number;
  /** Stop after this many chunks without sending the last one, or null to finish. */
  readonly interruptAfter: number | null;
  /** Send every entry twice, in different chunks, to test repeats. */
  readonly repeatEntries: boolean;
  /** Ids the encoder fails on; they are reported with MarkFailed. */
  readonly failingIds: ReadonlySet<string>;
  /** Encode only this many of to_embed and then stop, or null for all. */
  readonly embedLimit: number | null;
}

/** What one sync did. */
export interface SyncRun {
  readonly plan: queryable.v1.ISyncPlan | null;
  readonly embeddedAll: boolean;
}

/**
 * An encoder result not yet sent to core, with the version of the photo it
 * was computed from. `vector` is null when the encoder failed.
 */
export interface InFlightEncoding {
  readonly id: string;
  readonly modifiedMs: number;
  readonly fingerprint: string;
  readonly vector: Float32Array | null;
}

/** The stale ids that core reported for one delivery, and the ids expected to be stale. */
export interface Delivery {
  readonly stale: string[];
  /** In-flight ids whose version was not core's manifest version when they were sent. */
  readonly expectedStale: string[];
}

export class HostSimulator {
  readonly library = new Map<string, LibraryPhoto>();
  client = new CoreClient();
  /** Encodings started by startEncoding, at most one per id. */
  inFlight: InFlightEncoding[] = [];

  constructor() {
    this.client.call({ openIndex: { modelId: MODEL_ID, dimension: DIMENSION } }, "indexOpened");
  }

  /** Sends the library as a sync, then encodes and stores what the plan requests. */
  sync(options: SyncOptions): SyncRun {
    const entries = [...this.library.values()].map(toManifestEntry);
    const sent = options.repeatEntries ? [...entries, ...entries.slice().reverse()] : entries;
    const chunks = splitIntoChunks(sent, options.chunkSize);

    for (let i = 0; i < chunks.length; i++) {
      if (options.interruptAfter !== null && i >= options.interruptAfter) return { plan: null, embeddedAll: false };
      const last = i === chunks.length - 1;
      const plan = this.client.call({ syncManifest: { first: i === 0, last, entries: chunks[i] } }, "syncPlan");
      if (last) return { plan, embeddedAll: this.embed(plan.toEmbed ?? [], options) };
    }
    throw new Error("a sync always has at least one chunk");
  }

  /** Encodes `ids` in order, reporting failures, until embedLimit. Returns true when all were handled. */
  embed(ids: readonly string[], options: Pick<SyncOptions, "failingIds" | "embedLimit">): boolean {
    const limit = options.embedLimit ?? ids.length;
    const handled = ids.slice(0, limit);
    const failing = handled.filter((id) => options.failingIds.has(id));
    const encoded = handled.filter((id) => !options.failingIds.has(id));

    if (encoded.length > 0) {
      const vectors = concat(encoded.map((id) => float32Bytes(encodePhoto(this.library.get(id)!))));
      this.client.call({ putEmbeddings: { ids: encoded, vectors } }, "embeddingsPut");
    }
    if (failing.length > 0) {
      this.client.call({ markFailed: { failures: failing.map((id) => ({ id, reason: `cannot decode ${id}` })) } }, "failuresMarked");
    }
    return limit >= ids.length;
  }

  /**
   * Reads and encodes library photo `id` now, as a host pipeline does, and
   * keeps the result until deliverInFlight sends it, so library changes and
   * syncs can happen in between. Replaces an earlier encoding of the same id.
   */
  startEncoding(id: string, fails: boolean): void {
    const photo = this.library.get(id)!;
    this.inFlight = this.inFlight.filter((item) => item.id !== id);
    this.inFlight.push({ id, modifiedMs: photo.modifiedMs, fingerprint: photo.fingerprint, vector: fails ? null : encodePhoto(photo) });
  }

  /**
   * Sends every in-flight encoding with the version it was computed from:
   * vectors in one PutEmbeddings and failures in one MarkFailed. Drops the
   * ids core no longer holds, as their batch would fail with UNKNOWN_ASSET.
   */
  deliverInFlight(): Delivery {
    const assets = this.client.call({ getAssets: {} }, "assetList").assets ?? [];
    const versions = new Map(assets.map((asset) => [asset.entry!.id!, asset.entry!]));
    const items = this.inFlight.filter((item) => versions.has(item.id));
    this.inFlight = [];

    const expectedStale = items
      .filter((item) => versions.get(item.id)!.modifiedMs !== item.modifiedMs || versions.get(item.id)!.fingerprint !== item.fingerprint)
      .map((item) => item.id);
    const encoded = items.filter((item) => item.vector !== null);
    const failed = items.filter((item) => item.vector === null);
    const stale: string[] = [];

    if (encoded.length > 0) {
      const put = this.client.call({
        putEmbeddings: {
          ids: encoded.map((item) => item.id),
          vectors: concat(encoded.map((item) => float32Bytes(item.vector!))),
          modifiedMs: encoded.map((item) => item.modifiedMs),
          fingerprints: encoded.map((item) => item.fingerprint),
        },
      }, "embeddingsPut");
      stale.push(...(put.stale ?? []));
    }
    if (failed.length > 0) {
      const failures = failed.map((item) => ({ id: item.id, reason: `cannot decode ${item.id}`, modifiedMs: item.modifiedMs, fingerprint: item.fingerprint }));
      const marked = this.client.call({ markFailed: { failures } }, "failuresMarked");
      stale.push(...(marked.stale ?? []));
    }

    const sentOrder = [...encoded, ...failed].map((item) => item.id);
    return { stale, expectedStale: sentOrder.filter((id) => expectedStale.includes(id)) };
  }

  /**
   * Restarts the core from the stored bytes, optionally after a snapshot and
   * with a torn write of `tornBytes` at the journal tail. Drops the torn tail
   * as a host must. Returns the IndexOpened result.
   */
  reopen(takeSnapshot: boolean, tornBytes: number): queryable.v1.IIndexOpened {
    if (takeSnapshot) this.client.takeSnapshot();
    const journal = this.client.journalBytes();
    const torn = concat([journal, Uint8Array.from({ length: tornBytes }, (_, i) => (i * 37 + 11) & 0xff)]);

    const next = new CoreClient();
    next.snapshot = this.client.snapshot;
    next.journal = [journal];
    const opened = next.call({ openIndex: { modelId: MODEL_ID, dimension: DIMENSION, snapshot: next.snapshot, journal: torn } }, "indexOpened");
    this.client = next;
    return opened;
  }

  /** Decodes a fresh snapshot of the live core without storing it. */
  /**
   * Takes a snapshot and reads it back as format 1 would list it: one
   * AssetRecord per asset, sorted by id, and the vectors of assets with one
   * as float32 (restored from their codes under quantized storage).
   */
  peekSnapshot(): SnapshotView {
    const taken = expectResult(this.client.send({ takeSnapshot: {} }), "snapshotTaken");
    const decoded = decodeSnapshot(taken.snapshot ?? new Uint8Array(0), MODEL_ID, DIMENSION);
    if (!decoded.ok) throw new Error(`snapshot does not decode: ${decoded.error.message}`);

    const index = decoded.value;
    const ids = [...index.assets.keys()].sort();
    const assets = ids.map((id) => assetRecordFromState(index.assets.get(id)!, index.store.has(id)));
    const vectors = new Map(ids.filter((id) => index.store.has(id)).map((id) => [id, index.store.get(id)!]));
    return { assets, vectors };
  }
}

function toManifestEntry(photo: LibraryPhoto): queryable.v1.IManifestEntry {
  return { id: photo.id, modifiedMs: photo.modifiedMs, fingerprint: photo.fingerprint, createdMs: photo.createdMs, favorite: photo.favorite };
}

function splitIntoChunks<T>(items: T[], size: number): T[][] {
  if (items.length === 0) return [[]];
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** What peekSnapshot reads from a snapshot. */
export interface SnapshotView {
  readonly assets: queryable.v1.IAssetRecord[];
  readonly vectors: Map<string, Float32Array>;
}

/** Returns the stored vectors of a snapshot view by asset id. */
export function snapshotVectors(snapshot: SnapshotView): Map<string, Float32Array> {
  return snapshot.vectors;
}
