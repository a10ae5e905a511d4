// The record of the assets a sync has received: an arrival number per row
// of the asset table instead of a Set of ids. The table's row lookup is needed
// anyway, and the plan then reads typed arrays by row instead of hashing
// every id a second time.
import type { ActiveSync, PhotoIndex } from "../index/photo-index";
import type { ManifestColumns } from "./manifest-columns";

// Arrivals are stored as Uint32, so the clock restarts before it nears 2^32.
// A single sync would need 2^31 manifest entries to overflow it.
const CLOCK_RESTART = 2 ** 31;

/** The rows of one chunk's entries and the entries to apply. */
export interface ChunkArrivals {
  /** The row of each entry before the chunk is applied, -1 for an id the table does not have yet. */
  readonly rows: Int32Array;
  /**
   * The entry indices to apply: null for every entry in order, or, when an
   * id repeats within the chunk, only its last entry, in the order of
   * those last entries.
   */
  readonly incoming: number[] | null;
  /** The arrival clock before the chunk: entry `i` arrives at chunkBase + i + 1. */
  readonly chunkBase: number;
  readonly hasNewIds: boolean;
}

/** Starts a sync, so that only rows received from now on count as received. */
export function startSync(index: PhotoIndex): ActiveSync {
  if (index.arrivalClock >= CLOCK_RESTART) {
    index.assets.clearArrivals();
    index.arrivalClock = 0;
  }
  return { base: index.arrivalClock, received: 0 };
}

/**
 * Looks up the row of every entry, records the arrival of each row that
 * the table has and this sync had not received yet, counts those rows and
 * advances the clock. Ids the table does not have yet get their arrival
 * from `markNewRows` once the chunk is applied.
 */
export function receiveArrivals(index: PhotoIndex, columns: ManifestColumns, sync: ActiveSync): ChunkArrivals {
  const ids = columns.ids;
  const assets = index.assets;
  const { ids: tableIds, rowCount, arrivals } = assets.columns();
  const chunkBase = index.arrivalClock;
  const rows = new Int32Array(ids.length);
  let repeated = false;
  let newIds: Set<string> | null = null;
  let earlierRows: Set<number> | null = null;
  let previousRow = -1;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    // The CLI and the iOS host send ids sorted, the order of a reopened table's rows,
    // so the next row is tried first. A string comparison costs far less
    // than hashing the new string for a Map lookup without a JIT.
    const next = previousRow + 1;
    const row = next < rowCount && tableIds[next] === id ? next : assets.rowOf(id);
    if (row >= 0) previousRow = row;
    rows[i] = row;
    if (row < 0) {
      newIds ??= new Set();
      if (newIds.has(id)) repeated = true;
      else newIds.add(id);
      continue;
    }

    // A row keeps the arrival of its first entry in the sync, so the plan lists ids in first-seen order.
    const arrival = arrivals[row]!;
    if (arrival <= sync.base) {
      sync.received++;
      assets.setArrivalAt(row, chunkBase + i + 1);
    } else if (arrival > chunkBase) {
      repeated = true;
    } else {
      // Received in an earlier chunk, so only a Set shows a repeat within this one.
      earlierRows ??= new Set();
      if (earlierRows.has(row)) repeated = true;
      else earlierRows.add(row);
    }
  }

  index.arrivalClock = chunkBase + ids.length;
  return { rows, incoming: repeated ? lastEntries(ids) : null, chunkBase, hasNewIds: newIds !== null };
}

/** Records the arrival of the rows that the chunk's upserts added, and counts them as received. */
export function markNewRows(index: PhotoIndex, columns: ManifestColumns, chunk: ChunkArrivals, sync: ActiveSync): void {
  if (!chunk.hasNewIds) return;

  const assets = index.assets;
  const arrivals = assets.columns().arrivals;
  for (let i = 0; i < chunk.rows.length; i++) {
    if (chunk.rows[i]! >= 0) continue;
    const row = assets.rowOf(columns.ids[i]!);
    // Every new id was upserted, so the row exists. A later entry of the same id finds it marked.
    if (arrivals[row]! > sync.base) continue;
    sync.received++;
    assets.setArrivalAt(row, chunk.chunkBase + i + 1);
  }
}

/** Returns `rows` sorted by arrival. Arrivals within a sync are distinct, so one pass over a bucket per arrival sorts them. */
export function inArrivalOrder(index: PhotoIndex, rows: number[], sync: ActiveSync): number[] {
  if (rows.length < 2) return rows;

  const arrivals = index.assets.columns().arrivals;
  const buckets = new Int32Array(index.arrivalClock - sync.base).fill(-1);
  for (const row of rows) buckets[arrivals[row]! - sync.base - 1] = row;

  const sorted: number[] = [];
  for (let k = 0; k < buckets.length; k++) {
    if (buckets[k]! >= 0) sorted.push(buckets[k]!);
  }
  return sorted;
}

function lastEntries(ids: readonly string[]): number[] {
  const byId = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    byId.delete(ids[i]!);
    byId.set(ids[i]!, i);
  }
  return [...byId.values()];
}
