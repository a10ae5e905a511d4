// Expected failures are values: every core function that can fail on input
// returns a Result, and only the bridge turns a failure into an error
// response. Codes are the names of queryable.v1.Error.Code in bridge.proto.

/** Stable error codes shared with hosts through the schema. */
export type ErrorCode =
  | "EMPTY_FRAME"
  | "MALFORMED_FRAME"
  | "UNKNOWN_REQUEST"
  | "INDEX_NOT_OPEN"
  | "DIMENSION_MISMATCH"
  | "VECTOR_BLOCK_LENGTH"
  | "NON_FINITE_VECTOR"
  | "ZERO_VECTOR"
  | "DUPLICATE_ID"
  | "EMPTY_ID"
  | "ID_TOO_LONG"
  | "UNKNOWN_ASSET"
  | "UNKNOWN_POLICY"
  | "INVALID_PARAMETER"
  | "SNAPSHOT_MISMATCH"
  | "CORRUPT_SNAPSHOT"
  | "UNSUPPORTED_FORMAT"
  | "INVALID_VOCABULARY"
  | "VOCABULARY_NOT_LOADED"
  | "INVALID_IMAGE"
  | "SYNC_OUT_OF_ORDER"
  | "INTERNAL";

/** A failure with a stable code and a message that names the bad value and the fix. */
export interface CoreError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CoreError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
