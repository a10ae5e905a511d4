import type { AssetState, AssetVersion, FailureState, GeoPoint } from "./asset-state";
import { ListSets, NO_LISTS } from "./list-sets";
import type { SlotDirectory } from "./vector-store";

const FAVORITE = 1;
const HAS_LOCATION = 2;
const INITIAL_ROWS = 64;


/**
 * The asset table of an index: one row per asset, each field in a column
 * (typed arrays for numbers and flags, one array of strings per string
 * field), so 100k assets cost no object per asset. Fields that most assets
 * leave empty (subtypes and albums, an embedded version other than the
 * current one, a failure) live in maps by row. Rows of removed assets are
 * reused. Reads with `get` build a new AssetState, so changing the returned
 * object never changes the table: write with `set`, `setEmbeddedVersion`
 * and `setFailure`.
 */
export class AssetTable {
  private readonly rowById = new Map<string, number>();
  private ids: (string | null)[] = [];
  private fingerprints: string[] = [];
  private createdMs: Float64Array = new Float64Array(INITIAL_ROWS);
  private modifiedMs: Float64Array = new Float64Array(INITIAL_ROWS);
  private mediaTypes: Int32Array = new Int32Array(INITIAL_ROWS);
  private flags: Uint8Array = new Uint8Array(INITIAL_ROWS);
  private locations: Float64Array = new Float64Array(INITIAL_ROWS * 2);
  private listNumbers: Int32Array = new Int32Array(INITIAL_ROWS);
  private arrivals: Uint32Array = new Uint32Array(INITIAL_ROWS);
  private readonly listSets = new ListSets();
  private readonly embedded = new Map<number, AssetVersion>();
  private readonly failures = new Map<number, FailureState>();
  private slots: Int32Array = new Int32Array(INITIAL_ROWS).fill(-1);
  private slotCount = 0;
  private freeRows: number[] = [];
  private rowCount = 0;

  /**
   * The vector slot of each asset, kept in a column of this table, for the
   * VectorStore of the same index. Setting a slot for an id the table does
   * not have throws RangeError, because every stored vector belongs to an
   * asset of the manifest.
   */
  readonly slotDirectory: SlotDirectory;

  constructor() {
    this.slotDirectory = this.createSlotDirectory();
  }

  /** Number of assets. */
  get size(): number {
    return this.rowById.size;
  }

  has(id: string): boolean {
    return this.rowById.has(id);
  }

  /** Returns the row of `id`, or -1 when the table has no such asset. Rows change only when an asset is removed and another takes its row. */
  rowOf(id: string): number {
    return this.rowById.get(id) ?? -1;
  }

  /** Asset ids in the order they were first added since they last entered the table, as a Map iterates its keys. */
  keys(): IterableIterator<string> {
    return this.rowById.keys();
  }

  /** Builds the AssetState of every asset, in `keys()` order. */
  *values(): IterableIterator<AssetState> {
    for (const row of this.rowById.values()) yield this.stateAt(row);
  }

  /** Pairs of id and AssetState, in `keys()` order. */
  *[Symbol.iterator](): IterableIterator<[string, AssetState]> {
    for (const [id, row] of this.rowById) yield [id, this.stateAt(row)];
  }

  /** Builds the AssetState of `id`, or returns undefined when the table has no such asset. */
  get(id: string): AssetState | undefined {
    const row = this.rowById.get(id);
    return row === undefined ? undefined : this.stateAt(row);
  }

  /** Stores every field of `asset` under `id`, adding a row for a new id. */
  set(id: string, asset: AssetState): void {
    const row = this.rowFor(id);
    this.setManifestFields(row, asset);
    this.setEmbeddedVersionAt(row, asset.embeddedModifiedMs, asset.embeddedFingerprint);
    this.setFailureAt(row, asset.failure);
  }

