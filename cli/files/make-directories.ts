import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * Creates the directory `path` and its missing parents, as
 * `mkdirSync(path, { recursive: true })` does. Succeeds when `path` is
 * already a directory, and throws what mkdirSync throws otherwise
 * (ENOENT, EACCES, ENOTDIR, EROFS).
 *
 * Written out because Node 20's recursive mkdir never returns for a path
 * under /proc (measured with Node v20.20.2 on Linux, sync and async forms).
 * The sync form blocks the thread, so even the SIGTERM handler never runs.
 * Creating one level at a time gets the kernel's error at once.
 */
export function makeDirectories(path: string): void {
  const missing: string[] = [];
  let current = resolve(path);
  while (statSync(current, { throwIfNoEntry: false }) === undefined) {
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }

  if (missing.length === 0) {
    // A file at `path` fails as mkdirSync fails, with EEXIST.
    if (!statSync(current).isDirectory()) mkdirSync(current);
    return;
  }

  for (const directory of missing.reverse()) {
    try {
      mkdirSync(directory);
    } catch (thrown) {
      // Another process may have created it since the check.
      if ((thrown as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(directory).isDirectory()) throw thrown;
    }
  }
}
