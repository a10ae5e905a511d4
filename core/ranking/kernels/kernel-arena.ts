// Memory that kernels compute on. Every array a kernel reads or writes is a
// region of one backing buffer, so the WebAssembly kernel works on the store's
// data in place and a host kernel receives views of the same bytes.

/** Byte alignment of every region start, enough for any typed array and for i64 loads. */
export const REGION_ALIGNMENT = 16;

/**
 * The buffer under an arena. `grow` makes it at least `byteLength` long,
 * keeping its contents; afterwards `buffer()` may return a new ArrayBuffer.
 */
export interface ArenaBacking {
  buffer(): ArrayBuffer;
  grow(byteLength: number): void;
}

/**
 * One array inside an arena: `fixedBytes + bytesPerSlot * capacity` bytes at
 * `offset`. Offsets and views change when the arena grows, so read them per
 * operation and never keep a view across a call that may grow the arena.
 */
export class Region {
  offset = 0;
  byteLength = 0;
  private viewBuffer: ArrayBuffer | null = null;
  private views: Partial<Record<ViewKind, ArrayBufferView>> = {};

  constructor(
    private readonly arena: KernelArena,
    readonly bytesPerSlot: number,
    public fixedBytes: number,
  ) {}

  u8(): Uint8Array { return this.view("u8") as Uint8Array; }
  i8(): Int8Array { return this.view("i8") as Int8Array; }
  u16(): Uint16Array { return this.view("u16") as Uint16Array; }
  i16(): Int16Array { return this.view("i16") as Int16Array; }
  u32(): Uint32Array { return this.view("u32") as Uint32Array; }
  i32(): Int32Array { return this.view("i32") as Int32Array; }
  f32(): Float32Array { return this.view("f32") as Float32Array; }
  f64(): Float64Array { return this.view("f64") as Float64Array; }

  private view(kind: ViewKind): ArrayBufferView {
    const buffer = this.arena.buffer();
    if (buffer !== this.viewBuffer) {
      this.viewBuffer = buffer;
      this.views = {};
    }
    let view = this.views[kind];
    if (view === undefined) {
      view = makeView(kind, buffer, this.offset, this.byteLength);
      this.views[kind] = view;
    }
    return view;
  }

  /** Drops cached views after the arena moved this region. */
  invalidate(): void {
    this.viewBuffer = null;
    this.views = {};
  }
}

type ViewKind = "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "f32" | "f64";

const viewConstructors = {
  u8: Uint8Array, i8: Int8Array, u16: Uint16Array, i16: Int16Array,
  u32: Uint32Array, i32: Int32Array, f32: Float32Array, f64: Float64Array,
} as const;

function makeView(kind: ViewKind, buffer: ArrayBuffer, offset: number, byteLength: number): ArrayBufferView {
  const View = viewConstructors[kind];
  return new View(buffer, offset, Math.floor(byteLength / View.BYTES_PER_ELEMENT));
}

/**
 * Regions laid out back to back in one buffer, in the order they were added.
 * Capacity (slots) and fixed sizes only grow, so on growth every region moves
 * to an offset at or above its old one, and moving them from the last to the
 * first keeps every byte. No bytes are wasted between regions apart from alignment.
 */
export class KernelArena {
  private readonly regions: Region[] = [];
  private slots = 0;

  constructor(private readonly backing: ArenaBacking) {}

  /** The current backing buffer. Changes after growth. */
  buffer(): ArrayBuffer {
    return this.backing.buffer();
  }

  /** Slots every per-slot region has room for. */
  get capacity(): number {
    return this.slots;
  }

  /** Bytes the regions use, including alignment padding. */
  get usedBytes(): number {
    const last = this.regions[this.regions.length - 1];
    return last === undefined ? 0 : last.offset + last.byteLength;
  }

  /** Adds a region of `fixedBytes` plus `bytesPerSlot` per slot, zero-filled. */
  addRegion(bytesPerSlot: number, fixedBytes = 0): Region {
    const region = new Region(this, bytesPerSlot, fixedBytes);
    this.regions.push(region);
    this.relayout(this.slots);
    return region;
  }

  /** Grows every per-slot region to hold at least `slots` slots. Never shrinks. */
  ensureCapacity(slots: number): void {
    if (slots > this.slots) this.relayout(slots);
  }

  /** Grows a region's fixed part to at least `fixedBytes`. Never shrinks. */
  ensureFixedBytes(region: Region, fixedBytes: number): void {
    if (fixedBytes <= region.fixedBytes) return;
    region.fixedBytes = fixedBytes;
    this.relayout(this.slots);
  }

  private relayout(slots: number): void {
    const layout = this.computeLayout(slots);
    const end = layout.length === 0 ? 0 : layout[layout.length - 1]!.offset + layout[layout.length - 1]!.byteLength;
    if (end > this.backing.buffer().byteLength) this.backing.grow(end);

    const bytes = new Uint8Array(this.backing.buffer());
    for (let i = this.regions.length - 1; i >= 0; i--) {
      this.moveRegion(bytes, this.regions[i]!, layout[i]!);
    }
    this.slots = slots;
  }

  private computeLayout(slots: number): { offset: number; byteLength: number }[] {
    const layout: { offset: number; byteLength: number }[] = [];
    let offset = 0;
    for (const region of this.regions) {
      const byteLength = region.fixedBytes + region.bytesPerSlot * slots;
      layout.push({ offset, byteLength });
      offset = alignUp(offset + byteLength, REGION_ALIGNMENT);
    }
    return layout;
  }

  private moveRegion(bytes: Uint8Array, region: Region, target: { offset: number; byteLength: number }): void {
    const kept = Math.min(region.byteLength, target.byteLength);
    if (target.offset !== region.offset && kept > 0) {
      bytes.copyWithin(target.offset, region.offset, region.offset + kept);
    }
    // Bytes the region did not hold before may contain another region's old data.
    bytes.fill(0, target.offset + kept, target.offset + target.byteLength);
    region.offset = target.offset;
    region.byteLength = target.byteLength;
    region.invalidate();
  }
}

function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}

/** A backing made of plain ArrayBuffers, copied into a larger one on growth. */
export function arrayBufferBacking(): ArenaBacking {
  let current = new ArrayBuffer(0);
  return {
    buffer: () => current,
    grow(byteLength) {
      const next = new ArrayBuffer(growTarget(current.byteLength, byteLength));
      new Uint8Array(next).set(new Uint8Array(current));
      current = next;
    },
  };
}

/**
 * Size to grow to: the request plus an eighth, so a store filled one batch
 * at a time copies its buffer O(log n) times without holding much unused memory.
 */
export function growTarget(currentBytes: number, requestedBytes: number): number {
  return Math.max(requestedBytes, Math.ceil(currentBytes * 1.125), requestedBytes + 65536);
}
