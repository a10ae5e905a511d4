// Remembers each file's SHA-256 and photo metadata with the size and mtime
// they were read for, so a run hashes and parses only new or changed files.
import { existsSync, readFileSync } from "node:fs";
import type { PhotoMetadata } from "../library/read-photo-metadata";
import type { Logger } from "../logger";
import { describeThrown } from "../errors";
import { writeFileAtomically } from "./atomic-write";

/** Cached digest and metadata of one file. */
export interface CachedFileInfo {
  /** Lower-case hex SHA-256 of the whole file. */
  readonly sha256: string;
  readonly metadata: PhotoMetadata;
}

interface CacheEntry extends CachedFileInfo {
  readonly size: number;
  readonly mtimeMs: number;
}

/** A path -> file info cache. Lookups miss when the file's size or mtime changed. */
export interface FileCache {
  /** The cached info of `path`, or undefined when absent or stale. */
  lookup(path: string, size: number, mtimeMs: number): CachedFileInfo | undefined;
  store(path: string, size: number, mtimeMs: number, info: CachedFileInfo): void;
  /** Drops entries of paths neither stored nor looked up since the cache was loaded. */
  pruneUnused(): void;
  /** Writes the cache atomically. Returns false (and logs the error) when writing failed. */
  save(): boolean;
}

const cacheVersion = 1;

/**
 * Loads the cache at `path`. A missing, unreadable or outdated file gives an
 * empty cache, because every entry can be computed again from the files.
 */
export function loadFileCache(path: string, logger: Logger): FileCache {
  const entries = readEntries(path, logger);
  const used = new Set<string>();

  return {
    lookup: (file, size, mtimeMs) => {
      used.add(file);
      const entry = entries.get(file);
      if (entry === undefined || entry.size !== size || entry.mtimeMs !== mtimeMs) return undefined;
      return { sha256: entry.sha256, metadata: entry.metadata };
    },
    store: (file, size, mtimeMs, info) => {
      used.add(file);
      entries.set(file, { size, mtimeMs, sha256: info.sha256, metadata: info.metadata });
    },
    pruneUnused: () => {
      for (const file of entries.keys()) {
        if (!used.has(file)) entries.delete(file);
      }
    },
    save: () => {
      try {
        writeFileAtomically(path, JSON.stringify({ version: cacheVersion, entries: Object.fromEntries(entries) }));
        return true;
      } catch (thrown) {
        logger.error("cannot write the file cache; the next run hashes files again", { path, error: describeThrown(thrown) });
        return false;
      }
    },
  };
}

function readEntries(path: string, logger: Logger): Map<string, CacheEntry> {
  if (!existsSync(path)) return new Map();

  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { version?: number; entries?: Record<string, unknown> };
    if (parsed.version !== cacheVersion || typeof parsed.entries !== "object" || parsed.entries === null) {
      logger.warn("ignoring a file cache of another version", { path });
      return new Map();
    }

    const valid = Object.entries(parsed.entries).filter((pair): pair is [string, CacheEntry] => isEntry(pair[1]));
    return new Map(valid);
  } catch (thrown) {
    logger.warn("ignoring an unreadable file cache", { path, error: describeThrown(thrown) });
    return new Map();
  }
}

function isEntry(value: unknown): value is CacheEntry {
  const entry = value as Partial<CacheEntry> | null;
  if (entry === null || typeof entry !== "object") return false;
  if (typeof entry.size !== "number" || typeof entry.mtimeMs !== "number") return false;
  if (typeof entry.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(entry.sha256)) return false;
  return typeof entry.metadata === "object" && entry.metadata !== null && typeof entry.metadata.createdMs === "number";
}
