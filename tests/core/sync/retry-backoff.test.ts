import { describe, expect, it } from "vitest";
import { isRetryDue, MAX_RETRY_WAIT_SYNCS, retryWaitSyncs } from "../../../core/sync/retry-backoff";

describe("retryWaitSyncs", () => {
  it.each([[1, 0], [2, 1], [3, 3], [4, 7], [5, 15], [6, 31], [7, 31], [1000, 31]])("after %i failures waits %i", (attempts, wait) => {
    expect(retryWaitSyncs(attempts)).toBe(wait);
  });

  it("never exceeds the cap", () => {
    for (let attempts = 1; attempts < 2000; attempts++) expect(retryWaitSyncs(attempts)).toBeLessThanOrEqual(MAX_RETRY_WAIT_SYNCS);
  });
});

describe("isRetryDue", () => {
  const failure = { reason: "r", attempts: 3, generation: 10, modifiedMs: 5, fingerprint: "f" };

  it("waits while syncs skipped are fewer than the wait", () => {
    expect(isRetryDue(failure, { modifiedMs: 5, fingerprint: "f" }, 12)).toBe(false);
    expect(isRetryDue(failure, { modifiedMs: 5, fingerprint: "f" }, 13)).toBe(true);
  });

  it("is due at once for a new version", () => {
    expect(isRetryDue(failure, { modifiedMs: 6, fingerprint: "f" }, 10)).toBe(true);
    expect(isRetryDue(failure, { modifiedMs: 5, fingerprint: "g" }, 10)).toBe(true);
  });
});
