// The folders an index covers, stored beside it so that `queryable index`
// without arguments updates the same library.
import { existsSync, readFileSync } from "node:fs";
import { describeThrown, failure, success, type CliResult } from "../errors";
import { writeFileAtomically } from "./atomic-write";

/** Folders and exclusion globs that `queryable index` scans. */
export interface LibraryConfig {
  /** Absolute folder paths. */
  readonly folders: readonly string[];
  /** Glob patterns of files and folders to skip, matched against paths relative to each folder. */
  readonly exclude: readonly string[];
}

/** Reads the stored library config, or an empty one when the index has none yet. */
export function readLibraryConfig(path: string): CliResult<LibraryConfig> {
  if (!existsSync(path)) return success({ folders: [], exclude: [] });

  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (thrown) {
    return failure("INDEX_IO", `cannot read the library folders from ${path}: ${describeThrown(thrown)}; run "queryable index DIR..." to write it again`);
  }

  const config = parsed as Partial<LibraryConfig>;
  if (!isStringArray(config.folders) || !isStringArray(config.exclude)) {
    return failure("INDEX_IO", `${path} does not list "folders" and "exclude" as string arrays; run "queryable index DIR..." to write it again`);
  }
  return success({ folders: config.folders, exclude: config.exclude });
}

/** Stores the library config atomically. */
export function writeLibraryConfig(path: string, config: LibraryConfig): CliResult<void> {
  try {
    writeFileAtomically(path, `${JSON.stringify(config, null, 2)}\n`);
    return success(undefined);
  } catch (thrown) {
    return failure("INDEX_IO", `cannot write the library folders to ${path}: ${describeThrown(thrown)}`);
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
