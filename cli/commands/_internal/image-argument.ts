// Checks the IMAGE argument of `similar` and `debug preprocess` before any
// work, so a typo is reported as a usage error naming the path instead of
// a decoding failure.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { describeThrown, failure, success, type CliResult } from "../../errors";

/**
 * Returns the absolute path of `image` when it names an existing file.
 * Fails with USAGE when it is empty, missing, or a folder or other
 * non-file, and with FILE_NOT_FOUND when it cannot be looked at
 * (permissions of a parent folder, I/O errors).
 */
export function checkImageArgument(image: string): CliResult<string> {
  if (image.trim() === "") return failure("USAGE", "the IMAGE argument is empty; give the path of a photo file, e.g. ~/Pictures/beach.jpg");

  const path = resolve(image);
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (thrown) {
    const code = (thrown as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return failure("USAGE", `IMAGE ${path} does not exist; check the path, or give the path of another photo file`);
    return failure("FILE_NOT_FOUND", `IMAGE ${path} cannot be read: ${describeThrown(thrown)}`);
  }
  if (!isFile) return failure("USAGE", `IMAGE ${path} is a folder or a special file, not a photo; give the path of a photo file`);
  return success(path);
}
