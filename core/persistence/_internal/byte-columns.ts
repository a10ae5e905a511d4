// Flat little-endian arrays of snapshot format 2. On a little-endian host
// (every iOS and desktop target) a column becomes a typed array with one
// copy; elsewhere it is read value by value through a DataView.
import { decodeUtf8, encodeUtf8 } from "../../tokenizer/_internal/utf8";

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type NumberArray = Float64Array | Float32Array | Int32Array | Uint32Array;
type NumberArrayConstructor = { new (length: number): NumberArray; new (buffer: ArrayBuffer): NumberArray; readonly BYTES_PER_ELEMENT: number };

/**
 * Reads `bytes` as an array of `Kind`, or returns null when its length is
 * not `count` elements. Always copies, so the result never aliases `bytes`.
 */
export function readColumn<T extends NumberArray>(Kind: NumberArrayConstructor, bytes: Uint8Array, count: number): T | null {
  if (bytes.length !== count * Kind.BYTES_PER_ELEMENT) return null;
  // new Uint8Array(bytes) copies into a fresh buffer, where Node's Buffer#slice would share its pool.
  if (LITTLE_ENDIAN) return new Kind(new Uint8Array(bytes).buffer) as T;

  const out = new Kind(count) as T;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) out[i] = readValue(view, Kind, i);
  return out;
}

/** Writes `values` as little-endian bytes. */
export function writeColumn(values: NumberArray): Uint8Array {
  const bytes = new Uint8Array(values.byteLength);
  if (LITTLE_ENDIAN) {
    bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    return bytes;
  }
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) writeValue(view, values, i);
  return bytes;
}

function readValue(view: DataView, Kind: NumberArrayConstructor, i: number): number {
  if (Kind === Float64Array) return view.getFloat64(i * 8, true);
  if (Kind === Float32Array) return view.getFloat32(i * 4, true);
  if (Kind === Int32Array) return view.getInt32(i * 4, true);
  return view.getUint32(i * 4, true);
}

function writeValue(view: DataView, values: NumberArray, i: number): void {
  if (values instanceof Float64Array) view.setFloat64(i * 8, values[i]!, true);
  else if (values instanceof Float32Array) view.setFloat32(i * 4, values[i]!, true);
  else if (values instanceof Int32Array) view.setInt32(i * 4, values[i]!, true);
  else view.setUint32(i * 4, values[i]!, true);
}

/** A StringColumn message: UTF-16 lengths and the joined UTF-8. */
export interface StringColumnBytes {
  lengths: Uint8Array;
  utf8: Uint8Array;
}

/** Encodes strings as a StringColumn. */
export function writeStrings(strings: readonly string[]): StringColumnBytes {
  const lengths = new Uint32Array(strings.length);
  for (let i = 0; i < strings.length; i++) lengths[i] = strings[i]!.length;
  return { lengths: writeColumn(lengths), utf8: encodeUtf8(strings.join("")) };
}

/**
 * Decodes a StringColumn of `count` strings with one UTF-8 decode of the
 * whole block. Returns null when the UTF-8 is invalid or the lengths do not
 * add up to the decoded text.
 */
export function readStrings(column: { lengths?: Uint8Array | null; utf8?: Uint8Array | null } | null | undefined, count: number): string[] | null {
  const lengths = readColumn<Uint32Array>(Uint32Array, column?.lengths ?? new Uint8Array(0), count);
  if (lengths === null) return null;
  const decoded = decodeUtf8(column?.utf8 ?? new Uint8Array(0));
  if (!decoded.ok) return null;

  const text = decoded.text;
  const out = new Array<string>(count);
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const end = offset + lengths[i]!;
    out[i] = text.slice(offset, end);
    offset = end;
  }
  return offset === text.length ? out : null;
}
