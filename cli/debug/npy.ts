// NumPy .npy files (format 1.0) for the debug commands, so a tensor can be
// compared with a reference in Python with numpy.load.

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/**
 * Encodes a little-endian float32 array in C order as a .npy file, format 1.0.
 * Throws a RangeError when a dimension is not a non-negative integer or the
 * shape's product differs from `data.length`, because the file would be wrong.
 */
export function encodeNpyFloat32(shape: readonly number[], data: Float32Array): Uint8Array {
  for (const dimension of shape) {
    if (!Number.isInteger(dimension) || dimension < 0) {
      throw new RangeError(`npy shape [${shape.join(", ")}] has dimension ${dimension}; use non-negative integers`);
    }
  }
  const count = shape.reduce((product, dimension) => product * dimension, 1);
  if (count !== data.length) {
    throw new RangeError(`npy shape [${shape.join(", ")}] has ${count} values but data has ${data.length}`);
  }

  // A 1-tuple needs its trailing comma in Python syntax: (5,).
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // Magic, version and length take 10 bytes; the header ends with \n and pads the data to 64 bytes.
  const padding = (64 - ((10 + header.length + 1) % 64)) % 64;
  header = `${header}${" ".repeat(padding)}\n`;

  const out = new Uint8Array(10 + header.length + data.length * 4);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);

  const view = new DataView(out.buffer, 10 + header.length);
  data.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return out;
}
