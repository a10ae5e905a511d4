// Property laws shared by many specs. Each law runs fast-check on an
// arbitrary input and fails with the counterexample and its seed.
import fc from "fast-check";
import { expect } from "vitest";

/** Runs per law when a spec passes no count. QUERYABLE_PROPERTY_RUNS overrides it. */
export const DEFAULT_RUNS = Number(process.env.QUERYABLE_PROPERTY_RUNS ?? 100);

/** Law: `view(decode(encode(x)))` equals `view(x)`. */
export function assertRoundTrip<T, E, V>(
  arbitrary: fc.Arbitrary<T>,
  encode: (value: T) => E,
  decode: (encoded: E, original: T) => T,
  view: (value: T) => V,
  runs = DEFAULT_RUNS,
): void {
  fc.assert(
    fc.property(arbitrary, (value) => {
      expect(view(decode(encode(value), value))).toEqual(view(value));
    }),
    { numRuns: runs },
  );
}

/**
 * Law: once `step` has run on a state built by `setup`, running it again
 * gives the same view, e.g. a second sync plan without changes.
 */
export function assertIdempotent<T, S, V>(arbitrary: fc.Arbitrary<T>, setup: (value: T) => S, step: (state: S) => V, runs = DEFAULT_RUNS): void {
  fc.assert(
    fc.property(arbitrary, (value) => {
      const state = setup(value);
      const once = step(state);
      const twice = step(state);
      expect(twice).toEqual(once);
    }),
    { numRuns: runs },
  );
}

/** Law: `run` gives equal results for equal inputs, e.g. built twice from one seed. */
export function assertDeterministic<T, R>(arbitrary: fc.Arbitrary<T>, run: (value: T) => R, runs = DEFAULT_RUNS): void {
  fc.assert(
    fc.property(arbitrary, (value) => {
      expect(run(value)).toEqual(run(value));
    }),
    { numRuns: runs },
  );
}

/** Law: `actual` agrees with a plain `reference` implementation on every input. */
export function assertMatchesReference<T, R>(arbitrary: fc.Arbitrary<T>, actual: (value: T) => R, reference: (value: T) => R, runs = DEFAULT_RUNS): void {
  fc.assert(
    fc.property(arbitrary, (value) => {
      expect(actual(value)).toEqual(reference(value));
    }),
    { numRuns: runs },
  );
}

/** Law: `check` passes after every step of every generated sequence of `actions`, run from a fresh `start()`. */
export function assertInvariantAfterEachStep<S, A>(
  actions: fc.Arbitrary<A[]>,
  start: () => S,
  apply: (state: S, action: A) => void,
  check: (state: S, action: A | null) => void,
  runs = DEFAULT_RUNS,
): void {
  fc.assert(
    fc.property(actions, (sequence) => {
      const state = start();
      check(state, null);
      for (const action of sequence) {
        apply(state, action);
        check(state, action);
      }
    }),
    { numRuns: runs },
  );
}
