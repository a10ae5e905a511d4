import { statSync } from "node:fs";

/** True when `path` exists and is a folder, following links; false when it is missing, a file, or stat fails on it. */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
