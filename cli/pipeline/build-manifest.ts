// Turns scanned files into core's manifest entries: identity, dates,
// location, screenshot flag and a whole-file fingerprint.
import { pb, type queryable } from "../../bridge/codec";
import type { FileCache } from "../index-store/file-cache";
import { readAndHashFile } from "../library/hash-file";
import { readPhotoMetadata } from "../library/read-photo-metadata";
import type { ScannedFile } from "../library/scan-folders";
import type { Logger } from "../logger";
import { describeThrown } from "../errors";
import type { ProgressReporter } from "../progress/progress-reporter";

/** Files hashed at once; hashing is I/O bound, so a few overlap well. */
const hashConcurrency = 4;

/**
 * Builds one manifest entry per file, in the order given. Digests and
 * metadata come from `cache` when the file's size and mtime match, else the
 * file is read and the cache updated. A file that cannot be read to its end
 * gets an empty fingerprint, so core never reuses a vector on its account.
 */
export async function buildManifest(files: readonly ScannedFile[], cache: FileCache, logger: Logger, progress: ProgressReporter): Promise<queryable.v1.IManifestEntry[]> {
  const entries: queryable.v1.IManifestEntry[] = new Array(files.length);
  let next = 0;

  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      entries[index] = await entryFor(files[index]!, cache, logger);
      progress.advance(1);
    }
  };

  progress.start("Reading files", files.length);
  await Promise.all(Array.from({ length: hashConcurrency }, worker));
  progress.stop();
  return entries;
}

async function entryFor(file: ScannedFile, cache: FileCache, logger: Logger): Promise<queryable.v1.IManifestEntry> {
  let info = cache.lookup(file.path, file.size, file.mtimeMs);

  if (info === undefined) {
    // One read gives the digest and the bytes the metadata is parsed from.
    let hashed;
    try {
      hashed = await readAndHashFile(file.path);
    } catch (thrown) {
      logger.warn("cannot hash a file; it gets no fingerprint", { path: file.path, error: describeThrown(thrown) });
      return toEntry(file, "", await readPhotoMetadata(file.path, new Uint8Array(0), file.mtimeMs, logger));
    }
    info = { sha256: hashed.sha256, metadata: await readPhotoMetadata(file.path, hashed.head, file.mtimeMs, logger) };
    cache.store(file.path, file.size, file.mtimeMs, info);
  }

  return toEntry(file, info.sha256, info.metadata);
}

function toEntry(file: ScannedFile, fingerprint: string, metadata: { createdMs: number; location?: { latitude: number; longitude: number }; screenshot: boolean }): queryable.v1.IManifestEntry {
  return {
    id: file.path,
    createdMs: metadata.createdMs,
    modifiedMs: file.mtimeMs,
    mediaType: pb.MediaType.MEDIA_TYPE_IMAGE,
    subtypes: metadata.screenshot ? [pb.MediaSubtype.MEDIA_SUBTYPE_SCREENSHOT] : [],
    location: metadata.location ?? null,
    // The "sha256:" prefix keeps fingerprints of other digests from ever comparing equal.
    fingerprint: fingerprint === "" ? "" : `sha256:${fingerprint}`,
  };
}
