import { exactPolicy } from "./exact-policy";
import { createPolicyRegistry, type PolicyRegistry } from "./policy-registry";

/** The policies every core serves; "exact" is the default. */
export function createDefaultPolicyRegistry(): PolicyRegistry {
  return createPolicyRegistry([exactPolicy]);
}
