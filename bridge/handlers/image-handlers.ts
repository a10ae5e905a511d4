// PreprocessImage: CLIP's image preprocessing behind the bridge.
import { ok } from "../../core/errors";
import { CLIP_IMAGE_SIZE, preprocessClipImage } from "../../core/preprocess/clip-image-preprocessing";
import type { Handler, HandlerOutput } from "../handler";
import type { HandlerTable } from "./table";

const handlePreprocessImage: Handler<"preprocessImage"> = (body) => {
  const pixels = body.pixels ?? new Uint8Array(0);
  const tensor = preprocessClipImage(pixels, body.width ?? 0, body.height ?? 0, body.channels ?? 0);
  if (!tensor.ok) return tensor;

  // Float32Array is little-endian on every host core runs on (ARM and x86).
  const bytes = new Uint8Array(tensor.value.buffer, tensor.value.byteOffset, tensor.value.byteLength);
  return ok<HandlerOutput>({ preprocessResult: { tensor: bytes, size: CLIP_IMAGE_SIZE } });
};

/** Handlers of the image requests. */
export const imageHandlers: HandlerTable = {
  preprocessImage: handlePreprocessImage,
};
