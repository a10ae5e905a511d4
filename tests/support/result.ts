// Unwraps result values in tests, so a failed expectation names what came
// back instead of comparing `false` with the expected value.

type AnyResult<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** Returns the value of a successful result, and throws with the error when it failed. */
export function valueOf<T, E>(result: AnyResult<T, E>): T {
  if (!result.ok) throw new Error(`expected success, got failure: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Returns the error of a failed result, and throws with the value when it succeeded. */
export function errorOf<T, E>(result: AnyResult<T, E>): E {
  if (result.ok) throw new Error(`expected failure, got success: ${JSON.stringify(result.value)}`);
  return result.error;
}
