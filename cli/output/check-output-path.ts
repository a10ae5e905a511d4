// Keeps an output option (--html, --npy) from overwriting a file that is
// not an earlier output of the same kind, such as a photo of the library.
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { failure, success, type CliResult } from "../errors";

/** How to recognise an earlier output of one kind from the first bytes of a file. */
export interface OutputKind {
  /** The option that names the file, e.g. "--html", for messages. */
  readonly option: string;
  /** What an earlier output is, e.g. "an HTML page that queryable wrote", for messages. */
  readonly description: string;
  /** Bytes read from the start of an existing file before `isEarlierOutput` is asked. */
  readonly headerBytes: number;
  /** True when `header` (up to `headerBytes` bytes) starts a file of this kind. */
  isEarlierOutput(header: Uint8Array): boolean;
}

/**
 * Checks that writing `path` loses nothing: it does not exist, or it is an
 * earlier output of `kind`, or `force` is set. Fails with OUTPUT_FAILED
 * naming the file and the fix otherwise, and for a folder in any case.
 */
export function checkOutputPath(path: string, kind: OutputKind, force: boolean): CliResult<void> {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    // A missing file is the normal case, and any other problem shows up when writing.
    return success(undefined);
  }

  if (!isFile) return failure("OUTPUT_FAILED", `${kind.option} ${path} is a folder or a special file, not a file to write; choose a file path`);
  if (force) return success(undefined);

  const header = readHeader(path, kind.headerBytes);
  if (header !== undefined && kind.isEarlierOutput(header)) return success(undefined);
  return failure("OUTPUT_FAILED", `${kind.option} ${path} already exists and is not ${kind.description}, so it was left unchanged; choose another path, or pass --force to overwrite it`);
}

function readHeader(path: string, length: number): Uint8Array | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, "r");
    const buffer = new Uint8Array(length);
    const read = readSync(descriptor, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
