// Small helpers over the ONNX protobuf classes of onnx-proto (ONNX 1.10
// schema), for building the test encoders node by node.
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;
type Node = InstanceType<typeof onnx.NodeProto>;
type Tensor = InstanceType<typeof onnx.TensorProto>;
type ValueInfo = InstanceType<typeof onnx.ValueInfoProto>;

/** Element types used by the test encoders. */
export const elementType = {
  float32: onnx.TensorProto.DataType.FLOAT,
  int64: onnx.TensorProto.DataType.INT64,
} as const;

/** Attribute value of a node: an integer, or a list of integers. */
export type AttributeValue = number | readonly number[];

/** Creates a node with output names equal to `outputs` and integer attributes. */
export function node(opType: string, inputs: readonly string[], outputs: readonly string[], attributes: Record<string, AttributeValue> = {}): Node {
  const attribute = Object.entries(attributes).map(([name, value]) =>
    typeof value === "number"
      ? onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: value })
      : onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: [...value] }));
  return onnx.NodeProto.create({ opType, input: [...inputs], output: [...outputs], name: outputs[0] ?? opType, attribute });
}

/** Creates a float32 initializer with `dims` and row-major `values`. */
export function floatTensor(name: string, dims: readonly number[], values: ArrayLike<number>): Tensor {
  const raw = new Uint8Array(Float32Array.from(values).buffer);
  return onnx.TensorProto.create({ name, dims: [...dims], dataType: elementType.float32, rawData: raw });
}

/** Creates an int64 initializer with `dims` and row-major `values`. */
export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): Tensor {
  return onnx.TensorProto.create({ name, dims: [...dims], dataType: elementType.int64, int64Data: [...values] });
}

/** Describes a graph input or output; -1 in `dims` becomes the symbolic batch axis. */
export function valueInfo(name: string, type: number, dims: readonly number[]): ValueInfo {
  const dim = dims.map((size) => (size === -1 ? { dimParam: "batch_size" } : { dimValue: size }));
  return onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: type, shape: { dim } } } });
}

/** A graph to serialise into a model. */
export interface GraphParts {
  readonly name: string;
  readonly nodes: readonly Node[];
  readonly initializers: readonly Tensor[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
}

/** Opset of the default ONNX domain the graphs are written against. */
export const opsetVersion = 13;

/** Serialises a graph as an ONNX model file (IR version 7, opset 13). */
export function encodeModel(parts: GraphParts, docString: string): Uint8Array {
  const graph = onnx.GraphProto.create({
    name: parts.name,
    node: [...parts.nodes],
    initializer: [...parts.initializers],
    input: [...parts.inputs],
    output: [...parts.outputs],
  });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: "", version: opsetVersion }],
    producerName: "queryable-test-model",
    docString,
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
