import { exactPolicy } from "./exact-policy";
import { createPolicyRegistry, type PolicyRegistry } from "./policy-registry";

/** Creates the registry of policies every core serves, with "exact" as the default. */
export function createDefaultPolicyRegistry(): PolicyRegistry {
  return createPolicyRegistry([exactPolicy]);
}