  /**
   * Fills an empty table with one asset per id, at rows 0 to n - 1 in the
   * order given, for decoding a snapshot. The table keeps the given arrays
   * as its columns, so the caller must not change them afterwards. Add
   * the optional fields with `setLocationAt`, `setListsAt`,
   * `setEmbeddedVersionAt` and `setFailureAt`.
   * Returns the index of the first empty id or, when no id is empty, of the
   * first repeated one, after which the table must be discarded. Returns -1
   * when every id was added. Throws
   * RangeError when the table is not empty or a column's length differs.
   */
  loadRows(rows: LoadedRows): number {
    const count = rows.ids.length;
    if (this.rowCount !== 0) throw new RangeError("loadRows needs an empty table");
    for (const column of [rows.fingerprints, rows.createdMs, rows.modifiedMs, rows.mediaTypes, rows.favorites]) {
      if (column.length !== count) throw new RangeError(`loadRows got a column of ${column.length} values for ${count} ids`);
    }
    // The initial columns stay, because growing from zero-length columns would never make room.
    if (count === 0) return -1;

    const flags = new Uint8Array(count);
    for (let row = 0; row < count; row++) {
      if (rows.favorites[row] !== 0) flags[row] = FAVORITE;
    }
    this.ids = rows.ids;
    this.fingerprints = rows.fingerprints;
    this.createdMs = rows.createdMs;
    this.modifiedMs = rows.modifiedMs;
    this.mediaTypes = rows.mediaTypes;
    this.flags = flags;
    this.locations = new Float64Array(count * 2);
    this.listNumbers = new Int32Array(count);
    this.arrivals = new Uint32Array(count);
    this.slots = new Int32Array(count).fill(-1);
    this.rowCount = count;

    const rowById = this.rowById;
    for (let row = 0; row < count; row++) {
      const id = rows.ids[row]!;
      if (id.length === 0) return row;
      rowById.set(id, row);
    }
    // A repeated id leaves the size short, and only then is the repeat looked for.
    return rowById.size === count ? -1 : firstRepeat(rows.ids);
  }

  /** Sets the location of row `row`, in degrees. */
  setLocationAt(row: number, latitude: number, longitude: number): void {
    this.flags[row] = this.flags[row]! | HAS_LOCATION;
    this.locations[row * 2] = latitude;
    this.locations[row * 2 + 1] = longitude;
  }

  /**
   * Records when a sync first received asset `row`, as a number that grows
   * with every manifest entry (see core/sync/sync-arrivals.ts). It is 0 for
   * a row that no sync has received since the row was added, and it is not
   * persisted.
   */
  setArrivalAt(row: number, arrival: number): void {
    this.arrivals[row] = arrival;
  }

  /** Sets the arrival of every row to 0. */
  clearArrivals(): void {
    this.arrivals.fill(0);
  }

  /** Sets the subtypes (from `start` to `end`) and album ids of row `row`, keeping copies. */
  setListsAt(row: number, subtypes: ArrayLike<number>, albumIds: readonly string[], start = 0, end = subtypes.length): void {
    this.listNumbers[row] = this.listSets.intern(subtypes, albumIds, start, end);
  }

  /**
   * Removes `id` and frees its row. Returns false when the table has no such
   * asset. Throws RangeError while the asset still has a vector slot,
   * because the store would keep a slot for an id without a row.
   */
  delete(id: string): boolean {
    const row = this.rowById.get(id);
    if (row === undefined) return false;
    if (this.slots[row]! >= 0) throw new RangeError(`asset id "${id}" still has vector slot ${this.slots[row]}; remove its vector first`);

    this.rowById.delete(id);
    this.ids[row] = null;
    this.fingerprints[row] = "";
    this.listNumbers[row] = NO_LISTS;
    this.arrivals[row] = 0;
    this.embedded.delete(row);
    this.failures.delete(row);
    this.freeRows.push(row);
    return true;
  }

  /** The current version of asset `row`: its modification date and fingerprint. */
  modifiedMsAt(row: number): number {
    return this.modifiedMs[row]!;
  }

  fingerprintAt(row: number): string {
    return this.fingerprints[row]!;
  }

  /** The failure of asset `row`, or null when it has none. */
  failureAt(row: number): FailureState | null {
    return this.failures.get(row) ?? null;
  }

  /** The version that a stored vector of asset `row` belongs to: its modification date. */
  embeddedModifiedMsAt(row: number): number {
    return this.embedded.get(row)?.modifiedMs ?? this.modifiedMs[row]!;
  }

  /** The version that a stored vector of asset `row` belongs to: its fingerprint. */
  embeddedFingerprintAt(row: number): string {
    return this.embedded.get(row)?.fingerprint ?? this.fingerprints[row]!;
  }

  /** Number of assets with a failure. */
  get failedCount(): number {
    return this.failures.size;
  }

  /** Pairs of id and failure of every failed asset, in no particular order. */
  failureEntries(): [string, FailureState][] {
    const out: [string, FailureState][] = [];
    for (const [row, failure] of this.failures) out.push([this.ids[row]!, failure]);
    return out;
  }

  /** Records the version a stored vector of `id` was made from. Does nothing for an unknown id. */
  setEmbeddedVersion(id: string, modifiedMs: number, fingerprint: string): void {
    const row = this.rowById.get(id);
    if (row !== undefined) this.setEmbeddedVersionAt(row, modifiedMs, fingerprint);
  }

