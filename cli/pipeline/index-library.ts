// One `queryable index` run: lock the index, scan the folders, sync the
// manifest with core, embed the files in core's plan, and write a snapshot.
import type { queryable } from "../../bridge/codec";
import type { CoreHost } from "../core-host/core-host";
import { loadOnnxEncoder } from "../encoder/onnx-encoder";
import { success, type CliResult } from "../errors";
import type { DecodeOptions } from "../image/decode-image";
import { removeStaleTemporaryFiles } from "../index-store/atomic-write";
import { loadFileCache } from "../index-store/file-cache";
import { checkIndexLocation, ensureIndexDirectory, openJournalWriter, readStoredIndex } from "../index-store/index-files";
import { acquireIndexLock, isProcessAlive } from "../index-store/index-lock";
import type { IndexPaths } from "../index-store/index-paths";
import { writeLibraryConfig } from "../index-store/library-config";
import type { LibraryChanges, UpdatedLibrary } from "../index-store/update-library-config";
import { scanFolders, type ScanResult } from "../library/scan-folders";
import type { Logger } from "../logger";
import type { FoundModel } from "../models/find-model";
import type { ProgressReporter } from "../progress/progress-reporter";
import { readIndexCounts, type IndexCounts } from "../session/index-counts";
import { createIndexWriter, type IndexWriter } from "../session/index-writer";
import { repairOpenedIndex, type JournalRepair, type RepairedIndex } from "../session/repair-opened-index";
import { buildManifest } from "./build-manifest";
import { assetVersionsOf } from "./asset-version";
import { checkRemovals, isUnder, type StoredAsset } from "./check-removals";
import { embedAssets } from "./embed-assets";
import { resolveLibrary } from "./resolve-library";
import { syncLibrary } from "./sync-library";

/** Options of one indexing run. */
export interface IndexRunOptions extends DecodeOptions {
  readonly paths: IndexPaths;
  /** Folders and exclusions to add or remove; all empty updates the stored library. */
  readonly changes: LibraryChanges;
  /** Confirms a run that checkRemovals would stop (an emptied folder, more than half the photos). */
  readonly allowRemoval: boolean;
  /** Finds the model; called after the folders and globs are checked, so a usage error comes first. */
  readonly findModel: () => CliResult<FoundModel>;
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
  /** The model the index is built with. */
  readonly model: { readonly id: string; readonly testModel: boolean };
  readonly folders: readonly string[];
  readonly exclude: readonly string[];
  /** Folder arguments that were already covered or that replaced nested folders. */
  readonly notes: readonly string[];
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
  /** Damage found in journal.bin and the path of its saved copy; undefined when the journal was sound. */
  readonly journalRepair?: JournalRepair;
  /** True when snapshot.bin was missing although the index existed; this run embedded the lost photos again. */
  readonly snapshotMissing: boolean;
  readonly stats: IndexCounts;
}

/**
 * Builds or updates the index. Every folder and glob is checked before the
 * lock is taken, and library.json is written only after the removal check
 * passed. Holds the index lock for the whole run and releases it on every
 * path out. Everything stored before a failure stays stored, and a later
 * run continues from there.
 */
export async function indexLibrary(options: IndexRunOptions): Promise<CliResult<IndexRunSummary>> {
  const { paths, logger } = options;

  const location = checkIndexLocation(paths);
  if (!location.ok) return location;
  const checked = resolveLibrary(paths, options.changes);
  if (!checked.ok) return checked;

  const directory = ensureIndexDirectory(paths);
  if (!directory.ok) return directory;

  const lock = acquireIndexLock(paths.lock, logger);
  if (!lock.ok) return lock;

  logger.info("index run started", { index: paths.dir, pid: process.pid });
  try {
    removeStaleTemporaryFiles(paths.dir, isProcessAlive, logger);
    const result = await runLocked(options);
    // The entry prints a failure once; this line only adds the index for --verbose.
    if (result.ok) logger.info("index run finished", { index: paths.dir, embedded: result.value.embedded, failed: result.value.failed, interrupted: result.value.interrupted });
    else logger.debug("index run failed", { index: paths.dir, code: result.error.code });
    return result;
  } finally {
    lock.value.release();
  }
}

async function runLocked(options: IndexRunOptions): Promise<CliResult<IndexRunSummary>> {
  const { paths, logger } = options;

  // Read again under the lock, because another run may have changed it.
  const library = resolveLibrary(paths, options.changes);
  if (!library.ok) return library;
  for (const note of library.value.notes) logger.info(note);

  const found = options.findModel();
  if (!found.ok) return found;

  const core = options.loadCore();
  if (!core.ok) return core;

  const stored = readStoredIndex(paths);
  if (!stored.ok) return stored;

  const journal = openJournalWriter(paths);
  if (!journal.ok) return journal;

  try {
    const writer = createIndexWriter(core.value, journal.value, logger);
    const model = { id: found.value.manifest.id, dimension: found.value.manifest.dimension };
    const repaired = repairOpenedIndex({ core: core.value, writer, paths, stored: stored.value, model, logger });
    if (!repaired.ok) return repaired;

    return await scanSyncAndEmbed({ ...options, model: found.value, library: library.value, core: core.value, writer, repaired: repaired.value });
  } finally {
    journal.value.close();
  }
}

