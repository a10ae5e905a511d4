/**
 * Converts one IEEE 754 binary16 value, given as its 16 bits, to a number.
 * Handles subnormals, infinities and NaN. Written by hand because
 * DataView.getFloat16 and Math.f16round are missing from the JavaScriptCore
 * versions core targets (iOS 16) and the conversion is a few lines.
 */
export function float16BitsToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;

  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}
