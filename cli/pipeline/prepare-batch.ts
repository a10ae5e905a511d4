// Decodes a batch of photos and turns each into the model's input tensor
// through core's PreprocessImage request.
import type { queryable } from "../../bridge/codec";
import type { CoreHost } from "../core-host/core-host";
import { decodeImage, type DecodeOptions } from "../image/decode-image";

/** A batch ready for the image encoder. */
export interface PreparedBatch {
  /** Ids whose tensors are in `tensors`, in order. */
  readonly ids: string[];
  /** ids.length tensors of `itemLength` float32 values, back to back. */
  readonly tensors: Float32Array;
  /** Ids that could not be decoded or preprocessed, with the reason. */
  readonly failures: queryable.v1.IFailure[];
}

/**
 * Decodes every path of `ids` concurrently (sharp runs on libuv's thread
 * pool), then preprocesses each image in core. `itemLength` is the encoder's
 * input length per image; a core tensor of another length is a per-file
 * failure naming both lengths.
 */
export async function prepareBatch(core: CoreHost, ids: readonly string[], itemLength: number, options: DecodeOptions): Promise<PreparedBatch> {
  const decoded = await Promise.all(ids.map((id) => decodeImage(id, options)));

  const tensors = new Float32Array(ids.length * itemLength);
  const tensorBytes = new Uint8Array(tensors.buffer);
  const prepared: string[] = [];
  const failures: queryable.v1.IFailure[] = [];

  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const image = decoded[i]!;
    if (!image.ok) {
      failures.push({ id, reason: image.error.message });
      continue;
    }

    const { pixels, width, height, channels } = image.value;
    const reply = core.call({ preprocessImage: { pixels, width, height, channels } }, "preprocessResult");
    if (!reply.ok) {
      failures.push({ id, reason: `preprocessing failed: ${reply.error.message}` });
      continue;
    }

    const tensor = reply.value.result.tensor ?? new Uint8Array(0);
    if (tensor.length !== itemLength * 4) {
      failures.push({ id, reason: `core returned a tensor of ${tensor.length / 4} values, the image encoder takes ${itemLength}; the model does not match core's preprocessing` });
      continue;
    }

    // The tensor is an unaligned view into the reply, so copy bytes rather than viewing it as floats.
    tensorBytes.set(tensor, prepared.length * itemLength * 4);
    prepared.push(id);
  }

  return { ids: prepared, tensors: tensors.subarray(0, prepared.length * itemLength), failures };
}
