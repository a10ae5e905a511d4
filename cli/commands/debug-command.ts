// `queryable debug ...`: runs single pipeline steps, to compare them with
// reference implementations.
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import type { CommandContext } from "../command-context";
import { encodeNpyFloat32 } from "../debug/npy";
import { describeThrown, failure, unwrap } from "../errors";
import { decodeImage } from "../image/decode-image";
import { findModel } from "../models/find-model";
import { findVocabulary } from "../models/find-vocabulary";
import { checkOutputPath, type OutputKind } from "../output/check-output-path";
import { loadVocabulary } from "../session/load-vocabulary";
import { checkImageArgument } from "./_internal/image-argument";

/** The --npy output kind: a file is an earlier output when it starts with the .npy magic "\x93NUMPY". */
const npyOutput: OutputKind = {
  option: "--npy",
  description: "a .npy file",
  headerBytes: 6,
  isEarlierOutput: (header) => Buffer.from(header).equals(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])),
};

/** Registers `debug tokenize` and `debug preprocess` on `program`. */
export function registerDebugCommand(program: Command, context: CommandContext): void {
  const debug = program.command("debug").description("Run one step of the pipeline on its own, for checking against reference outputs.");

  debug
    .command("tokenize")
    .description("Print the CLIP token ids of TEXT, padded with 0 to the context length.")
    .argument("<TEXT>", "text to tokenize")
    .option("--json", "print {\"ids\": [...]} instead of space-separated ids")
    .option("--context-length <N>", "tokens per text including start and end tokens", (value) => Number(value), 77)
    .action(async (text: string, options: { json?: boolean; contextLength: number }) => {
      if (!Number.isInteger(options.contextLength) || options.contextLength < 2 || options.contextLength > 1024) {
        unwrap(failure("USAGE", `--context-length must be a whole number from 2 to 1024, got ${options.contextLength}`));
      }

      const core = unwrap(context.loadCore());
      unwrap(await loadVocabulary(core, unwrap(findTokenizerVocabulary(context))));

      const reply = unwrap(core.call({ tokenize: { texts: [text], contextLength: options.contextLength } }, "tokenizeResult"));
      const ids = reply.result.results?.[0]?.ids ?? [];
      context.out(options.json === true ? `${JSON.stringify({ ids })}\n` : `${ids.join(" ")}\n`);
    });

  debug
    .command("preprocess")
    .description("Decode IMAGE at full size and write core's CLIP input tensor, float32 with shape (1, 3, 224, 224), as a .npy file.")
    .argument("<IMAGE>", "image file")
    .requiredOption("--npy <OUT>", "path of the .npy file to write")
    .option("--force", "overwrite OUT even when it is not a .npy file")
    .action(async (image: string, options: { npy: string; force?: boolean }) => {
      const path = unwrap(checkImageArgument(image));
      unwrap(checkOutputPath(options.npy, npyOutput, options.force === true));
      const decoded = await decodeImage(path, { logger: context.logger });
      if (!decoded.ok) unwrap(failure("DECODE_FAILED", `${image}: ${decoded.error.message}`));
      const { pixels, width, height, channels } = unwrap(decoded);
      const core = unwrap(context.loadCore());
      const reply = unwrap(core.call({ preprocessImage: { pixels, width, height, channels } }, "preprocessResult"));

      const size = reply.result.size ?? 0;
      const bytes = reply.result.tensor ?? new Uint8Array(0);
      // The tensor is an unaligned view into the reply, so copy before viewing it as floats.
      const tensor = new Float32Array(bytes.slice().buffer);
      try {
        await writeFile(options.npy, encodeNpyFloat32([1, 3, size, size], tensor));
      } catch (thrown) {
        unwrap(failure("OUTPUT_FAILED", `cannot write ${options.npy}: ${describeThrown(thrown)}; choose another path for --npy`));
      }
      context.logger.info("tensor written", { path: options.npy, shape: `1x3x${size}x${size}` });
    });
}

// Tokenizing needs only the vocabulary: QUERYABLE_CLIP_VOCAB works without any model.
function findTokenizerVocabulary(context: CommandContext) {
  const modelDir = context.globals().modelDir;
  const model = findModel(modelDir === undefined ? { env: context.env } : { modelDir, env: context.env });
  const vocabulary = model.ok ? findVocabulary(model.value.dir, model.value.manifest, context.env) : findVocabulary(null, null, context.env);
  if (vocabulary.ok) return vocabulary;

  const reason = model.ok ? vocabulary.error.message : `${vocabulary.error.message} (${model.error.message})`;
  return failure("MODEL_MISSING", reason);
}
