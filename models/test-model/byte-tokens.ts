// GPT-2 style byte-level tokens as CLIP orders them. Each byte maps to one
// printable Unicode character so that BPE works on text without spaces or
// control characters. CLIP's vocabulary starts with these 256 characters in
// this order (ids 0-255), then the same characters with "</w>" (ids 256-511).

/** Returns the 256 byte characters in CLIP's vocabulary order, paired with the byte each stands for. */
export function byteTokens(): { byte: number; token: string }[] {
  const printable: number[] = [];
  for (const [first, last] of [[0x21, 0x7e], [0xa1, 0xac], [0xae, 0xff]] as const) {
    for (let byte = first; byte <= last; byte += 1) printable.push(byte);
  }

  // Printable Latin-1 bytes stand for themselves; every other byte gets the
  // next code point from 256 up, in byte order, after all printable ones.
  const tokens = printable.map((byte) => ({ byte, token: String.fromCodePoint(byte) }));
  let next = 256;
  for (let byte = 0; byte < 256; byte += 1) {
    if (printable.includes(byte)) continue;
    tokens.push({ byte, token: String.fromCodePoint(next) });
    next += 1;
  }
  return tokens;
}
