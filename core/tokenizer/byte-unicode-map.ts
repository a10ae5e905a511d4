// GPT-2 style byte-level mapping used by CLIP's BPE: every byte gets a
// printable Unicode character, so a vocabulary entry never holds whitespace
// or control characters. Printable Latin-1 bytes map to themselves and the
// other 68 bytes take code points from U+0100 upwards, in byte order.

function buildByteToUnicode(): readonly string[] {
  const table: string[] = new Array<string>(256);
  let next = 0;
  for (let byte = 0; byte < 256; byte++) {
    const printable = (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
    table[byte] = printable ? String.fromCharCode(byte) : String.fromCharCode(0x100 + next++);
  }
  return table;
}

/** The character for each byte value 0..255, as in OpenAI's `bytes_to_unicode`. */
export const byteToUnicode: readonly string[] = buildByteToUnicode();

/**
 * The 256 byte characters in CLIP's vocabulary order: printable bytes first in
 * byte order, then the remapped ones. Ids 0..255 are these, ids 256..511 the
 * same characters followed by `</w>`.
 */
export const byteCharactersInVocabularyOrder: readonly string[] = (() => {
  const printable: string[] = [];
  const remapped: string[] = [];
  for (let byte = 0; byte < 256; byte++) {
    const char = byteToUnicode[byte] as string;
    (char.charCodeAt(0) === byte ? printable : remapped).push(char);
  }
  return [...printable, ...remapped];
})();