  /** Sets or clears (null) the failure of `id`. Does nothing for an unknown id. */
  setFailure(id: string, failure: FailureState | null): void {
    const row = this.rowById.get(id);
    if (row !== undefined) this.setFailureAt(row, failure);
  }

  /**
   * Returns read-only views of the columns, valid until the table next
   * changes, so a search filter can test rows without building AssetStates.
   * Rows at or above `rowCount` are unused. A row with slot -1 is free or
   * has no stored vector.
   */
  columns(): AssetColumns {
    return {
      rowCount: this.rowCount,
      ids: this.ids,
      slots: this.slots,
      arrivals: this.arrivals,
      createdMs: this.createdMs,
      modifiedMs: this.modifiedMs,
      mediaTypes: this.mediaTypes,
      fingerprints: this.fingerprints,
      favorite: FAVORITE,
      hasLocation: HAS_LOCATION,

      flags: this.flags,
      locations: this.locations,
      listNumbers: this.listNumbers,
      listSets: this.listSets,
    };
  }

  private createSlotDirectory(): SlotDirectory {
    const table = this;
    const slotOf = (id: string): number => {
      const row = table.rowById.get(id);
      return row === undefined ? -1 : table.slots[row]!;
    };
    return {
      get size(): number {
        return table.slotCount;
      },
      get: (id) => {
        const slot = slotOf(id);
        return slot < 0 ? undefined : slot;
      },
      has: (id) => slotOf(id) >= 0,
      set: (id, slot) => {
        const row = table.rowById.get(id);
        if (row === undefined) throw new RangeError(`asset id "${id}" gets a vector slot but is not in the asset table`);
        if (table.slots[row]! < 0) table.slotCount++;
        table.slots[row] = slot;
      },
      assignInOrder: (ids) => {
        if (table.slotCount !== 0) throw new RangeError("assignInOrder needs a table without vector slots");
        const slots = table.slots;
        let previousRow = -1;
        for (let slot = 0; slot < ids.length; slot++) {
          // A decoded snapshot lists ids in row order, so the next rows are
          // tried before a Map lookup. Its ids are the same strings, so most
          // comparisons need no character compare.
          const row = table.rowAfter(previousRow, ids[slot]!);
          previousRow = row ?? previousRow;
          if (row === undefined) throw new RangeError(`asset id "${ids[slot]}" gets a vector slot but is not in the asset table`);
          if (slots[row]! >= 0) throw new RangeError(`asset id "${ids[slot]}" is given two slots`);
          slots[row] = slot;
        }
        table.slotCount = ids.length;
      },
      delete: (id) => {
        const row = table.rowById.get(id);
        if (row === undefined || table.slots[row]! < 0) return false;
        table.slots[row] = -1;
        table.slotCount--;
        return true;
      },
    };
  }

  // Returns the row of `id`, trying the 8 rows after `previous` first, or undefined when the table has no such asset.
  private rowAfter(previous: number, id: string): number | undefined {
    const end = Math.min(previous + 9, this.rowCount);
    for (let row = previous + 1; row < end; row++) {
      if (this.ids[row] === id) return row;
    }
    return this.rowById.get(id);
  }

  private stateAt(row: number): AssetState {
    const flags = this.flags[row]!;
    const lists = this.listSets.at(this.listNumbers[row]!);
    const embedded = this.embedded.get(row);
    const location: GeoPoint | null = flags & HAS_LOCATION ? { latitude: this.locations[row * 2]!, longitude: this.locations[row * 2 + 1]! } : null;
    return {
      id: this.ids[row]!,
      createdMs: this.createdMs[row]!,
      modifiedMs: this.modifiedMs[row]!,
      favorite: (flags & FAVORITE) !== 0,
      mediaType: this.mediaTypes[row]!,
      subtypes: [...lists.subtypes],
      albumIds: [...lists.albumIds],
      location,
      fingerprint: this.fingerprints[row]!,
      embeddedModifiedMs: embedded?.modifiedMs ?? this.modifiedMs[row]!,
      embeddedFingerprint: embedded?.fingerprint ?? this.fingerprints[row]!,
      failure: this.failures.get(row) ?? null,
    };
  }

