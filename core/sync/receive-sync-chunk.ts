import type { queryable } from "../../bridge/_generated/schema.js";
import { fail, ok, type Result } from "../errors";
import { assetRecordFromState, assetStateFromRecord } from "../index/asset-record";
import { sameVersion, type AssetVersion } from "../index/asset-state";
import type { AssetTable } from "../index/asset-table";
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

  const incoming = latestEntries(chunk.entries ?? [], active.seen);
  const journals = [commitChanges(index, chunkChanges(index, incoming))];

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

/**
 * Adds the ids of `entries` to `seen` and returns the entries with the last
 * one kept for an id that repeats within the chunk, in the order of those
 * last entries. The `seen` Set counts new ids, so a chunk without repeats
 * (the usual case) costs no second pass.
 */
function latestEntries(entries: queryable.v1.IManifestEntry[], seen: Set<string>): queryable.v1.IManifestEntry[] {
  const before = seen.size;
  for (const entry of entries) seen.add(entry.id ?? "");
  if (seen.size - before === entries.length) return entries;

  const byId = new Map<string, queryable.v1.IManifestEntry>();
  for (const entry of entries) {
    byId.delete(entry.id ?? "");
    byId.set(entry.id ?? "", entry);
  }
  return [...byId.values()];
}

function chunkChanges(index: PhotoIndex, incoming: queryable.v1.IManifestEntry[]): Change[] {
  const stale: string[] = [];
  const upserts: queryable.v1.IAssetRecord[] = [];
  const assets = index.assets;

  for (const entry of incoming) {
    const id = entry.id ?? "";
    const row = assets.rowOf(id);
    if (row >= 0 && assets.sameManifestFields(row, entry)) continue;

    const asset = assetStateFromRecord(entry);
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
