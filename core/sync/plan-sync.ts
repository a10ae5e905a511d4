import type { queryable } from "../../bridge/_generated/schema.js";
import { writeFloat32Block } from "../index/float32-block";
import type { ActiveSync, PhotoIndex } from "../index/photo-index";
import type { Change } from "../persistence/commit-changes";
import { isRetryDue } from "./retry-backoff";
import { inArrivalOrder } from "./sync-arrivals";

/** The plan of a completed sync and the journal changes that carry it out. */
export interface PlannedSync {
  readonly plan: queryable.v1.ISyncPlan;
  readonly changes: Change[];
}

/**
 * Plans the completed sync `sync`, whose entries are already stored in the
 * index. Pure: reads `index` and returns changes, in this order: vectors
 * reused by fingerprint, assets dropped because the library no longer has
 * them, and the completed sync. Reuse comes before removal so a renamed
 * file can take the vector of its old id in the same sync. Ids to embed and
 * to reuse come in the order the sync received them, and removed ids in
 * row order.
 */
export function planSync(index: PhotoIndex, sync: ActiveSync): PlannedSync {
  const { rowCount, ids, slots, arrivals } = index.assets.columns();
  const toEmbedRows: number[] = [];
  const reusedRows: number[] = [];
  const removed: string[] = [];
  let unchanged = 0;
  let failedWaiting = 0;
  // Built on first use: an unchanged library needs no fingerprint lookup.
  let sources: Map<string, string> | null = null;

  for (let row = 0; row < rowCount; row++) {
    const id = ids[row];
    if (id === null || id === undefined) continue;
    if (arrivals[row]! <= sync.base) {
      removed.push(id);
      continue;
    }
    if (slots[row]! >= 0) {
      unchanged++;
      continue;
    }

    const failure = index.assets.failureAt(row);
    const fingerprint = index.assets.fingerprintAt(row);
    if (failure !== null) {
      if (isRetryDue(failure, { modifiedMs: index.assets.modifiedMsAt(row), fingerprint }, index.syncGeneration)) toEmbedRows.push(row);
      else failedWaiting++;
    } else if (fingerprint !== "" && (sources ??= vectorsByFingerprint(index)).has(fingerprint)) {
      reusedRows.push(row);
    } else {
      toEmbedRows.push(row);
    }
  }

  const toEmbed = inArrivalOrder(index, toEmbedRows, sync).map((row) => ids[row]!);
  const reusing = inArrivalOrder(index, reusedRows, sync);
  const reused = reusing.map((row) => ids[row]!);
  const changes: Change[] = [];
  if (sources !== null && reusing.length > 0) changes.push({ vectorsPut: reuseRecord(index, reusing, sources) });
  if (removed.length > 0) changes.push({ assetsDropped: { ids: removed } });
  changes.push({ syncCompleted: { syncGeneration: index.syncGeneration + 1 } });

  return { plan: { toEmbed, removed, reused, unchanged, failedWaiting }, changes };
}

// The smallest id wins among assets sharing a fingerprint, so the choice
// does not depend on slot order, which differs after reopening a snapshot.
function vectorsByFingerprint(index: PhotoIndex): Map<string, string> {
  const sources = new Map<string, string>();
  for (const id of index.store.ids()) {
    const row = index.assets.rowOf(id);
    const fingerprint = row < 0 ? "" : index.assets.embeddedFingerprintAt(row);
    if (fingerprint === "") continue;

    const current = sources.get(fingerprint);
    if (current === undefined || id < current) sources.set(fingerprint, id);
  }
  return sources;
}

// Each row takes a copy of the vector of its fingerprint's source asset.
function reuseRecord(index: PhotoIndex, rows: readonly number[], sources: ReadonlyMap<string, string>): queryable.v1.IVectorsPut {
  const assets = index.assets;
  const d = index.dimension;
  const block = new Float32Array(rows.length * d);
  rows.forEach((row, i) => block.set(index.store.get(sources.get(assets.fingerprintAt(row))!)!, i * d));

  return {
    ids: rows.map((row) => assets.columns().ids[row]!),
    vectors: writeFloat32Block(block),
    embeddedModifiedMs: rows.map((row) => assets.modifiedMsAt(row)),
    embeddedFingerprints: rows.map((row) => assets.fingerprintAt(row)),
  };
}