/** Everything a run has once the index is open and repaired. */
interface OpenRun extends IndexRunOptions {
  readonly model: FoundModel;
  readonly library: UpdatedLibrary;
  readonly core: CoreHost;
  readonly writer: IndexWriter;
  readonly repaired: RepairedIndex;
}

async function scanSyncAndEmbed(options: OpenRun): Promise<CliResult<IndexRunSummary>> {
  const { paths, logger, progress, library, core, writer } = options;
  const { folders, exclude } = library.config;

  const scan = await scanFolders(folders, exclude, logger);
  logger.info("scan finished", { files: scan.files.length, unreadableFolders: scan.unreadable.length });

  const cache = loadFileCache(paths.fileCache, logger);
  const entries = await buildManifest(scan.files, cache, logger, progress);
  cache.pruneUnused();
  cache.save();

  const summaryBase = {
    model: { id: options.model.manifest.id, testModel: options.model.manifest.testModel },
    folders,
    exclude,
    notes: library.notes,
    scanned: scan.files.length,
    unreadableFolders: scan.unreadable,
    ...options.repaired,
  };
  if (isAborted(options.signal)) return summarizeStopped(core, summaryBase);

  const storedAssets = listStoredAssets(core);
  if (!storedAssets.ok) return storedAssets;
  keepUnreadableFolders(entries, storedAssets.value, scan, logger);

  if (!options.allowRemoval) {
    const removals = checkRemovals({ stored: storedAssets.value.map(toStoredAsset), entries, folders, removedFolders: library.removedFolders, addedExclude: options.changes.addExclude });
    if (!removals.ok) return removals;
  }

  const saved = writeLibraryConfig(paths.library, library.config);
  if (!saved.ok) return saved;

  const plan = syncLibrary(core, writer, entries);
  if (!plan.ok) return plan;
  const toEmbed = plan.value.toEmbed ?? [];
  logger.info("sync planned", { toEmbed: toEmbed.length, reused: plan.value.reused?.length ?? 0, removed: plan.value.removed?.length ?? 0, unchanged: plan.value.unchanged ?? 0 });

  logRetries(core, toEmbed, logger);

  let embedded = { embedded: 0, failed: 0, interrupted: false };
  if (toEmbed.length > 0) {
    const encoder = await loadOnnxEncoder(options.model.dir, options.model.manifest.image, { repairCommand: options.model.repairCommand, ...(options.threads === undefined ? {} : { threads: options.threads }) });
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

  const stats = readIndexCounts(core);
  if (!stats.ok) return stats;

  return success({
    ...summaryBase,
    embedded: embedded.embedded,
    failed: embedded.failed,
    reused: plan.value.reused?.length ?? 0,
    removed: plan.value.removed?.length ?? 0,
    unchanged: plan.value.unchanged ?? 0,
    failedWaiting: plan.value.failedWaiting ?? 0,
    interrupted: embedded.interrupted || isAborted(options.signal),
    stats: stats.value,
  });
}

// A stop during the scan or hashing leaves the index as it was. The hashes
// are in the file cache, so the next run continues quickly.
function summarizeStopped(core: CoreHost, base: Omit<IndexRunSummary, "embedded" | "failed" | "reused" | "removed" | "unchanged" | "failedWaiting" | "interrupted" | "stats">): CliResult<IndexRunSummary> {
  const stats = readIndexCounts(core);
  if (!stats.ok) return stats;
  return success({ ...base, embedded: 0, failed: 0, reused: 0, removed: 0, unchanged: 0, failedWaiting: 0, interrupted: true, stats: stats.value });
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function listStoredAssets(core: CoreHost): CliResult<queryable.v1.IAssetInfo[]> {
  const listed = core.call({ getAssets: {} }, "assetList");
  if (!listed.ok) return listed;
  return success(listed.value.result.assets ?? []);
}

function toStoredAsset(asset: queryable.v1.IAssetInfo): StoredAsset {
  return { id: asset.entry?.id ?? "", fingerprint: asset.entry?.fingerprint ?? "", indexed: asset.indexed === true };
}

// A folder that could not be read (permissions, I/O error) lists no files,
// which is no reason to drop the photos indexed from it: their stored
// entries are sent again, so the sync keeps them as they are.
function keepUnreadableFolders(entries: queryable.v1.IManifestEntry[], stored: readonly queryable.v1.IAssetInfo[], scan: ScanResult, logger: Logger): void {
  if (scan.unreadable.length === 0) return;

  const listed = new Set(entries.map((entry) => entry.id ?? ""));
  for (const folder of scan.unreadable) {
    let kept = 0;
    for (const asset of stored) {
      const id = asset.entry?.id ?? "";
      if (asset.entry === null || asset.entry === undefined || listed.has(id) || !isUnder(id, folder.path)) continue;
      entries.push(asset.entry);
      listed.add(id);
      kept++;
    }
    if (kept > 0) logger.warn("keeping the indexed photos of a folder that cannot be read", { path: folder.path, photos: kept });
  }
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

