import { fail, ok, type Result } from "../errors";
import type { RankingPolicy } from "./ranking-policy";

/** The ranking policies a core serves, by name, with one default. */
export interface PolicyRegistry {
  readonly policies: readonly RankingPolicy[];
  readonly defaultName: string;
  /** Finds a policy by name; "" means the default. Fails with UNKNOWN_POLICY. */
  resolve(name: string): Result<RankingPolicy>;
}

/** Builds a registry; the first policy is the default. Throws on no policies or a repeated name. */
export function createPolicyRegistry(policies: readonly RankingPolicy[]): PolicyRegistry {
  if (policies.length === 0) throw new RangeError("a policy registry needs at least one policy");
  const byName = new Map<string, RankingPolicy>();
  for (const policy of policies) {
    if (byName.has(policy.name)) throw new RangeError(`ranking policy "${policy.name}" is registered twice`);
    byName.set(policy.name, policy);
  }

  const defaultName = policies[0]!.name;
  return {
    policies,
    defaultName,
    resolve(name) {
      const policy = byName.get(name === "" ? defaultName : name);
      if (policy) return ok(policy);
      const known = [...byName.keys()].map((n) => `"${n}"`).join(", ");
      return fail("UNKNOWN_POLICY", `no ranking policy is named "${name}"; use one of ${known}, or leave policy empty for "${defaultName}"`);
    },
  };
}

/**
 * Checks request parameters against a policy's specs and fills defaults.
 * Fails with INVALID_PARAMETER on an unknown name, a non-finite value, a
 * value outside min..max, or a fraction for an integer parameter.
 */
export function resolveParameters(policy: RankingPolicy, requested: Readonly<Record<string, number>>): Result<Record<string, number>> {
  const specs = new Map(policy.parameters.map((spec) => [spec.name, spec]));
  for (const name of Object.keys(requested)) {
    if (!specs.has(name)) {
      const known = policy.parameters.length === 0 ? "it takes no parameters" : `its parameters are ${[...specs.keys()].join(", ")}`;
      return fail("INVALID_PARAMETER", `ranking policy "${policy.name}" has no parameter "${name}"; ${known}`);
    }
  }

  const resolved: Record<string, number> = {};
  for (const spec of policy.parameters) {
    const value = requested[spec.name] ?? spec.defaultValue;
    const inRange = Number.isFinite(value) && value >= spec.min && value <= spec.max;
    if (!inRange || (spec.integer && !Number.isInteger(value))) {
      const kind = spec.integer ? "a whole number" : "a number";
      return fail("INVALID_PARAMETER", `parameter "${spec.name}" of policy "${policy.name}" is ${value}; give ${kind} from ${spec.min} to ${spec.max} (default ${spec.defaultValue})`);
    }
    resolved[spec.name] = value;
  }
  return ok(resolved);
}
