// Downloads every file of one catalogue model variant into a model directory
// and writes the directory's manifest.json last, so a directory with a
// manifest always has every file it lists, verified.
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  directoryManifest,
  filesOfVariant,
  modelCatalogue,
  type CatalogueEntry,
  type ModelVariant,
  type PublishedFile,
} from "../../models/model-catalogue";
import { ownerConflict } from "../../models/model-directory-owner";
import type { ModelFile, ModelManifest } from "../../models/model-manifest";
import { downloadFile } from "./download-file";
import { resolveModelDir } from "./model-directory";
import { failWith, succeed, type ModelsResult } from "./models-error";
import { silentLogger, type ModelsLogger } from "./models-logger";
import { sha256File } from "./sha256-file";
import { writeFileAtomic } from "./_internal/write-file-atomic";

/** Environment variable with the download base URL when --base-url is absent. */
export const baseUrlEnvVar = "QUERYABLE_MODEL_BASE_URL";

/** Receives download progress of one file at a time. */
export interface FetchProgress {
  start(fileName: string, totalBytes: number | null): void;
  update(receivedBytes: number): void;
  stop(): void;
}

export interface FetchModelOptions {
  /** Catalogue name, e.g. "clip-vit-b32". */
  readonly model: string;
  readonly variant: ModelVariant;
  /** Base URL that file paths are relative to; else QUERYABLE_MODEL_BASE_URL, else the catalogue's. */
  readonly baseUrl?: string;
  /** Target directory; else QUERYABLE_MODEL_DIR, else the per-user cache folder. */
  readonly dest?: string;
  /** Download files the catalogue has no digest for, and report their computed digests. */
  readonly trustUnverified?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly logger?: ModelsLogger;
  readonly progress?: FetchProgress;
  /** Passed to downloadFile; tests shorten the back-off. */
  readonly retryDelayMs?: number;
  readonly maxRetries?: number;
  /** Catalogue to look the model up in; tests pass their own. */
  readonly catalogue?: readonly CatalogueEntry[];
}

/** One file of a fetched model directory. */
export interface FetchedFile extends ModelFile {
  /** False when the catalogue had no digest and the file was accepted with --trust-unverified. */
  readonly verified: boolean;
  /** True when a verified copy was already present and nothing was downloaded. */
  readonly alreadyPresent: boolean;
}

export interface FetchedModel {
  readonly dir: string;
  readonly manifest: ModelManifest;
  readonly files: readonly FetchedFile[];
}

/**
 * Fetches every file of `options.model` in `options.variant`, verifying each
 * SHA-256, then writes manifest.json. Files already present with the right
 * digest are kept. Returns INVALID_OPTION for an unknown model or bad base URL,
 * UNVERIFIED_FILE before any download when a digest is unknown and
 * --trust-unverified is absent, and the first download failure otherwise.
 */
export async function fetchModel(options: FetchModelOptions): Promise<ModelsResult<FetchedModel>> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? silentLogger;
  const catalogue = options.catalogue ?? modelCatalogue;

  const entry = catalogue.find((candidate) => candidate.id === options.model);
  if (entry === undefined) {
    const known = catalogue.map((candidate) => candidate.id).join(", ");
    return failWith("INVALID_OPTION", `unknown model "${options.model}"; use --model with one of: ${known}`);
  }

  const baseUrl = chooseBaseUrl(options.baseUrl, env, entry);
  if (!baseUrl.ok) return baseUrl;

  const modelId = entry.variants[options.variant].modelId;
  const { dir } = resolveModelDir(options.dest, modelId, env);
  const files = filesOfVariant(entry, options.variant);

  const conflict = ownerConflict(dir, modelId);
  if (conflict !== null) {
    return failWith("DESTINATION_IN_USE", `${conflict}; fetch into another folder with --dest PATH, or delete that folder first`);
  }

  const unverified = files.filter((file) => file.sha256 === null);
  if (unverified.length > 0 && options.trustUnverified !== true) {
    const names = unverified.map((file) => file.name).join(", ");
    const message = `no published SHA-256 is known for ${names}, so the download cannot be verified; ` +
      "pass --trust-unverified to download anyway and print the computed digests";
    return failWith("UNVERIFIED_FILE", message);
  }

  logger.info("model fetch started", { model: entry.id, variant: options.variant, dir, baseUrl: baseUrl.value });
  const fetched: FetchedFile[] = [];
  for (const file of files) {
    const result = await fetchOne(file, dir, baseUrl.value, options, logger);
    if (!result.ok) return result;
    fetched.push(result.value);
  }

  const manifest = directoryManifest(entry, options.variant, fetched.map(({ name, url, sha256, size }) => ({ name, url, sha256, size })));
  const written = await writeFileAtomic(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  if (!written.ok) return written;

  logger.info("model fetch finished", { model: entry.id, variant: options.variant, dir });
  return succeed({ dir, manifest, files: fetched });
}

function chooseBaseUrl(option: string | undefined, env: NodeJS.ProcessEnv, entry: CatalogueEntry): ModelsResult<string> {
  const fromEnv = env[baseUrlEnvVar];
  const chosen = option ?? (fromEnv !== undefined && fromEnv !== "" ? fromEnv : entry.source.baseUrl);

  let parsed: URL;
  try {
    parsed = new URL(chosen);
  } catch {
    return failWith("INVALID_OPTION", `base URL "${chosen}" is not a valid URL; pass --base-url http(s)://host/path`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return failWith("INVALID_OPTION", `base URL "${chosen}" uses ${parsed.protocol}; only http: and https: are supported`);
  }
  return succeed(chosen.replace(/\/+$/, ""));
}

async function fetchOne(
  file: PublishedFile,
  dir: string,
  baseUrl: string,
  options: FetchModelOptions,
  logger: ModelsLogger,
): Promise<ModelsResult<FetchedFile>> {
  const destination = join(dir, file.name);
  const verified = file.sha256 !== null;

  const present = await presentCopy(destination, file, logger);
  if (present !== null) {
    logger.info("model file already present and verified", { file: file.name, dir });
    return succeed({ name: file.name, url: file.url, ...present, verified, alreadyPresent: true });
  }

  options.progress?.start(file.name, file.size);
  const result = await downloadFile({
    url: `${baseUrl}/${file.url}`,
    destination,
    expectedSha256: file.sha256,
    expectedSize: file.size,
    logger,
    onProgress: (received) => options.progress?.update(received),
    ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  options.progress?.stop();
  if (!result.ok) return result;

  if (!verified) {
    logger.warn("accepted a file without a published digest", { file: file.name, sha256: result.value.sha256 });
  }
  return succeed({
    name: file.name,
    url: file.url,
    sha256: result.value.sha256,
    size: result.value.size,
    verified,
    alreadyPresent: false,
  });
}

// Returns the digest of a present file that matches the catalogue, or null.
// A file that does not match stays until a verified download replaces it.
async function presentCopy(
  destination: string,
  file: PublishedFile,
  logger: ModelsLogger,
): Promise<{ sha256: string; size: number } | null> {
  if (file.sha256 === null || !existsSync(destination)) return null;

  const actual = await sha256File(destination);
  if (actual.sha256 === file.sha256 && (file.size === null || actual.size === file.size)) return actual;

  logger.warn("present model file has the wrong digest; downloading it again", {
    file: destination,
    expected: file.sha256,
    actual: actual.sha256,
  });
  return null;
}
