// Applies the folder and exclusion changes of one `queryable index` command
// line to the stored library config, checking every value first.
import { realpathSync, statSync } from "node:fs";
import { resolve, sep } from "node:path";
import { describeThrown, failure, success, type CliResult } from "../errors";
import { globProblem, type LibraryConfig } from "./library-config";

/** Changes requested on one command line. Folders may be relative to the working directory. */
export interface LibraryChanges {
  readonly addFolders: readonly string[];
  readonly removeFolders: readonly string[];
  readonly addExclude: readonly string[];
  readonly removeExclude: readonly string[];
}

/** The config after the changes, and what the changes did beyond the plain edit. */
export interface UpdatedLibrary {
  readonly config: LibraryConfig;
  /** Stored folders that --remove-folder removed; their photos leave the index on purpose. */
  readonly removedFolders: readonly string[];
  /** One sentence per folder that was given but is already covered, or that replaced stored folders inside it. */
  readonly notes: readonly string[];
}

/** An empty change list, for a plain update of the stored folders. */
export const noLibraryChanges: LibraryChanges = { addFolders: [], removeFolders: [], addExclude: [], removeExclude: [] };

/**
 * Applies `changes` to `stored`. A new folder is resolved against `cwd` and
 * replaced by its real path. A folder equal to or inside another folder of
 * the result is dropped, because the scan of the outer folder already lists
 * its files. Stored folders keep their spelling, because asset ids are paths
 * under them. Fails with USAGE, naming the value, when a new folder is
 * missing or not a folder, a glob is invalid, a removed folder or glob is
 * not stored, or one glob is both added and removed. Nothing is written.
 */
export function updateLibraryConfig(stored: LibraryConfig, changes: LibraryChanges, cwd: string = process.cwd()): CliResult<UpdatedLibrary> {
  const removed = matchRemovedFolders(stored.folders, changes.removeFolders, cwd);
  if (!removed.ok) return removed;

  const added: string[] = [];
  for (const folder of changes.addFolders) {
    const real = realFolder(folder, cwd);
    if (!real.ok) return real;
    added.push(real.value);
  }

  const exclude = updateExclusions(stored.exclude, changes);
  if (!exclude.ok) return exclude;

  const kept = stored.folders.filter((folder) => !removed.value.includes(folder));
  const notes: string[] = [];
  const folders = [...kept];
  for (const folder of added) {
    const outer = folders.find((existing) => existing === folder || isInside(folder, existing));
    if (outer !== undefined) {
      if (outer !== folder) notes.push(`${folder} is inside ${outer}, which is indexed already; it is not added again`);
      continue;
    }

    const inner = folders.filter((existing) => isInside(existing, folder));
    for (const existing of inner) {
      notes.push(`${existing} is inside ${folder}; the index now lists only ${folder}`);
      folders.splice(folders.indexOf(existing), 1);
    }
    folders.push(folder);
  }

  return success({ config: { folders, exclude: exclude.value }, removedFolders: removed.value, notes });
}

/** True when `path` is strictly inside `folder`. Both are absolute and normalised. */
export function isInside(path: string, folder: string): boolean {
  const prefix = folder.endsWith(sep) ? folder : `${folder}${sep}`;
  return path !== folder && path.startsWith(prefix);
}

function realFolder(folder: string, cwd: string): CliResult<string> {
  if (folder.trim() === "") return failure("USAGE", "a folder argument is empty; name the photo folder to index, e.g. queryable index ~/Pictures");

  const absolute = resolve(cwd, folder);
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch (thrown) {
    return failure("USAGE", `the folder ${absolute} cannot be indexed: ${describeThrown(thrown)}; check the path, or mount the drive it is on`);
  }
  if (!statSync(real).isDirectory()) {
    return failure("USAGE", `${absolute} is a file, not a folder; pass the folder that contains the photos`);
  }
  return success(real);
}

// A folder to remove may be gone already (a drive that is not coming back),
// so it matches a stored folder by its resolved path as well as its real path.
function matchRemovedFolders(stored: readonly string[], toRemove: readonly string[], cwd: string): CliResult<string[]> {
  const removed: string[] = [];
  for (const folder of toRemove) {
    const absolute = resolve(cwd, folder);
    let real = absolute;
    try {
      real = realpathSync(absolute);
    } catch {
      // Missing: only the resolved path can match.
    }

    const match = stored.find((candidate) => candidate === absolute || candidate === real);
    if (match === undefined) {
      const listed = stored.length === 0 ? "the index has no folders yet" : `the stored folders are ${stored.join(", ")}`;
      return failure("USAGE", `--remove-folder ${folder}: ${absolute} is not a folder of this index (${listed}); pass one of them exactly`);
    }
    if (!removed.includes(match)) removed.push(match);
  }
  return success(removed);
}

function updateExclusions(stored: readonly string[], changes: LibraryChanges): CliResult<string[]> {
  for (const glob of changes.addExclude) {
    const problem = globProblem(glob);
    if (problem !== undefined) {
      return failure("USAGE", `--exclude ${JSON.stringify(glob)} ${problem}; give a glob such as "*.gif" or "thumbnails/**"`);
    }
    if (changes.removeExclude.includes(glob)) {
      return failure("USAGE", `the glob ${JSON.stringify(glob)} is given to both --exclude and --remove-exclude; give it to one of them`);
    }
  }

  for (const glob of changes.removeExclude) {
    if (!stored.includes(glob)) {
      const listed = stored.length === 0 ? "the index has no exclusions" : `the stored exclusions are ${stored.map((item) => JSON.stringify(item)).join(", ")}`;
      return failure("USAGE", `--remove-exclude ${JSON.stringify(glob)} is not an exclusion of this index (${listed}); pass one of them exactly`);
    }
  }

  const exclude = stored.filter((glob) => !changes.removeExclude.includes(glob));
  for (const glob of changes.addExclude) {
    if (!exclude.includes(glob)) exclude.push(glob);
  }
  return success(exclude);
}
