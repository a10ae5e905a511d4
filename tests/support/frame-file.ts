// The frame file read by frame-runner.js: request sequences concatenated
// into one buffer, so one jsc process replays a whole corpus.

/**
 * Encodes request sequences as one frame file: per sequence a u32
 * little-endian frame count, then per frame a u32 little-endian byte length
 * and the frame. Empty frames and empty sequences are allowed.
 */
export function encodeFrameFile(sequences: readonly (readonly Uint8Array[])[]): Uint8Array {
  let size = 0;
  for (const frames of sequences) {
    size += 4;
    for (const frame of frames) size += 4 + frame.length;
  }

  const file = new Uint8Array(size);
  const view = new DataView(file.buffer);
  let offset = 0;
  for (const frames of sequences) {
    view.setUint32(offset, frames.length, true);
    offset += 4;
    for (const frame of frames) {
      view.setUint32(offset, frame.length, true);
      file.set(frame, offset + 4);
      offset += 4 + frame.length;
    }
  }
  return file;
}

/** Decodes a frame file written by encodeFrameFile. Throws on a truncated file. */
export function decodeFrameFile(file: Uint8Array): Uint8Array[][] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const sequences: Uint8Array[][] = [];
  let offset = 0;

  const readU32 = (): number => {
    if (offset + 4 > file.length) throw new Error(`frame file truncated at byte ${offset} of ${file.length}`);
    const value = view.getUint32(offset, true);
    offset += 4;
    return value;
  };

  while (offset < file.length) {
    const frames: Uint8Array[] = [];
    const count = readU32();
    for (let i = 0; i < count; i++) {
      const length = readU32();
      if (offset + length > file.length) throw new Error(`frame ${i} of ${length} bytes runs past the end of the frame file`);
      frames.push(file.slice(offset, offset + length));
      offset += length;
    }
    sequences.push(frames);
  }
  return sequences;
}
