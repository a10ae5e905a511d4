// Expected failures of model lookup and download, as values with stable codes.
// Only the CLI entry prints them and turns them into an exit code.

/** Stable codes of model lookup and download failures. */
export type ModelsErrorCode =
  /** `--model`, `--variant`, `--base-url` or `--dest` is invalid: a usage error. */
  | "INVALID_OPTION"
  /** The model directory has no manifest.json, or files the manifest lists are absent or truncated. */
  | "MODEL_FILES_MISSING"
  /** manifest.json exists but is not a valid model manifest. */
  | "INVALID_MANIFEST"
  /** No tokenizer vocabulary was found, or QUERYABLE_CLIP_VOCAB names a missing file. */
  | "VOCABULARY_NOT_FOUND"
  /** The server returned an HTTP status that retrying cannot fix, such as 404. */
  | "HTTP_ERROR"
  /** The connection failed or dropped on every allowed attempt. */
  | "DOWNLOAD_FAILED"
  /** A downloaded file has another SHA-256 or size than the catalogue states. */
  | "CHECKSUM_MISMATCH"
  /** The catalogue has no digest for a file and --trust-unverified was not given. */
  | "UNVERIFIED_FILE"
  /** Writing into the model directory failed. */
  | "WRITE_FAILED"
  /** The destination directory contains another model, whose files a fetch would replace. */
  | "DESTINATION_IN_USE";

/** A failure with a stable code and a message that names the value and the fix. */
export interface ModelsError {
  readonly code: ModelsErrorCode;
  readonly message: string;
}

export type ModelsResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ModelsError };

export function succeed<T>(value: T): ModelsResult<T> {
  return { ok: true, value };
}

export function failWith<T = never>(code: ModelsErrorCode, message: string): ModelsResult<T> {
  return { ok: false, error: { code, message } };
}

/** Returns true for the codes that mean the command line was wrong (exit code 2), not the run. */
export function isUsageError(error: ModelsError): boolean {
  return error.code === "INVALID_OPTION";
}
