// Runs one encoder of a CLIP pair with onnxruntime-node. Input and output
// names and shapes come from the model manifest, so the same code runs the
// real encoders and the small test model.
import { availableParallelism } from "node:os";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import type { EncoderSpec } from "../../models/model-manifest";
import { describeThrown, failure, success, type CliResult } from "../errors";

/** A loaded encoder. */
export interface OnnxEncoder {
  /** Values per input item, e.g. 3*224*224 for images or 77 for texts. */
  readonly itemLength: number;
  /** Values per output vector. */
  readonly dimension: number;
  /**
   * Encodes `count` items laid out back to back in `input` (length
   * count * itemLength) and returns count * dimension float32 values.
   * Fails with ENCODER_FAILED when the model run fails or returns another shape.
   */
  encode(input: Float32Array | Int32Array, count: number): Promise<CliResult<Float32Array>>;
  release(): Promise<void>;
}

/** Options of loadOnnxEncoder. */
export interface EncoderOptions {
  /** Threads onnxruntime may use inside one operator; default every core. */
  readonly threads?: number;
  /** The command that rebuilds the model folder, named when the file cannot be loaded. */
  readonly repairCommand?: string;
}

/** Loads the encoder `spec` from `modelDir`. Fails with ENCODER_FAILED when the file is missing or not a valid model. */
export async function loadOnnxEncoder(modelDir: string, spec: EncoderSpec, options: EncoderOptions = {}): Promise<CliResult<OnnxEncoder>> {
  const path = join(modelDir, spec.file);
  const threads = options.threads ?? availableParallelism();

  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(path, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: "all" });
  } catch (thrown) {
    return failure("ENCODER_FAILED", `cannot load the ONNX model ${path}: ${describeThrown(thrown)}; rebuild the model folder with \`${options.repairCommand ?? "queryable models fetch"}\``);
  }

  const missing = [spec.input].filter((name) => !session.inputNames.includes(name))
    .concat([spec.output].filter((name) => !session.outputNames.includes(name)));
  if (missing.length > 0) {
    await session.release();
    return failure("ENCODER_FAILED", `the ONNX model ${path} has no ${missing.map((name) => `"${name}"`).join(" or ")}; it has inputs ${session.inputNames.join(", ")} and outputs ${session.outputNames.join(", ")}; check the manifest.json beside it`);
  }

  const itemLength = spec.inputShape.slice(1).reduce((product, size) => product * size, 1);
  const dimension = spec.outputShape[spec.outputShape.length - 1] ?? 0;
  return success(createEncoder(session, spec, path, itemLength, dimension));
}

function createEncoder(session: ort.InferenceSession, spec: EncoderSpec, path: string, itemLength: number, dimension: number): OnnxEncoder {
  const encode = async (input: Float32Array | Int32Array, count: number): Promise<CliResult<Float32Array>> => {
    if (input.length !== count * itemLength) {
      return failure("ENCODER_FAILED", `encoder input holds ${input.length} values, expected ${count} x ${itemLength}`);
    }

    const shape = [count, ...spec.inputShape.slice(1)];
    const tensor = toInputTensor(input, spec.inputType, shape);

    let outputs: ort.InferenceSession.OnnxValueMapType;
    try {
      outputs = await session.run({ [spec.input]: tensor });
    } catch (thrown) {
      return failure("ENCODER_FAILED", `running ${path} on a batch of ${count} failed: ${describeThrown(thrown)}`);
    }

    const output = outputs[spec.output];
    const data = output?.data;
    if (!(data instanceof Float32Array) || data.length !== count * dimension) {
      const got = output === undefined ? "nothing" : `${output.type} of shape [${output.dims.join(", ")}]`;
      return failure("ENCODER_FAILED", `${path} returned ${got} as "${spec.output}", expected float32 of shape [${count}, ${dimension}]; check the manifest.json beside it`);
    }
    return success(data);
  };

  return { itemLength, dimension, encode, release: () => session.release() };
}

function toInputTensor(input: Float32Array | Int32Array, type: EncoderSpec["inputType"], shape: number[]): ort.Tensor {
  if (type === "float32") return new ort.Tensor("float32", input instanceof Float32Array ? input : Float32Array.from(input), shape);
  if (type === "int32") return new ort.Tensor("int32", input instanceof Int32Array ? input : Int32Array.from(input), shape);

  const wide = new BigInt64Array(input.length);
  for (let i = 0; i < input.length; i++) wide[i] = BigInt(input[i]!);
  return new ort.Tensor("int64", wide, shape);
}
