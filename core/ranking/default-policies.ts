import { exactPolicy } from "./exact-policy";
import { shortlistPolicy } from "./shortlist-policy";
import { createPolicyRegistry, type PolicyRegistry } from "./policy-registry";

/**
 * Creates the registry of policies every core serves. "shortlist" is the
 * default because without a JIT it is over 100 times faster than "exact" at
 * 100k photos with recall@10 of 0.99 (docs/benchmarks.md).
 */
export function createDefaultPolicyRegistry(): PolicyRegistry {
  return createPolicyRegistry([shortlistPolicy, exactPolicy]);
}
