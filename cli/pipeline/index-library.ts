// One `queryable index` run: lock the index, scan the folders, sync the
// manifest with core, embed the files in core's plan, and write a snapshot.
import { statSync } from "node:fs";
import type { queryable } from "../../bridge/codec";
import type { CoreHost } from "../core-host/core-host";
import { loadOnnxEncoder } from "../encoder/onnx-encoder";
import { failure, success, type CliResult } from "../errors";
import type { DecodeOptions } from "../image/decode-image";
import { loadFileCache } from "../index-store/file-cache";
import { ensureIndexDirectory, openJournalWriter } from "../index-store/index-files";
import { acquireIndexLock } from "../index-store/index-lock";
import type { IndexPaths } from "../index-store/index-paths";
import { readLibraryConfig, writeLibraryConfig, type LibraryConfig } from "../index-store/library-config";
import { scanFolders } from "../library/scan-folders";
import type { Logger } from "../logger";
import type { FoundModel } from "../models/find-model";
import type { ProgressReporter } from "../progress/progress-reporter";
import { createIndexWriter, type IndexWriter } from "../session/index-writer";
import { openStoredIndex } from "../session/open-stored-index";
import { buildManifest } from "./build-manifest";
import { assetVersionsOf } from "./asset-version";
import { embedAssets } from "./embed-assets";
import { syncLibrary } from "./sync-library";

/** Options of one indexing run. */
export interface IndexRunOptions extends DecodeOptions {
  readonly paths: IndexPaths;
  /** Absolute folders to index; undefined reuses the folders stored in the index. */
  readonly folders?: readonly string[];
  /** Exclusion globs; undefined reuses the stored ones. */
  readonly exclude?: readonly string[];
  readonly model: FoundModel;
  /** Loads a fresh core instance (dist/queryable-core.js). */
  readonly loadCore: () => CliResult<CoreHost>;
  readonly batchSize: number;
  /** onnxruntime intra-op threads. */
  readonly threads?: number;
  readonly signal?: AbortSignal;
  readonly logger: Logger;
  readonly progress: ProgressReporter;
}

/** Counts and state after one run. */
export interface IndexRunSummary {
  readonly folders: readonly string[];
  readonly scanned: number;
  readonly unreadableFolders: readonly { readonly path: string; readonly reason: string }[];
  readonly embedded: number;
  readonly failed: number;
  /** Assets that took the vector of an identical stored file (rename or move). */
  readonly reused: number;
  readonly removed: number;
  readonly unchanged: number;
  /** Failed assets whose next retry is not due yet. */
  readonly failedWaiting: number;
  /** True when a signal stopped the run early; the rest is pending. */
  readonly interrupted: boolean;
  readonly journalBytesDropped: number;
  readonly stats: queryable.v1.IStats;
}

/**
 * Builds or updates the index. Holds the index lock for the whole run and
 * releases it on every path out. Everything stored before a failure stays
 * stored, and a later run continues from there.
 */
export async function indexLibrary(options: IndexRunOptions): Promise<CliResult<IndexRunSummary>> {
  const { paths, logger } = options;

  const directory = ensureIndexDirectory(paths);
  if (!directory.ok) return directory;

  const lock = acquireIndexLock(paths.lock, logger);
  if (!lock.ok) return lock;

  logger.info("index run started", { index: paths.dir, pid: process.pid });
  try {
    const result = await runLocked(options);
    if (result.ok) logger.info("index run finished", { index: paths.dir, embedded: result.value.embedded, failed: result.value.failed, interrupted: result.value.interrupted });
    else logger.error("index run failed", { index: paths.dir, code: result.error.code, error: result.error.message });
    return result;
  } finally {
    lock.value.release();
  }
}

async function runLocked(options: IndexRunOptions): Promise<CliResult<IndexRunSummary>> {
  const { paths, logger } = options;

  const library = resolveLibrary(options);
  if (!library.ok) return library;

  const core = options.loadCore();
  if (!core.ok) return core;

  const model = { id: options.model.manifest.id, dimension: options.model.manifest.dimension };
  const opened = openStoredIndex(core.value, paths, model);
  if (!opened.ok) return opened;

  const stored = writeLibraryConfig(paths.library, library.value);
  if (!stored.ok) return stored;

  const journal = openJournalWriter(paths);
  if (!journal.ok) return journal;

  try {
    const writer = createIndexWriter(core.value, journal.value, logger);
    const dropped = opened.value.journalBytesDropped ?? 0;
    if (dropped > 0) {
      // The torn tail is gone from core's state; a snapshot makes the files agree before anything is appended.
      logger.warn("dropped a torn journal tail left by an interrupted run", { bytes: dropped });
      const rewritten = writer.snapshot();
      if (!rewritten.ok) return rewritten;
    }

    return await scanSyncAndEmbed(options, library.value, core.value, writer, dropped);
  } finally {
    journal.value.close();
  }
}

