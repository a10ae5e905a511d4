/**
 * Returns the reason stored for an image above the pixel limit: its
 * dimensions when the header gave them, the limit, and the option that
 * raises it. Kept to one line, because `queryable status` lists it per file.
 */
export function pixelLimitMessage(size: { readonly width: number; readonly height: number } | undefined, maxPixels: number): string {
  const image = size === undefined
    ? "the image has more pixels than"
    : `the image has ${size.width}x${size.height} = ${size.width * size.height} pixels, more than`;
  return `${image} the limit of ${maxPixels} pixels (a guard against decompression bombs); pass a larger --max-pixels to index it`;
}
