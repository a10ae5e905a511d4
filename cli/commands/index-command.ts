// `queryable index [DIR...]`: builds or updates the index of photo folders.
import type { Command } from "commander";
import { resolveIndexPaths, type CommandContext } from "../command-context";
import { unwrap } from "../errors";
import { defaultMaxInputPixels } from "../image/decode-image";
import { indexLibrary, type IndexRunSummary } from "../pipeline/index-library";
import { findCliModel } from "../session/find-cli-model";
import { collect, integerIn } from "./_internal/option-parsers";

/**
 * Smallest shorter side, in pixels, that `--prescale` accepts: twice the
 * 224-pixel model input, so core's bicubic resize still does the final step.
 */
export const minPrescaleSide = 448;

interface IndexOptions {
  exclude?: string[];
  removeFolder?: string[];
  removeExclude?: string[];
  allowRemoval?: boolean;
  batchSize: number;
  threads?: number;
  maxPixels: number;
  prescale?: number;
  json?: boolean;
}

/** Registers the index command on `program`. */
export function registerIndexCommand(program: Command, context: CommandContext): void {
  program
    .command("index")
    .description("Build or update the index of photo folders. With no DIR, update the folders indexed before.")
    .argument("[DIR...]", "photo folders to add to the index; the folders indexed before stay")
    .option("--exclude <GLOB>", "add an exclusion: skip files and folders matching GLOB, relative to each folder (repeatable; a GLOB without \"/\" matches names at any depth)", collect)
    .option("--remove-exclude <GLOB>", "remove a stored exclusion, so its files are indexed again (repeatable)", collect)
    .option("--remove-folder <DIR>", "stop indexing a stored folder and remove its photos from the index (repeatable)", collect)
    .option("--allow-removal", "confirm a run that removes the photos of a folder that is now empty, or more than half of the indexed photos")
    .option("--batch-size <N>", "images per encoder call (1 to 256)", integerIn(1, 256), 16)
    .option("--threads <N>", "CPU threads for the image encoder (default: all cores)", integerIn(1, 256))
    .option("--max-pixels <N>", "reject images with more pixels than this, as possible decompression bombs", integerIn(1, 2_000_000_000), defaultMaxInputPixels)
    .option("--prescale <PX>", `shrink photos with sharp to a shorter side of PX pixels (${minPrescaleSide} or more) before CLIP preprocessing: faster on large photos, but the vectors then differ slightly from the reference preprocessing (default: off, exact)`, integerIn(minPrescaleSide, 100_000))
    .option("--json", "print the run summary as JSON")
    .action(async (dirs: string[], options: IndexOptions) => {
      const summary = unwrap(await indexLibrary({
        paths: resolveIndexPaths(context),
        changes: {
          addFolders: dirs,
          removeFolders: options.removeFolder ?? [],
          addExclude: options.exclude ?? [],
          removeExclude: options.removeExclude ?? [],
        },
        allowRemoval: options.allowRemoval === true,
        findModel: () => findCliModel(context.globals().modelDir, context.env),
        loadCore: context.loadCore,
        batchSize: options.batchSize,
        ...(options.threads === undefined ? {} : { threads: options.threads }),
        ...(options.prescale === undefined ? {} : { maxShortSide: options.prescale }),
        maxInputPixels: options.maxPixels,
        signal: context.signal,
        logger: context.logger,
        progress: context.progress,
      }));

      context.out(options.json === true ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
    });
}

/**
 * Describes the removed count of an index run. A moved file is removed under
 * its old path and takes its vector under the new one, so without the note a
 * move reads like a lost photo.
 */
export function describeRemoved(summary: Pick<IndexRunSummary, "reused" | "removed">): string {
  if (summary.reused === 0 || summary.removed === 0) return `removed ${summary.removed}`;
  return `removed ${summary.removed} (old paths of moved or renamed files included)`;
}

function formatSummary(summary: IndexRunSummary): string {
  const stats = summary.stats;
  const lines = [
    `Scanned ${summary.scanned} files in ${summary.folders.length} folder(s).`,
    `Embedded ${summary.embedded}, reused ${summary.reused} vectors of moved or renamed files, ${describeRemoved(summary)}, unchanged ${summary.unchanged}.`,
    `Failed in this run: ${summary.failed}; failed earlier and waiting for a retry: ${summary.failedWaiting}.`,
    `Index: ${stats.indexed} indexed, ${stats.failed} failed, ${stats.pending} pending.`,
  ];
  if (summary.interrupted) lines.push("Interrupted: run \"queryable index\" again to embed the pending files.");
  const repair = summary.journalRepair;
  if (repair?.kind === "torn-tail") lines.push(`Recovered from an interrupted run: dropped an incomplete journal record of ${repair.bytes} bytes.`);
  if (repair?.kind === "corrupt") lines.push(`The journal was corrupt from byte ${repair.offset}: dropped ${repair.bytes} bytes, saved a copy as ${repair.copy ?? "(none)"}, and embedded the affected photos again.`);
  if (summary.snapshotMissing) lines.push("The snapshot was missing: photos recorded only in it were embedded again.");
  for (const note of summary.notes) lines.push(`Note: ${note}.`);
  for (const folder of summary.unreadableFolders) lines.push(`Could not read ${folder.path}: ${folder.reason}`);
  if (summary.model.testModel) lines.push("Note: built with the colour test model; search results reflect colours only.");
  return `${lines.join("\n")}\n`;
}
