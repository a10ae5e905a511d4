// Expected failures of the CLI are values with a stable code, returned in a
// CliResult. A command action turns a failed result into a thrown
// CliFailure, and only the entry (cli/run-cli.ts) prints it and sets the exit code.
import type { ErrorCode } from "../core/errors";

/** Stable codes of the CLI's own failures. Scripts may match on them. */
export type CliErrorCode =
  /** A command line option or argument is invalid. Exit code 2. */
  | "USAGE"
  /** The model files are missing or do not match the manifest. */
  | "MODEL_MISSING"
  /** `models fetch` failed: download, checksum or write. */
  | "MODEL_FETCH_FAILED"
  /** The ONNX model failed to load or to run. */
  | "ENCODER_FAILED"
  /** dist/queryable-core.js is missing or failed to load. */
  | "CORE_LOAD_FAILED"
  /** Core returned an error response; `coreCode` contains its code. */
  | "CORE_REJECTED"
  /** Another process holds the index lock. */
  | "INDEX_LOCKED"
  /** Reading or writing a file of the index directory failed. */
  | "INDEX_IO"
  /** The index has no folders yet and none were given. */
  | "NO_FOLDERS"
  /** The run would remove many indexed photos; --allow-removal confirms it. */
  | "REMOVAL_NOT_CONFIRMED"
  /** An input file or folder does not exist or cannot be read. */
  | "FILE_NOT_FOUND"
  /** An image could not be decoded. */
  | "DECODE_FAILED"
  /** Writing an output file (HTML page, .npy) failed. */
  | "OUTPUT_FAILED";

/** One failure: a stable code, a message that names the value and the fix, and the exit code. */
export interface CliError {
  readonly code: CliErrorCode;
  readonly message: string;
  /** The core error code when `code` is "CORE_REJECTED". */
  readonly coreCode?: ErrorCode;
}

export type CliResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CliError };

export function success<T>(value: T): CliResult<T> {
  return { ok: true, value };
}

export function failure<T = never>(code: CliErrorCode, message: string, coreCode?: ErrorCode): CliResult<T> {
  return { ok: false, error: coreCode === undefined ? { code, message } : { code, message, coreCode } };
}

/** Returns the process exit code for an error: 2 for usage errors, 1 for runtime failures. */
export function exitCodeFor(error: CliError): 1 | 2 {
  return error.code === "USAGE" ? 2 : 1;
}

/** Carries a CliError from a command action up to the entry, the one place that prints it. */
export class CliFailure extends Error {
  readonly error: CliError;

  constructor(error: CliError) {
    super(error.message);
    this.name = "CliFailure";
    this.error = error;
  }
}

/** Returns the value of a successful result, or throws a CliFailure for the entry to report. */
export function unwrap<T>(result: CliResult<T>): T {
  if (!result.ok) throw new CliFailure(result.error);
  return result.value;
}

/** Returns the message of an unknown thrown value, for wrapping library errors into a CliError. */
export function describeThrown(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
