// The folders an index covers, stored beside it so that `queryable index`
// without arguments updates the same library.
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute } from "node:path";
import picomatch from "picomatch";
import { describeThrown, failure, success, type CliResult } from "../errors";
import { writeFileAtomically } from "./atomic-write";

/** Folders and exclusion globs that `queryable index` scans. */
export interface LibraryConfig {
  /** Absolute folder paths. */
  readonly folders: readonly string[];
  /** Glob patterns of files and folders to skip, matched against paths relative to each folder. */
  readonly exclude: readonly string[];
}

/**
 * Checks one exclusion glob: it must be a non-blank string that picomatch
 * compiles. Returns the reason it is invalid, or undefined when it is valid.
 */
export function globProblem(glob: unknown): string | undefined {
  if (typeof glob !== "string") return `is a ${typeof glob}, not a string`;
  if (glob.trim() === "") return "is empty";
  try {
    picomatch(glob, { dot: true, basename: true });
    return undefined;
  } catch (thrown) {
    return `is not a valid glob (${describeThrown(thrown)})`;
  }
}

/**
 * Reads the stored library config, or an empty one when the index has none
 * yet. Fails with INDEX_IO when the file is unreadable, is not JSON, or
 * contains a folder that is not an absolute path or an invalid glob; the
 * message names the file, the value and how to repair it.
 */
export function readLibraryConfig(path: string): CliResult<LibraryConfig> {
  if (!existsSync(path)) return success({ folders: [], exclude: [] });

  const repair = `edit ${path} to fix or remove that value, or delete the file and run "queryable index DIR..." with every folder to index (the stored vectors are kept)`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (thrown) {
    return failure("INDEX_IO", `cannot read the library folders from ${path}: ${describeThrown(thrown)}; delete the file and run "queryable index DIR..." with every folder to index (the stored vectors are kept)`);
  }

  const config = (typeof parsed === "object" && parsed !== null ? parsed : {}) as { folders?: unknown; exclude?: unknown };
  if (!Array.isArray(config.folders) || !Array.isArray(config.exclude)) {
    return failure("INDEX_IO", `${path} does not list "folders" and "exclude" as arrays; ${repair}`);
  }

  for (const folder of config.folders as unknown[]) {
    if (typeof folder !== "string" || !isAbsolute(folder)) {
      return failure("INDEX_IO", `${path} lists the folder ${JSON.stringify(folder)}, which is not an absolute path; ${repair}`);
    }
  }
  for (const glob of config.exclude as unknown[]) {
    const problem = globProblem(glob);
    if (problem !== undefined) {
      return failure("INDEX_IO", `${path} lists the exclusion glob ${JSON.stringify(glob)}, which ${problem}; ${repair}`);
    }
  }
  return success({ folders: config.folders as string[], exclude: config.exclude as string[] });
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
