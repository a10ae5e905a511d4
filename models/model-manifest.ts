// The shape of a model directory's manifest.json: which files make up an
// encoder pair, how to call them, and how to check them.

/** One ONNX encoder of a CLIP pair. */
export interface EncoderSpec {
  /** File name inside the model directory, e.g. "vision_model.onnx". */
  readonly file: string;
  /** ONNX input name, e.g. "pixel_values" or "input_ids". */
  readonly input: string;
  /** ONNX output name of the embedding, e.g. "image_embeds" or "text_embeds". */
  readonly output: string;
  /** Input shape; -1 marks the batch axis. */
  readonly inputShape: readonly number[];
  /** Output shape; -1 marks the batch axis. */
  readonly outputShape: readonly number[];
  /** Element type of the input tensor. */
  readonly inputType: "float32" | "int64" | "int32";
}

/** A file the model needs, with where to fetch it and its expected digest. */
export interface ModelFile {
  /** File name inside the model directory. */
  readonly name: string;
  /** Path relative to the download base URL. */
  readonly url: string;
  /** Lower-case hex SHA-256 of the whole file. */
  readonly sha256: string;
  /** Size in bytes. */
  readonly size: number;
}

/** The parsed manifest.json of one model directory. */
export interface ModelManifest {
  /** Stable id stored in the index, e.g. "clip-vit-b32"; an index built with one id is never searched with another. */
  readonly id: string;
  /** Human-readable name. */
  readonly name: string;
  /** Embedding length. */
  readonly dimension: number;
  /** True for the colour test model that proves the wiring; every line the CLI prints says so. */
  readonly testModel: boolean;
  readonly image: EncoderSpec;
  readonly text: EncoderSpec;
  /** Tokenizer vocabulary: OpenAI's gzip file, or the Hugging Face vocab.json and merges.txt pair. */
  readonly tokenizer: { readonly bpeGz: string } | { readonly vocabJson: string; readonly mergesTxt: string };
  /** Every file of the model directory, for download and verification. */
  readonly files: readonly ModelFile[];
}
