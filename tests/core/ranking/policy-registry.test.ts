import { describe, expect, it } from "vitest";
import { createPolicyRegistry, resolveParameters } from "../../../core/ranking/policy-registry";
import type { RankingPolicy } from "../../../core/ranking/ranking-policy";

const tunable: RankingPolicy = {
  name: "tunable",
  description: "test policy with parameters",
  parameters: [
    { name: "depth", description: "whole number", min: 1, max: 8, defaultValue: 2, integer: true },
    { name: "mix", description: "fraction", min: 0, max: 1, defaultValue: 0.5, integer: false },
  ],
  rank: () => [],
};
const plain: RankingPolicy = { ...tunable, name: "plain", parameters: [] };

function code(requested: Record<string, number>): string {
  const result = resolveParameters(tunable, requested);
  return result.ok ? "ok" : result.error.code;
}

describe("createPolicyRegistry", () => {
  it("empty name resolves to first policy", () => {
    const registry = createPolicyRegistry([plain, tunable]);
    const resolved = registry.resolve("");
    expect(resolved.ok).toBe(true);
    expect(resolved.ok ? resolved.value.name : "").toBe("plain");
  });

  it("unknown name lists known policies", () => {
    const resolved = createPolicyRegistry([plain, tunable]).resolve("magic");
    expect(resolved.ok ? "ok" : resolved.error.code).toBe("UNKNOWN_POLICY");
    expect(resolved.ok ? "" : resolved.error.message).toContain('"tunable"');
  });

  it("duplicate names throw", () => {
    expect(() => createPolicyRegistry([plain, plain])).toThrow(RangeError);
  });
});

describe("resolveParameters", () => {
  it("fills defaults", () => {
    const result = resolveParameters(tunable, { mix: 0.25 });
    expect(result.ok ? result.value : result.error).toEqual({ depth: 2, mix: 0.25 });
  });

  it.each([
    [{ depth: 0 }],
    [{ depth: 9 }],
    [{ depth: 2.5 }],
    [{ mix: -0.1 }],
    [{ mix: Number.NaN }],
    [{ other: 1 }],
  ])("rejects %o", (requested) => {
    expect(code(requested)).toBe("INVALID_PARAMETER");
  });

  it("accepts range ends", () => {
    expect(code({ depth: 1, mix: 1 })).toBe("ok");
    expect(code({ depth: 8, mix: 0 })).toBe("ok");
  });
});
