// The test image encoder: pixel_values float32 [N,3,224,224], normalised the
// CLIP way, to image_embeds float32 [N,512] that encode the image's mean colour.
//
// The graph undoes CLIP's per-channel normalisation on the channel means. The
// mean of (x - m) / s is (mean(x) - m) / s, so one multiply-add recovers the
// true RGB mean. It then scores that colour against each prototype in
// `colours` with a softmax over negative squared distances. The embedding is
// the softmax weights placed on axes 0..K-1 (K colours); axes K..511 stay zero.
// Softmax weights sum to 1, so even a black image has a non-zero embedding.
import { colours } from "./colour-words";
import { elementType, encodeModel, floatTensor, int64Tensor, node, valueInfo } from "./_internal/onnx-graph";

/** CLIP ViT-B/32 preprocessing constants (OpenAI's), per RGB channel on the 0..1 scale. */
export const clipMean = [0.48145466, 0.4578275, 0.40821073] as const;
export const clipStd = [0.26862954, 0.26130258, 0.27577711] as const;

/** Embedding length, as in CLIP ViT-B/32. */
export const embeddingDimension = 512;

/**
 * Softmax temperature over squared RGB distances (0..3). The log-weight gap
 * between two prototypes is their squared-distance gap divided by this, so at
 * 0.05 a gap of 0.1 gives e^2 (about 7.4) times the weight: the nearest
 * prototype dominates while mixed colours keep graded, untied scores.
 */
export const colourTemperature = 0.05;

/** Serialises the image encoder as an ONNX model. */
export function buildColourImageEncoder(): Uint8Array {
  const count = colours.length;
  const prototypes = colours.map((colour) => colour.rgb);
  const prototypesTransposed = [0, 1, 2].flatMap((channel) => prototypes.map((rgb) => rgb[channel] as number));
  const prototypeNormsScaled = prototypes.map((rgb) => (rgb[0] ** 2 + rgb[1] ** 2 + rgb[2] ** 2) / colourTemperature);

  const initializers = [
    floatTensor("channel_std", [3], clipStd),
    floatTensor("channel_mean", [3], clipMean),
    floatTensor("prototypes_t", [3, count], prototypesTransposed),
    floatTensor("two_over_temperature", [], [2 / colourTemperature]),
    floatTensor("one_over_temperature", [], [1 / colourTemperature]),
    floatTensor("prototype_norms_scaled", [count], prototypeNormsScaled),
    floatTensor("colour_axes", [count, embeddingDimension], colourAxes(count)),
    int64Tensor("channel_axis", [1], [1]),
  ];

  // logits_k = -|rgb - p_k|^2 / T = (2 rgb.p_k - |rgb|^2 - |p_k|^2) / T
  const nodes = [
    node("ReduceMean", ["pixel_values"], ["normalised_mean"], { axes: [2, 3], keepdims: 0 }),
    node("Mul", ["normalised_mean", "channel_std"], ["centred_mean"]),
    node("Add", ["centred_mean", "channel_mean"], ["rgb_mean"]),
    node("MatMul", ["rgb_mean", "prototypes_t"], ["dots"]),
    node("Mul", ["dots", "two_over_temperature"], ["dots_scaled"]),
    node("Mul", ["rgb_mean", "rgb_mean"], ["rgb_squared"]),
    node("ReduceSum", ["rgb_squared", "channel_axis"], ["rgb_norm"], { keepdims: 1 }),
    node("Mul", ["rgb_norm", "one_over_temperature"], ["rgb_norm_scaled"]),
    node("Sub", ["dots_scaled", "rgb_norm_scaled"], ["partial_logits"]),
    node("Sub", ["partial_logits", "prototype_norms_scaled"], ["logits"]),
    node("Softmax", ["logits"], ["colour_weights"], { axis: 1 }),
    node("MatMul", ["colour_weights", "colour_axes"], ["image_embeds"]),
  ];

  return encodeModel({
    name: "colour_image_encoder",
    nodes,
    initializers,
    inputs: [valueInfo("pixel_values", elementType.float32, [-1, 3, 224, 224])],
    outputs: [valueInfo("image_embeds", elementType.float32, [-1, embeddingDimension])],
  }, "Queryable colour test model, image encoder: embeds the mean colour, not image content.");
}

/** Returns a row-major [count, 512] matrix whose row k is the unit vector on axis k. */
export function colourAxes(count: number): Float32Array {
  const axes = new Float32Array(count * embeddingDimension);
  for (let k = 0; k < count; k += 1) axes[k * embeddingDimension + k] = 1;
  return axes;
}
