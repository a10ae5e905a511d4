import type { queryable } from "../../bridge/_generated/schema.js";
import { writeFloat32Block } from "../index/float32-block";
import type { PhotoIndex } from "../index/photo-index";
import type { Change } from "../persistence/commit-changes";
import { isRetryDue } from "./retry-backoff";

/** The plan of a completed sync and the journal changes that carry it out. */
export interface PlannedSync {
  readonly plan: queryable.v1.ISyncPlan;
  readonly changes: Change[];
}

/**
 * Plans the sync whose manifest was `seen` (all its ids, already stored in
 * the index). Pure: reads `index` and returns changes, in this order: vectors
 * reused by fingerprint, assets dropped because the library no longer has
 * them, and the completed sync. Reuse comes before removal so a renamed
 * file can take the vector of its old id in the same sync.
 */
export function planSync(index: PhotoIndex, seen: ReadonlySet<string>): PlannedSync {
  // Built on first use: an unchanged library needs no fingerprint lookup.
  let sources: Map<string, string> | null = null;
  const toEmbed: string[] = [];
  const reused: string[] = [];
  const reusedVectors: Float32Array[] = [];
  let unchanged = 0;
  let failedWaiting = 0;

  const assets = index.assets;
  // For a known row, slots[row] >= 0 is store.has(id) without a second id lookup.
  const slots = assets.columns().slots;
  let present = 0;
  // forEach, because it measured faster than for-of in jsc --useJIT=false (7 against 10 ms over 100k ids).
  seen.forEach((id) => {
    const row = assets.rowOf(id);
    if (row < 0) return;

    present++;
    if (slots[row]! >= 0) {
      unchanged++;
      return;
    }
    const failure = assets.failureAt(row);
    const fingerprint = assets.fingerprintAt(row);
    if (failure !== null) {
      if (isRetryDue(failure, { modifiedMs: assets.modifiedMsAt(row), fingerprint }, index.syncGeneration)) toEmbed.push(id);
      else failedWaiting++;
    } else if (fingerprint !== "" && (sources ??= vectorsByFingerprint(index)).has(fingerprint)) {
      reused.push(id);
      reusedVectors.push(index.store.get(sources.get(fingerprint)!)!.slice());
    } else {
      toEmbed.push(id);
    }
  });

  // The `present` ids are distinct assets, so when they number as many as
  // the table has, the manifest named every asset and nothing is removed.
  const removed: string[] = [];
  if (present < assets.size) {
    for (const id of assets.keys()) {
      if (!seen.has(id)) removed.push(id);
    }
  }
  const changes: Change[] = [];
  if (reused.length > 0) changes.push({ vectorsPut: reuseRecord(index, reused, reusedVectors) });
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

function reuseRecord(index: PhotoIndex, ids: string[], vectors: Float32Array[]): queryable.v1.IVectorsPut {
  const block = new Float32Array(ids.length * index.dimension);
  vectors.forEach((vector, i) => block.set(vector, i * index.dimension));

  return {
    ids,
    vectors: writeFloat32Block(block),
    embeddedModifiedMs: ids.map((id) => index.assets.modifiedMsAt(index.assets.rowOf(id))),
    embeddedFingerprints: ids.map((id) => index.assets.fingerprintAt(index.assets.rowOf(id))),
  };
}