async function scanSyncAndEmbed(options: IndexRunOptions, library: LibraryConfig, core: CoreHost, writer: IndexWriter, dropped: number): Promise<CliResult<IndexRunSummary>> {
  const { paths, logger, progress } = options;

  const scan = await scanFolders(library.folders, library.exclude, logger);
  logger.info("scan finished", { files: scan.files.length, unreadableFolders: scan.unreadable.length });

  const cache = loadFileCache(paths.fileCache, logger);
  const entries = await buildManifest(scan.files, cache, logger, progress);
  cache.pruneUnused();
  cache.save();

  const plan = syncLibrary(core, writer, entries);
  if (!plan.ok) return plan;
  const toEmbed = plan.value.toEmbed ?? [];
  logger.info("sync planned", { toEmbed: toEmbed.length, reused: plan.value.reused?.length ?? 0, removed: plan.value.removed?.length ?? 0, unchanged: plan.value.unchanged ?? 0 });

  logRetries(core, toEmbed, logger);

  let embedded = { embedded: 0, failed: 0, interrupted: false };
  if (toEmbed.length > 0) {
    const encoder = await loadOnnxEncoder(options.model.dir, options.model.manifest.image, options.threads === undefined ? {} : { threads: options.threads });
    if (!encoder.ok) return encoder;

    try {
      const versions = assetVersionsOf(entries);
      const result = await embedAssets(toEmbed, { core, writer, encoder: encoder.value, logger, progress, versions }, options);
      if (!result.ok) return result;
      embedded = result.value;
    } finally {
      await encoder.value.release();
    }
  }

  const snapshot = writer.snapshot();
  if (!snapshot.ok) return snapshot;

  const stats = core.call({ getStats: {} }, "stats");
  if (!stats.ok) return stats;

  return success({
    folders: library.folders,
    scanned: scan.files.length,
    unreadableFolders: scan.unreadable,
    embedded: embedded.embedded,
    failed: embedded.failed,
    reused: plan.value.reused?.length ?? 0,
    removed: plan.value.removed?.length ?? 0,
    unchanged: plan.value.unchanged ?? 0,
    failedWaiting: plan.value.failedWaiting ?? 0,
    interrupted: embedded.interrupted,
    journalBytesDropped: dropped,
    stats: stats.value.result,
  });
}

// Files that failed before and are due again under core's back-off.
function logRetries(core: CoreHost, toEmbed: readonly string[], logger: Logger): void {
  if (toEmbed.length === 0) return;

  const assets = core.call({ getAssets: { ids: [...toEmbed] } }, "assetList");
  if (!assets.ok) {
    logger.warn("cannot list the assets to embed; retries are not logged", { code: assets.error.coreCode ?? assets.error.code, error: assets.error.message });
    return;
  }

  const retried = (assets.value.result.assets ?? []).filter((asset) => (asset.failure?.attempts ?? 0) > 0);
  if (retried.length === 0) return;
  logger.info(`retrying ${retried.length} files that failed before`);
  for (const asset of retried) {
    logger.debug("retrying a failed file", { path: asset.entry?.id ?? "", attempts: asset.failure?.attempts ?? 0, lastReason: asset.failure?.reason ?? "" });
  }
}

// Folders given on the command line replace the stored ones; with none, the
// stored folders are updated. A missing folder stops the run before the sync,
// because syncing without it would remove every photo indexed from it.
function resolveLibrary(options: IndexRunOptions): CliResult<LibraryConfig> {
  const stored = readLibraryConfig(options.paths.library);
  if (!stored.ok) return stored;

  const folders = options.folders !== undefined && options.folders.length > 0 ? options.folders : stored.value.folders;
  const exclude = options.exclude !== undefined && options.exclude.length > 0 ? options.exclude : stored.value.exclude;
  if (folders.length === 0) {
    return failure("USAGE", `the index in ${options.paths.dir} has no folders yet; run "queryable index DIR..." with the photo folders to index`);
  }

  for (const folder of folders) {
    let isDirectory = false;
    try {
      isDirectory = statSync(folder).isDirectory();
    } catch {
      isDirectory = false;
    }
    if (!isDirectory) {
      return failure("FILE_NOT_FOUND", `the library folder ${folder} does not exist or is not a folder; nothing was changed. Reconnect the drive, or run "queryable index DIR..." with the folders to keep`);
    }
  }
  return success({ folders, exclude });
}
