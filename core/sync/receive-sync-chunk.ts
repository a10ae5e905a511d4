import type { queryable } from "../../bridge/_generated/schema.js";
import { fail, ok, type Result } from "../errors";
import { assetRecordFromState, assetStateFromRecord } from "../index/asset-record";
import { sameVersion, type AssetState, type GeoPoint } from "../index/asset-state";
import type { PhotoIndex } from "../index/photo-index";
import { commitChanges, type Change } from "../persistence/commit-changes";
import { checkManifestEntry } from "./check-manifest-entry";
import { planSync } from "./plan-sync";

/** The SyncPlan response fields and the journal bytes of one chunk. */
export interface ChunkOutcome {
  readonly plan: queryable.v1.ISyncPlan;
  readonly journal: Uint8Array;
}

/**
 * Stores one chunk of the library manifest and clears the vectors of assets
 * whose version changed. Only the last chunk plans, removes assets gone from
 * the library and counts the sync as complete. A `first` chunk abandons any
 * unfinished sync without deleting anything. Fails, changing nothing, with
 * SYNC_OUT_OF_ORDER for a chunk without `first` while no sync is active, and
 * with the errors of checkManifestEntry.
 */
export function receiveSyncChunk(index: PhotoIndex, chunk: queryable.v1.ISyncManifest): Result<ChunkOutcome> {
  const checked = checkChunk(index, chunk);
  if (!checked.ok) return checked;

  if (chunk.first) index.activeSync = { seen: new Set() };
  const active = index.activeSync!;

  const incoming = latestEntries(chunk.entries ?? []);
  const journals = [commitChanges(index, chunkChanges(index, incoming))];
  for (const asset of incoming) active.seen.add(asset.id);

  if (!chunk.last) return ok({ plan: { received: active.seen.size, complete: false }, journal: journals[0]! });

  const planned = planSync(index, active.seen);
  journals.push(commitChanges(index, planned.changes));
  index.activeSync = null;
  return ok({ plan: { ...planned.plan, received: active.seen.size, complete: true }, journal: joinBytes(journals) });
}

function checkChunk(index: PhotoIndex, chunk: queryable.v1.ISyncManifest): Result<true> {
  if (!chunk.first && index.activeSync === null) {
    return fail("SYNC_OUT_OF_ORDER", "sync chunk without `first` arrived while no sync is active; start every sync with a chunk that has first = true");
  }

  const entries = chunk.entries ?? [];
  for (let i = 0; i < entries.length; i++) {
    const checked = checkManifestEntry(entries[i]!, `SyncManifest entry ${i}`);
    if (!checked.ok) return checked;
  }
  return ok(true);
}

// Ids may repeat within a chunk; the last entry for an id wins.
function latestEntries(entries: queryable.v1.IManifestEntry[]): AssetState[] {
  const byId = new Map<string, AssetState>();
  for (const entry of entries) {
    const asset = assetStateFromRecord(entry);
    byId.delete(asset.id);
    byId.set(asset.id, asset);
  }
  return [...byId.values()];
}

function chunkChanges(index: PhotoIndex, incoming: AssetState[]): Change[] {
  const stale: string[] = [];
  const upserts: queryable.v1.IAssetRecord[] = [];

  for (const asset of incoming) {
    const existing = index.assets.get(asset.id);
    if (existing && sameManifestFields(existing, asset)) continue;

    if (existing && index.store.has(asset.id) && !sameVersion(asset, embeddedVersion(existing))) stale.push(asset.id);
    upserts.push(assetRecordFromState(asset, false));
  }

  const changes: Change[] = [];
  // Cleared first: a journal torn between the two records leaves an asset
  // without a vector, which the next sync embeds again, never a stale vector.
  if (stale.length > 0) changes.push({ vectorsCleared: { ids: stale } });
  if (upserts.length > 0) changes.push({ manifestUpserted: { assets: upserts } });
  return changes;
}

function embeddedVersion(asset: AssetState): { modifiedMs: number; fingerprint: string } {
  return { modifiedMs: asset.embeddedModifiedMs, fingerprint: asset.embeddedFingerprint };
}

// Compares field by field: serialising both entries for each asset of a
// 100k manifest cost most of the sync plan without a JIT.
function sameManifestFields(a: AssetState, b: AssetState): boolean {
  return (
    a.id === b.id &&
    a.createdMs === b.createdMs &&
    a.modifiedMs === b.modifiedMs &&
    a.favorite === b.favorite &&
    a.mediaType === b.mediaType &&
    a.fingerprint === b.fingerprint &&
    sameList(a.subtypes, b.subtypes) &&
    sameList(a.albumIds, b.albumIds) &&
    sameLocation(a.location, b.location)
  );
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

function sameLocation(a: GeoPoint | null, b: GeoPoint | null): boolean {
  if (a === null || b === null) return a === b;
  return a.latitude === b.latitude && a.longitude === b.longitude;
}

function joinBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
