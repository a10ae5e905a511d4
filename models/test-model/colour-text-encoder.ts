// The test text encoder: input_ids int64 [N,77] to text_embeds float32
// [N,512]. Each colour word's CLIP token adds the unit vector of its colour's
// axis (the axes the image encoder uses), so "red" points where a red image
// points. Every other token, including start, end and padding, adds nothing,
// so a text without a colour word embeds to the zero vector.
import { colourAxes, embeddingDimension } from "./colour-image-encoder";
import { colours } from "./colour-words";
import { elementType, encodeModel, floatTensor, int64Tensor, node, valueInfo } from "./_internal/onnx-graph";

/** Context length of CLIP's text encoder, in tokens. */
export const contextLength = 77;

/** Serialises the text encoder as an ONNX model. */
export function buildColourTextEncoder(): Uint8Array {
  const words = colours.flatMap((colour, index) => colour.words.map((word) => ({ tokenId: word.tokenId, axis: index })));
  const axes = colourAxes(colours.length);
  const wordAxes = words.flatMap(({ axis }) => Array.from(axes.subarray(axis * embeddingDimension, (axis + 1) * embeddingDimension)));

  const initializers = [
    int64Tensor("last_axis", [1], [2]),
    int64Tensor("word_token_ids", [words.length], words.map((word) => word.tokenId)),
    int64Tensor("sequence_axis", [1], [1]),
    floatTensor("word_axes", [words.length, embeddingDimension], wordAxes),
  ];

  // [N,77] -> [N,77,1] == [W] -> [N,77,W] one-hot matches -> counts [N,W] -> [N,512]
  const nodes = [
    node("Unsqueeze", ["input_ids", "last_axis"], ["ids_column"]),
    node("Equal", ["ids_column", "word_token_ids"], ["word_matches"]),
    node("Cast", ["word_matches"], ["word_matches_float"], { to: elementType.float32 }),
    node("ReduceSum", ["word_matches_float", "sequence_axis"], ["word_counts"], { keepdims: 0 }),
    node("MatMul", ["word_counts", "word_axes"], ["text_embeds"]),
  ];

  return encodeModel({
    name: "colour_text_encoder",
    nodes,
    initializers,
    inputs: [valueInfo("input_ids", elementType.int64, [-1, contextLength])],
    outputs: [valueInfo("text_embeds", elementType.float32, [-1, embeddingDimension])],
  }, "Queryable colour test model, text encoder: embeds colour words only.");
}
