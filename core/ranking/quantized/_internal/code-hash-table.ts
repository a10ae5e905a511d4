const EMPTY = -1;
const DELETED = -2;

/**
 * A multimap from 32-bit hashes to slots, in open addressing with linear
 * probing over two Int32Arrays, so an exact-duplicate lookup costs O(1)
 * instead of a pass over the store. Equal hashes may map to several slots;
 * callers compare the stored codes to rule out collisions.
 */
export class CodeHashTable {
  private keys = new Int32Array(16).fill(0);
  private slots = new Int32Array(16).fill(EMPTY);
  private filled = 0;
  private liveEntries = 0;

  /** Adds the pair (hash, slot). */
  add(hash: number, slot: number): void {
    if ((this.filled + 1) * 2 > this.slots.length) this.rehash(Math.max(16, this.liveEntries * 4));

    const mask = this.slots.length - 1;
    let i = hash & mask;
    while (this.slots[i]! >= 0) i = (i + 1) & mask;
    if (this.slots[i] === EMPTY) this.filled++;
    this.keys[i] = hash;
    this.slots[i] = slot;
    this.liveEntries++;
  }

  /** Makes room for `additional` more pairs, so adding that many causes no further rehash. */
  reserve(additional: number): void {
    if ((this.filled + additional + 1) * 2 > this.slots.length) this.rehash((this.liveEntries + additional + 1) * 2);
  }

  /** Removes the pair (hash, slot) if present. */
  delete(hash: number, slot: number): void {
    const mask = this.slots.length - 1;
    for (let i = hash & mask; this.slots[i] !== EMPTY; i = (i + 1) & mask) {
      if (this.slots[i] === slot && this.keys[i] === hash) {
        this.slots[i] = DELETED;
        this.liveEntries--;
        return;
      }
    }
  }

  /** Calls `visit` with every slot stored under `hash`. */
  forEach(hash: number, visit: (slot: number) => void): void {
    const mask = this.slots.length - 1;
    for (let i = hash & mask; this.slots[i] !== EMPTY; i = (i + 1) & mask) {
      if (this.slots[i]! >= 0 && this.keys[i] === hash) visit(this.slots[i]!);
    }
  }

  /** Bytes of the two arrays. */
  get byteLength(): number {
    return this.keys.byteLength + this.slots.byteLength;
  }

  private rehash(minimumSize: number): void {
    let size = 16;
    while (size < minimumSize) size *= 2;
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    this.keys = new Int32Array(size);
    this.slots = new Int32Array(size).fill(EMPTY);
    this.filled = 0;
    this.liveEntries = 0;
    for (let i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i]! >= 0) this.add(oldKeys[i]!, oldSlots[i]!);
    }
  }
}

/** FNV-1a over `length` bytes of `bytes` from `offset`, as a signed 32-bit integer. */
export function hashBytes(bytes: Int8Array | Uint8Array, offset: number, length: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < length; i++) {
    hash ^= bytes[offset + i]! & 0xff;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}
