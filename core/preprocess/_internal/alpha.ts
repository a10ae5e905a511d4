// Pillow's RGBA <-> RGBa conversions (Convert.c, Pillow 9.x), which its
// resize wraps around RGBA images.
import type { PixelImage } from "../pillow-resize";

/** RGBA to premultiplied RGBa: c * a / 255 rounded as Pillow's MULDIV255. */
export function premultiplyAlpha(image: PixelImage): PixelImage {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i += 4) {
    const alpha = image.data[i + 3] as number;
    for (let c = 0; c < 3; c++) {
      const t = (image.data[i + c] as number) * alpha + 128;
      data[i + c] = ((t >> 8) + t) >> 8;
    }
    data[i + 3] = alpha;
  }
  return { ...image, data };
}

/** RGBa back to RGBA: c * 255 / a truncated and clipped; alpha 0 and 255 keep the colour. */
export function unpremultiplyAlpha(image: PixelImage): PixelImage {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i += 4) {
    const alpha = image.data[i + 3] as number;
    for (let c = 0; c < 3; c++) {
      const value = image.data[i + c] as number;
      data[i + c] = alpha === 0 || alpha === 255 ? value : Math.min(Math.trunc((255 * value) / alpha), 255);
    }
    data[i + 3] = alpha;
  }
  return { ...image, data };
}
