import type { queryable } from "../../bridge/_generated/schema.js";
import { fail, ok, type Result } from "../errors";
import { assetRecordFromState, assetStateFromRecord } from "../index/asset-record";
import { sameVersion, type AssetVersion } from "../index/asset-state";
import type { AssetTable } from "../index/asset-table";
import type { PhotoIndex } from "../index/photo-index";
import { commitChanges, type Change } from "../persistence/commit-changes";
import { MAX_ASSET_ID_BYTES } from "../index/asset-id";
import { checkManifestEntry } from "./check-manifest-entry";
import { manifestChunkOf, manifestEntryAt, type ManifestChunk, type ManifestColumns } from "./manifest-columns";
import { planSync } from "./plan-sync";
import { changedEntries } from "./changed-entries";
import { markNewRows, receiveArrivals, startSync, type ChunkArrivals } from "./sync-arrivals";

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
  return receiveManifestChunk(index, manifestChunkOf(chunk));
}

/** Does what receiveSyncChunk does, for a chunk already decoded into columns. */
export function receiveManifestChunk(index: PhotoIndex, chunk: ManifestChunk): Result<ChunkOutcome> {
  const checked = checkChunk(index, chunk);
  if (!checked.ok) return checked;

  if (chunk.first) index.activeSync = startSync(index);
  const active = index.activeSync!;

  const arrivals = receiveArrivals(index, chunk.entries, active);
  const journals = [commitChanges(index, chunkChanges(index, chunk.entries, arrivals))];
  markNewRows(index, chunk.entries, arrivals, active);

  if (!chunk.last) return ok({ plan: { received: active.received, complete: false }, journal: journals[0]! });

  const planned = planSync(index, active);
  journals.push(commitChanges(index, planned.changes));
  index.activeSync = null;
  return ok({ plan: { ...planned.plan, received: active.received, complete: true }, journal: joinBytes(journals) });
}

function checkChunk(index: PhotoIndex, chunk: ManifestChunk): Result<true> {
  if (!chunk.first && index.activeSync === null) {
    return fail("SYNC_OUT_OF_ORDER", "sync chunk without `first` arrived while no sync is active; start every sync with a chunk that has first = true");
  }

  const columns = chunk.entries;
  for (let i = 0; i < columns.ids.length; i++) {
    if (surelyValid(columns, i)) continue;
    const checked = checkManifestEntry(manifestEntryAt(columns, i), `SyncManifest entry ${i}`);
    if (!checked.ok) return checked;
  }
  return ok(true);
}

/**
 * True when checkManifestEntry surely accepts entry `i`: a non-empty id
 * short enough to need no UTF-8 count, and no location or one on the globe.
 * Other entries go through checkManifestEntry, which builds the message.
 */
function surelyValid(columns: ManifestColumns, i: number): boolean {
  const length = columns.ids[i]!.length;
  if (length === 0 || length * 3 > MAX_ASSET_ID_BYTES) return false;
  const location = columns.extras[i]?.location ?? null;
  return location === null || (Math.abs(location.latitude) <= 90 && Math.abs(location.longitude) <= 180);
}

function chunkChanges(index: PhotoIndex, columns: ManifestColumns, arrivals: ChunkArrivals): Change[] {
  const stale: string[] = [];
  const upserts: queryable.v1.IAssetRecord[] = [];
  const assets = index.assets;

  // An entry identical to the stored asset writes no journal record.
  for (const i of changedEntries(assets.columns(), columns, arrivals.rows, arrivals.incoming)) {
    const id = columns.ids[i]!;
    const row = arrivals.rows[i]!;
    const asset = assetStateFromRecord(manifestEntryAt(columns, i));
    if (row >= 0 && index.store.has(id) && !sameVersion(asset, embeddedVersion(assets, row))) stale.push(id);
    upserts.push(assetRecordFromState(asset, false));
  }

  const changes: Change[] = [];
  // Cleared first: a journal torn between the two records leaves an asset
  // without a vector, which the next sync embeds again, never a stale vector.
  if (stale.length > 0) changes.push({ vectorsCleared: { ids: stale } });
  if (upserts.length > 0) changes.push({ manifestUpserted: { assets: upserts } });
  return changes;
}

function embeddedVersion(assets: AssetTable, row: number): AssetVersion {
  return { modifiedMs: assets.embeddedModifiedMsAt(row), fingerprint: assets.embeddedFingerprintAt(row) };
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
