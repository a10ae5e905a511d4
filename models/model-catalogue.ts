// The models `queryable models fetch` can download, and how a catalogue entry
// turns into the manifest.json of a model directory.
import clipVitB32 from "./clip-vit-b32/manifest.json";
import type { EncoderSpec, ModelFile, ModelManifest } from "./model-manifest";

/** Precision of the published encoder weights. */
export type ModelVariant = "fp32" | "quantized";

export const modelVariants: readonly ModelVariant[] = ["fp32", "quantized"];

/**
 * A file as published. `sha256` and `size` are null when no trusted source for
 * them was found, and fetch then rejects the file unless the user passes
 * --trust-unverified.
 */
export interface PublishedFile {
  /** File name inside the model directory. */
  readonly name: string;
  /** Path relative to the download base URL. */
  readonly url: string;
  /** Lower-case hex SHA-256 of the whole file, or null when unknown. */
  readonly sha256: string | null;
  /** Size in bytes, or null when unknown. */
  readonly size: number | null;
}

/** One precision of a published encoder pair. */
export interface VariantSpec {
  /** Model id stored in the index; variants get distinct ids because their vectors differ slightly. */
  readonly modelId: string;
  readonly image: EncoderSpec;
  readonly text: EncoderSpec;
  /** The two encoder files of this variant. */
  readonly files: readonly PublishedFile[];
}

/** A downloadable model: where it is published and every file of each variant. */
export interface CatalogueEntry {
  /** Name used with `--model`, e.g. "clip-vit-b32". */
  readonly id: string;
  readonly name: string;
  /** Embedding length. */
  readonly dimension: number;
  readonly source: {
    readonly repository: string;
    /** Git revision the digests were recorded for; the default base URL pins it. */
    readonly revision: string;
    /** Default download base URL; `--base-url` or QUERYABLE_MODEL_BASE_URL replace it. */
    readonly baseUrl: string;
    readonly license: string;
  };
  readonly preprocessing: {
    /** Square input edge in pixels. */
    readonly imageSize: number;
    /** Per-channel RGB mean and standard deviation on the 0..1 scale. */
    readonly mean: readonly number[];
    readonly std: readonly number[];
    /** Tokens per text, including the start and end tokens. */
    readonly contextLength: number;
  };
  readonly tokenizer: { readonly vocabJson: string; readonly mergesTxt: string };
  /** The tokenizer files, shared by every variant. */
  readonly tokenizerFiles: readonly PublishedFile[];
  readonly variants: Readonly<Record<ModelVariant, VariantSpec>>;
}

/** Every model `models fetch` can download, by id. */
export const modelCatalogue: readonly CatalogueEntry[] = [clipVitB32 as CatalogueEntry];

/** The model fetched and looked up when the user names none. */
export const defaultModelName = "clip-vit-b32";

/** The variant fetched when the user names none: full precision, as the weights were trained. */
export const defaultVariant: ModelVariant = "fp32";

/** Returns the catalogue entry named `name`, or undefined when there is none. */
export function findCatalogueEntry(name: string): CatalogueEntry | undefined {
  return modelCatalogue.find((entry) => entry.id === name);
}

/** Returns true when `value` names a variant. */
export function isModelVariant(value: string): value is ModelVariant {
  return (modelVariants as readonly string[]).includes(value);
}

/** Lists every file one variant needs, encoders first, then the tokenizer. */
export function filesOfVariant(entry: CatalogueEntry, variant: ModelVariant): readonly PublishedFile[] {
  return [...entry.variants[variant].files, ...entry.tokenizerFiles];
}

/**
 * Builds the manifest.json of a fetched model directory. `verified` contains the
 * digest and size of every file as measured after download, so the directory
 * manifest always states known digests, even for a file the catalogue lacked one for.
 */
export function directoryManifest(
  entry: CatalogueEntry,
  variant: ModelVariant,
  verified: readonly ModelFile[],
): ModelManifest {
  const spec = entry.variants[variant];
  return {
    id: spec.modelId,
    name: `${entry.name}, ${variant}`,
    dimension: entry.dimension,
    testModel: false,
    image: spec.image,
    text: spec.text,
    tokenizer: entry.tokenizer,
    files: verified,
  };
}
