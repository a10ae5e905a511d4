// `queryable models fetch`: downloads a catalogue model into a model directory.
import { Option, type Command } from "commander";
import { defaultModelName, defaultVariant, modelCatalogue, modelVariants, type ModelVariant } from "../../models/model-catalogue";
import { baseUrlEnvVar, fetchModel, type FetchedModel } from "../models/fetch-model";
import { modelDirEnvVar } from "../models/model-directory";
import type { ModelsResult } from "../models/models-error";
import type { ModelsLogger } from "../models/models-logger";
import { createFetchProgress } from "../models/fetch-progress";

/** Services the CLI entry passes to the models commands. */
export interface ModelsCommandContext {
  readonly env: NodeJS.ProcessEnv;
  readonly logger: ModelsLogger;
  /** Writes one line of the command's normal output. */
  readonly print: (line: string) => void;
  /** Stream for progress; a TTY gets a bar, anything else gets plain lines. */
  readonly progressStream: NodeJS.WritableStream & { isTTY?: boolean };
  /**
   * Receives the outcome of each run. The entry prints a failure's message and
   * sets the exit code: 2 when isUsageError(error), else 1.
   */
  readonly complete: (result: ModelsResult<unknown>) => void;
}

interface FetchCommandOptions {
  model: string;
  variant: ModelVariant;
  baseUrl?: string;
  dest?: string;
  trustUnverified?: boolean;
}

/** Registers `models fetch` on `program`. */
export function registerModelsCommand(program: Command, context: ModelsCommandContext): void {
  const models = program.command("models").description("download and manage CLIP encoder models");
  const names = modelCatalogue.map((entry) => entry.id);

  models
    .command("fetch")
    .description("download a model into the model folder and verify the SHA-256 of every file; an interrupted download resumes")
    .addOption(new Option("--model <name>", "model to download").choices(names).default(defaultModelName))
    .addOption(new Option("--variant <variant>", "weight precision: fp32 (full, about 606 MB) or quantized (8-bit, about 154 MB)")
      .choices(modelVariants).default(defaultVariant))
    .option("--base-url <url>", `server the files are fetched from, instead of the published location (default: $${baseUrlEnvVar}, else the model's published URL)`)
    .option("--dest <dir>", `folder to write the model into (default: $${modelDirEnvVar}, else the per-user cache folder)`)
    .option("--trust-unverified", "download files that have no published SHA-256 and print their computed digests")
    .action(async (options: FetchCommandOptions) => {
      context.complete(await runFetch(options, context));
    });
}

async function runFetch(options: FetchCommandOptions, context: ModelsCommandContext): Promise<ModelsResult<FetchedModel>> {
  const progress = createFetchProgress(context.progressStream);
  const result = await fetchModel({
    model: options.model,
    variant: options.variant,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(options.dest === undefined ? {} : { dest: options.dest }),
    trustUnverified: options.trustUnverified === true,
    env: context.env,
    logger: context.logger,
    progress,
  });
  if (!result.ok) return result;

  for (const file of result.value.files) {
    const state = file.alreadyPresent ? "already present" : "downloaded";
    const check = file.verified ? "sha256 verified" : `UNVERIFIED, computed sha256 ${file.sha256}`;
    context.print(`${file.name}: ${state}, ${file.size} bytes, ${check}`);
  }
  context.print(`model ${result.value.manifest.id} is ready in ${result.value.dir}`);
  return result;
}
