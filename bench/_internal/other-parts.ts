// The tokenizer and pipeline parts: bench/tokenizer.mjs and bench/pipeline.mjs,
// which also run alone, turned into rows of the shared format.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { emptyRow, type BenchRow, type RuntimeName } from "./bench-row";

interface TokenizerTiming { name: RuntimeName; loadMs?: { bpe_txt: number; bpe_gz: number; pair: number }; coldQueryMs?: number; warmQueryMs?: number; failure?: string }

/** Runs bench/tokenizer.mjs; `note` receives the reason when it is skipped. */
export async function runTokenizerPart(repoRoot: string, note: (message: string) => void): Promise<BenchRow[]> {
  const module = await import(pathToFileURL(join(repoRoot, "bench", "tokenizer.mjs")).href);
  const result = module.measureTokenizer() as { skipped?: string; rows?: TokenizerTiming[] };
  if (result.skipped !== undefined) {
    note(`tokenizer skipped: ${result.skipped}`);
    return [];
  }
  return (result.rows ?? []).map((timing) => {
    const row = emptyRow("tokenizer", timing.name);
    if (timing.failure !== undefined) return { ...row, error: timing.failure };
    return {
      ...row,
      figures: {
        loadBpeTxtMs: timing.loadMs!.bpe_txt, loadBpeGzMs: timing.loadMs!.bpe_gz, loadHuggingFacePairMs: timing.loadMs!.pair,
        tokenizeColdMs: timing.coldQueryMs!, tokenizeWarmMs: timing.warmQueryMs!,
      },
    };
  });
}

/** Runs bench/pipeline.mjs on QUERYABLE_SAMPLE_PHOTOS; `note` receives the reason when it is skipped. */
export async function runPipelinePart(repoRoot: string, note: (message: string) => void): Promise<BenchRow[]> {
  const folder = process.env.QUERYABLE_SAMPLE_PHOTOS;
  if (folder === undefined || !existsSync(folder)) {
    note("pipeline skipped: set QUERYABLE_SAMPLE_PHOTOS to a photo folder (scripts/fetch-sample-photos.sh DEST fetches one)");
    return [];
  }
  const module = await import(pathToFileURL(join(repoRoot, "bench", "pipeline.mjs")).href);
  const row = emptyRow("pipeline", "node");
  try {
    const result = await module.runPipelineBench({ dir: folder });
    return [{
      ...row,
      figures: { files: result.files, imagesPerSecondWithoutEncoder: result.withoutEncoder.imagesPerSecond, imagesPerSecondWithEncoder: result.withEncoder.imagesPerSecond },
    }];
  } catch (thrown) {
    return [{ ...row, error: thrown instanceof Error ? thrown.message : String(thrown) }];
  }
}