  private setManifestFields(row: number, asset: ManifestFields): void {
    // The embedded version is stored relative to the current one, so keep it across the change.
    const embedded = this.embedded.get(row) ?? { modifiedMs: this.modifiedMs[row]!, fingerprint: this.fingerprints[row]! };

    this.createdMs[row] = asset.createdMs;
    this.modifiedMs[row] = asset.modifiedMs;
    this.mediaTypes[row] = asset.mediaType;
    this.fingerprints[row] = asset.fingerprint;
    let flags = asset.favorite ? FAVORITE : 0;
    if (asset.location !== null) {
      flags |= HAS_LOCATION;
      this.locations[row * 2] = asset.location.latitude;
      this.locations[row * 2 + 1] = asset.location.longitude;
    }
    this.flags[row] = flags;
    this.listNumbers[row] = this.listSets.intern(asset.subtypes, asset.albumIds);

    this.setEmbeddedVersionAt(row, embedded.modifiedMs, embedded.fingerprint);
  }

  /** Records the version that the stored vector of row `row`, if any, was made from. */
  setEmbeddedVersionAt(row: number, modifiedMs: number, fingerprint: string): void {
    if (modifiedMs === this.modifiedMs[row] && fingerprint === this.fingerprints[row]) this.embedded.delete(row);
    else this.embedded.set(row, { modifiedMs, fingerprint });
  }

  /** Sets or clears (null) the failure of row `row`, keeping a copy. */
  setFailureAt(row: number, failure: FailureState | null): void {
    if (failure === null) this.failures.delete(row);
    else this.failures.set(row, { ...failure });
  }

  private rowFor(id: string): number {
    const existing = this.rowById.get(id);
    if (existing !== undefined) return existing;

    const row = this.freeRows.length > 0 ? this.freeRows.pop()! : this.takeNewRow();
    this.rowById.set(id, row);
    this.ids[row] = id;
    // A new row starts as an empty asset whose embedded version is its current one.
    this.createdMs[row] = 0;
    this.modifiedMs[row] = 0;
    this.mediaTypes[row] = 0;
    this.flags[row] = 0;
    this.fingerprints[row] = "";
    this.listNumbers[row] = NO_LISTS;
    this.arrivals[row] = 0;
    this.slots[row] = -1;
    return row;
  }

  private takeNewRow(): number {
    if (this.rowCount === this.createdMs.length) this.grow(this.rowCount * 2);
    return this.rowCount++;
  }

  private grow(rows: number): void {
    this.createdMs = grown(this.createdMs, rows);
    this.modifiedMs = grown(this.modifiedMs, rows);
    this.mediaTypes = grown(this.mediaTypes, rows);
    this.flags = grown(this.flags, rows);
    this.locations = grown(this.locations, rows * 2);
    this.listNumbers = grown(this.listNumbers, rows);
    this.arrivals = grown(this.arrivals, rows);
    const slots = new Int32Array(rows).fill(-1);
    slots.set(this.slots);
    this.slots = slots;
  }
}

/**
 * The columns of an AssetTable by row, as `columns()` returns them. The bits
 * `favorite` and `hasLocation` are set in `flags`. `locations` contains
 * latitude then longitude in degrees at 2 * row, meaningful only with
 * `hasLocation`. `listNumbers` is the number of each row's subtypes and
 * albums in `listSets`, NO_LISTS for none.
 */
export interface AssetColumns {
  readonly rowCount: number;
  /** The id of each row, null for a free row. */
  readonly ids: readonly (string | null)[];
  readonly slots: Int32Array;
  /** See `setArrivalAt`. */
  readonly arrivals: Uint32Array;
  readonly createdMs: Float64Array;
  readonly modifiedMs: Float64Array;
  readonly mediaTypes: Int32Array;
  readonly fingerprints: readonly string[];
  readonly favorite: number;
  readonly hasLocation: number;
  readonly flags: Uint8Array;
  readonly locations: Float64Array;
  readonly listNumbers: Int32Array;
  readonly listSets: ListSets;
}

/**
 * The columns `loadRows` takes, one element per asset. `favorites` is 1
 * for a favorite and 0 otherwise.
 */
export interface LoadedRows {
  readonly ids: string[];
  readonly fingerprints: string[];
  readonly createdMs: Float64Array;
  readonly modifiedMs: Float64Array;
  readonly mediaTypes: Int32Array;
  readonly favorites: Uint8Array;
}

/** The manifest fields of an asset, as AssetState and ManifestEntry carry them. */
export interface ManifestFields {
  readonly createdMs: number;
  readonly modifiedMs: number;
  readonly favorite: boolean;
  readonly mediaType: number;
  readonly subtypes: readonly number[];
  readonly albumIds: readonly string[];
  readonly location: GeoPoint | null;
  readonly fingerprint: string;
}

function grown<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(array: T, length: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}

function firstRepeat(ids: readonly string[]): number {
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i++) {
    if (seen.has(ids[i]!)) return i;
    seen.add(ids[i]!);
  }
  return -1;
}
