import type { queryable } from "../../bridge/_generated/schema.js";
import { fail, ok, type Result } from "../errors";
import { assetRecordFromState, assetStateFromRecord } from "../index/asset-record";
import { sameVersion, type AssetVersion } from "../index/asset-state";
import type { AssetColumns, AssetTable } from "../index/asset-table";
import type { PhotoIndex } from "../index/photo-index";
import { commitChanges, type Change } from "../persistence/commit-changes";
import { MAX_ASSET_ID_BYTES } from "../index/asset-id";
import { checkManifestEntry } from "./check-manifest-entry";
import { manifestChunkOf, manifestEntryAt, ManifestEntryView, type ManifestChunk, type ManifestColumns } from "./manifest-columns";
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
  return receiveManifestChunk(index, manifestChunkOf(chunk));
}

/** Does what receiveSyncChunk does, for a chunk already decoded into columns. */
export function receiveManifestChunk(index: PhotoIndex, chunk: ManifestChunk): Result<ChunkOutcome> {
  const checked = checkChunk(index, chunk);
  if (!checked.ok) return checked;

  if (chunk.first) index.activeSync = { seen: new Set() };
  const active = index.activeSync!;

  const incoming = latestRows(chunk.entries, active.seen);
  const journals = [commitChanges(index, chunkChanges(index, chunk.entries, incoming))];

  if (!chunk.last) return ok({ plan: { received: active.seen.size, complete: false }, journal: journals[0]! });

  const planned = planSync(index, active.seen);
  journals.push(commitChanges(index, planned.changes));
  index.activeSync = null;
  return ok({ plan: { ...planned.plan, received: active.seen.size, complete: true }, journal: joinBytes(journals) });
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

/**
 * Adds the ids of `columns` to `seen` and returns the indices of the entries
 * to apply: for an id that repeats within the chunk, only its last entry,
 * in the order of those last entries. Returns null, meaning every index in
 * order, when no id repeats. The `seen` Set counts new ids, so a chunk
 * without repeats (the usual case) costs no second pass.
 */
function latestRows(columns: ManifestColumns, seen: Set<string>): number[] | null {
  const ids = columns.ids;
  const before = seen.size;
  for (let i = 0; i < ids.length; i++) seen.add(ids[i]!);
  if (seen.size - before === ids.length) return null;

  const byId = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    byId.delete(ids[i]!);
    byId.set(ids[i]!, i);
  }
  return [...byId.values()];
}

function chunkChanges(index: PhotoIndex, columns: ManifestColumns, incoming: number[] | null): Change[] {
  const stale: string[] = [];
  const upserts: queryable.v1.IAssetRecord[] = [];
  const assets = index.assets;
  const stored = assets.columns();
  const count = incoming === null ? columns.ids.length : incoming.length;
  const view = new ManifestEntryView();

  for (let k = 0; k < count; k++) {
    const i = incoming === null ? k : incoming[k]!;
    const id = columns.ids[i]!;
    const row = assets.rowOf(id);
    // An entry identical to the stored asset writes no journal record.
    if (row >= 0 && (sameWithoutExtras(stored, row, columns, i) || assets.sameManifestFields(row, view.load(columns, i)))) continue;

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

/**
 * True when entry `i` and stored row `row` both lack a location, subtypes
 * and albums and agree on every other manifest field. False means only that
 * this shortcut does not decide, so the caller then compares every field.
 */
function sameWithoutExtras(stored: AssetColumns, row: number, columns: ManifestColumns, i: number): boolean {
  const flags = stored.flags[row]!;
  return (
    columns.extras[i] === undefined &&
    (flags & (stored.hasLocation | stored.hasLists)) === 0 &&
    stored.createdMs[row] === columns.createdMs[i] &&
    stored.modifiedMs[row] === columns.modifiedMs[i] &&
    ((flags & stored.favorite) !== 0) === columns.favorites[i] &&
    stored.mediaTypes[row] === columns.mediaTypes[i] &&
    stored.fingerprints[row] === columns.fingerprints[i]
  );
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
