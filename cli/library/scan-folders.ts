// Lists the image files under the library folders: recursive, following
// symbolic links without ever looping, and skipping hidden files, macOS
// AppleDouble files ("._name") and user-excluded paths.
import { opendir, realpath, stat } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import picomatch from "picomatch";
import type { Logger } from "../logger";
import { describeThrown } from "../errors";

/** One image file found by the scan. */
export interface ScannedFile {
  /** Absolute path as reached from the library folder; this is the asset id. */
  readonly path: string;
  readonly size: number;
  /** Modification time in milliseconds since the Unix epoch. */
  readonly mtimeMs: number;
}

/** Files and unreadable folders found by a scan. */
export interface ScanResult {
  /** Files sorted by path. */
  readonly files: readonly ScannedFile[];
  /** Folders that could not be read; their files are missing from `files`. */
  readonly unreadable: readonly { readonly path: string; readonly reason: string }[];
}

/**
 * File name extensions (lower case) the scan lists. SVG is left out on
 * purpose: it is a drawing rather than a photo, and rendering it can load
 * other files that it references.
 */
export const imageExtensions: ReadonlySet<string> = new Set([
  ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".webp", ".avif", ".gif", ".tif", ".tiff", ".heic", ".heif",
]);

/**
 * Scans `folders` (absolute paths that must exist; check them first).
 * `exclude` contains picomatch globs matched against each path relative to its
 * library folder; a pattern without a slash matches a file or folder name at
 * any depth, e.g. "*.gif" or "thumbnails".
 */
export async function scanFolders(folders: readonly string[], exclude: readonly string[], logger: Logger): Promise<ScanResult> {
  const isExcluded = exclude.length === 0 ? () => false : picomatch([...exclude], { dot: true, basename: true });
  const state: ScanState = { files: new Map(), seenDirectories: new Map(), seenFiles: new Map(), unreadable: [], isExcluded, logger };

  for (const folder of folders) {
    const root: LibraryRoot = { path: folder, realPath: await realpath(folder).catch(() => folder) };
    await scanDirectory(root, folder, state);
  }

  const files = [...state.files.values()].sort((a, b) => comparePaths(a.path, b.path));
  return { files, unreadable: state.unreadable };
}

/** A library folder as given, and its real path. */
interface LibraryRoot {
  readonly path: string;
  readonly realPath: string;
}

interface ScanState {
  readonly files: Map<string, ScannedFile>;
  /**
   * Real paths of the directories entered, each mapped to whether it was
   * reached by its own name, so a symlink cycle is entered at most twice.
   */
  readonly seenDirectories: Map<string, boolean>;
  /**
   * Path listed for each device and inode, so a file reached twice (link,
   * bind mount) is listed once.
   */
  readonly seenFiles: Map<string, { readonly path: string; readonly root: LibraryRoot }>;
  readonly unreadable: { path: string; reason: string }[];
  readonly isExcluded: (relativePath: string) => boolean;
  readonly logger: Logger;
}

async function scanDirectory(root: LibraryRoot, directory: string, state: ScanState): Promise<void> {
  let real: string;
  try {
    real = await realpath(directory);
  } catch (thrown) {
    recordUnreadable(directory, thrown, state);
    return;
  }

  // A folder first reached through a link is listed again by its own name, so
  // its files keep their own paths. Each folder is listed at most twice, so link cycles end.
  const ownName = real === ownPath(root, directory);
  const seenByOwnName = state.seenDirectories.get(real);
  if (seenByOwnName === true || (seenByOwnName === false && !ownName)) {
    state.logger.debug("skipping a folder reached twice", { path: directory, realPath: real });
    return;
  }
  state.seenDirectories.set(real, ownName);

  let entries: string[];
  try {
    entries = await listNames(directory);
  } catch (thrown) {
    recordUnreadable(directory, thrown, state);
    return;
  }

  for (const name of entries.sort()) {
    // Hidden files include macOS "._name" AppleDouble files and ".DS_Store".
    if (name.startsWith(".")) continue;

    // Node lists a name that is not valid UTF-8 with U+FFFD in place of the
    // bad bytes, so the file cannot be opened by that name.
    if (name.includes("\uFFFD")) {
      state.logger.warn("skipping a file whose name is not valid UTF-8; rename it to index it", { folder: directory, name });
      continue;
    }

    const path = join(directory, name);
    const relativePath = relative(root.path, path).split(sep).join("/");
    if (state.isExcluded(relativePath)) continue;

    await scanEntry(root, path, state);
  }
}

async function scanEntry(root: LibraryRoot, path: string, state: ScanState): Promise<void> {
  let info;
  try {
    // stat follows symbolic links, so a link counts as what it points to.
    info = await stat(path);
  } catch (thrown) {
    state.logger.warn("skipping an entry that cannot be read", { path, error: describeThrown(thrown) });
    return;
  }

  if (info.isDirectory()) {
    await scanDirectory(root, path, state);
    return;
  }
  if (!info.isFile() || !imageExtensions.has(extname(path).toLowerCase())) return;

  const identity = `${info.dev}:${info.ino}`;
  const listed = state.seenFiles.get(identity);
  if (listed !== undefined) {
    // The asset id must not depend on which name the walk met first, so the
    // file's own path wins over a path through a symbolic link to the file
    // or to a folder above it. Between two own names (hard links), the first
    // in sorted order stays.
    if ((await isOwnName(listed.root, listed.path)) || !(await isOwnName(root, path))) return;
    state.files.delete(listed.path);
  }
  state.seenFiles.set(identity, { path, root });

  state.files.set(path, { path, size: info.size, mtimeMs: Math.floor(info.mtimeMs) });
}

/**
 * Returns `path` with its library folder replaced by that folder's real
 * path. It equals the real path of `path` when no symbolic link lies
 * between the library folder and the file.
 */
function ownPath(root: LibraryRoot, path: string): string {
  return join(root.realPath, relative(root.path, path));
}

/** Checks that `path` names its file without a symbolic link below the library folder. */
async function isOwnName(root: LibraryRoot, path: string): Promise<boolean> {
  try {
    return (await realpath(path)) === ownPath(root, path);
  } catch {
    return false;
  }
}

function comparePaths(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

async function listNames(directory: string): Promise<string[]> {
  const names: string[] = [];
  const handle = await opendir(directory);
  for await (const entry of handle) names.push(entry.name);
  return names;
}

function recordUnreadable(path: string, thrown: unknown, state: ScanState): void {
  const reason = describeThrown(thrown);
  state.unreadable.push({ path, reason });
  state.logger.warn("cannot read a folder; its files are left out of this scan", { path, error: reason });
}
