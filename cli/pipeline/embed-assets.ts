// Encodes the assets core asked for, batch by batch, storing vectors and
// failures in core and persisting each batch before the next is stored.
import type { queryable } from "../../bridge/codec";
import type { CoreHost } from "../core-host/core-host";
import type { OnnxEncoder } from "../encoder/onnx-encoder";
import { success, type CliResult } from "../errors";
import type { DecodeOptions } from "../image/decode-image";
import type { Logger } from "../logger";
import type { ProgressReporter } from "../progress/progress-reporter";
import type { IndexWriter } from "../session/index-writer";
import { versionFieldsOf, type AssetVersion } from "./asset-version";
import { prepareBatch, type PreparedBatch } from "./prepare-batch";

/** Options of embedAssets. */
export interface EmbedOptions extends DecodeOptions {
  /** Images per encoder call. */
  readonly batchSize: number;
  /** Stops after the batch in flight when aborted; the rest stays pending for the next run. */
  readonly signal?: AbortSignal;
  /** Per-file failures logged at warn level before the rest go to debug level. */
  readonly maxLoggedFailures?: number;
}

/** Counts of one embedAssets run. */
export interface EmbedSummary {
  readonly embedded: number;
  readonly failed: number;
  /** True when the signal stopped the run before every id was handled. */
  readonly interrupted: boolean;
}

/** Services that embedAssets uses. */
export interface EmbedContext {
  readonly core: CoreHost;
  readonly writer: IndexWriter;
  readonly encoder: OnnxEncoder;
  readonly logger: Logger;
  readonly progress: ProgressReporter;
  /**
   * The manifest version of each id, sent with its vector or failure so core
   * drops results computed from a file that changed in the meantime.
   */
  readonly versions: ReadonlyMap<string, AssetVersion>;
}

/**
 * Embeds `ids` (file paths). Decoding of the next batch overlaps encoding
 * of the current one. Undecodable files and vectors that are zero or not
 * finite are marked failed in core with their reason and never get a vector.
 * Fails only on errors that stop the whole run (encoder, core, disk); every
 * batch stored before such an error stays stored.
 */
export async function embedAssets(ids: readonly string[], context: EmbedContext, options: EmbedOptions): Promise<CliResult<EmbedSummary>> {
  const batches: string[][] = [];
  for (let start = 0; start < ids.length; start += options.batchSize) batches.push(ids.slice(start, start + options.batchSize));

  const failureLog = createFailureLog(context.logger, options.maxLoggedFailures ?? 20);
  let embedded = 0;
  let failed = 0;

  context.progress.start("Embedding photos", ids.length);
  let upcoming: Promise<PreparedBatch> | undefined = batches.length > 0 ? prepareBatch(context.core, batches[0]!, context.encoder.itemLength, options) : undefined;

  for (let index = 0; index < batches.length; index++) {
    const prepared = await upcoming!;
    const stop = options.signal?.aborted === true;
    upcoming = !stop && index + 1 < batches.length ? prepareBatch(context.core, batches[index + 1]!, context.encoder.itemLength, options) : undefined;
    if (stop) break;

    const stored = await storeBatch(prepared, context, failureLog);
    if (!stored.ok) {
      context.progress.stop();
      await upcoming?.catch(() => undefined);
      return stored;
    }

    embedded += stored.value.embedded;
    failed += stored.value.failed;
    context.progress.advance(batches[index]!.length);
  }

  context.progress.stop();
  failureLog.summarize(failed);
  const handled = embedded + failed;
  return success({ embedded, failed, interrupted: handled < ids.length });
}

async function storeBatch(prepared: PreparedBatch, context: EmbedContext, failureLog: FailureLog): Promise<CliResult<{ embedded: number; failed: number }>> {
  const failures = [...prepared.failures];
  let storedIds: string[] = [];
  let vectors = new Float32Array(0);

  if (prepared.ids.length > 0) {
    const encoded = await context.encoder.encode(prepared.tensors, prepared.ids.length);
    if (!encoded.ok) return encoded;

    const checked = dropUnusableVectors(prepared.ids, encoded.value, context.encoder.dimension);
    storedIds = checked.ids;
    vectors = checked.vectors;
    failures.push(...checked.failures);
  }

  if (storedIds.length > 0) {
    const bytes = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
    const put = context.core.call({ putEmbeddings: { ids: storedIds, vectors: bytes, ...versionFieldsOf(storedIds, context.versions) } }, "embeddingsPut");
    if (!put.ok) return put;
    logStale(context.logger, "vectors", put.value.result.stale);
    const recorded = context.writer.record(put.value.journalAppend);
    if (!recorded.ok) return recorded;
  }

  if (failures.length > 0) {
    const versioned = failures.map((item) => ({ ...item, ...context.versions.get(item.id ?? "") }));
    const marked = context.core.call({ markFailed: { failures: versioned } }, "failuresMarked");
    if (!marked.ok) return marked;
    logStale(context.logger, "failures", marked.value.result.stale);
    const recorded = context.writer.record(marked.value.journalAppend);
    if (!recorded.ok) return recorded;
    for (const item of failures) failureLog.record(item);
  }

  const flushed = context.writer.checkpoint();
  if (!flushed.ok) return flushed;
  return success({ embedded: storedIds.length, failed: failures.length });
}

// Core keeps pending an asset whose result came from an older version; the next run embeds it again.
function logStale(logger: Logger, what: string, stale: readonly string[] | null | undefined): void {
  if (stale === undefined || stale === null || stale.length === 0) return;
  logger.info(`core dropped ${what} of files that changed during the run; the next run embeds them again`, { count: stale.length, first: stale[0] });
}

// Core rejects a whole batch for one zero or non-finite vector, so such
// vectors become per-file failures here instead.
function dropUnusableVectors(ids: readonly string[], vectors: Float32Array, dimension: number) {
  const usable: string[] = [];
  const usableVectors = new Float32Array(vectors.length);
  const failures: queryable.v1.IFailure[] = [];

  for (let i = 0; i < ids.length; i++) {
    const vector = vectors.subarray(i * dimension, (i + 1) * dimension);
    const problem = vectorProblem(vector);
    if (problem !== undefined) {
      failures.push({ id: ids[i]!, reason: `the image encoder returned ${problem}` });
      continue;
    }
    usableVectors.set(vector, usable.length * dimension);
    usable.push(ids[i]!);
  }

  return { ids: usable, vectors: usableVectors.subarray(0, usable.length * dimension), failures };
}

function vectorProblem(vector: Float32Array): string | undefined {
  let anyNonZero = false;
  for (const value of vector) {
    if (!Number.isFinite(value)) return "a vector with NaN or infinite values";
    if (value !== 0) anyNonZero = true;
  }
  return anyNonZero ? undefined : "an all-zero vector";
}

interface FailureLog {
  record(failure: queryable.v1.IFailure): void;
  summarize(total: number): void;
}

function createFailureLog(logger: Logger, maxWarnings: number): FailureLog {
  let logged = 0;
  return {
    record: (item) => {
      const fields = { path: item.id ?? "", reason: item.reason ?? "" };
      if (logged < maxWarnings) logger.warn("cannot embed a file; marked as failed", fields);
      else logger.debug("cannot embed a file; marked as failed", fields);
      logged++;
    },
    summarize: (total) => {
      if (total > maxWarnings) logger.warn(`${total} files failed in this run, ${total - maxWarnings} of them not shown; "queryable status" lists them all`);
    },
  };
}
