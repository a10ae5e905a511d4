// Handlers that rank the index and describe the ranking policies.
import { ok } from "../../core/errors";
import { createDefaultPolicyRegistry } from "../../core/ranking/default-policies";
import { searchIndex } from "../../core/ranking/search-index";
import type { HandlerTable } from "./table";
import { requireIndex } from "./require-index";

// Policies hold no state, so every core instance shares one registry.
const registry = createDefaultPolicyRegistry();

/** Handlers for Search and ListPolicies. */
export const searchHandlers: HandlerTable = {
  search(body, session) {
    const index = requireIndex(session, "Search");
    if (!index.ok) return index;
    const outcome = searchIndex(index.value, registry, body);
    if (!outcome.ok) return outcome;

    const { hits, policy, candidates } = outcome.value;
    return ok({ searchResult: { hits, policy, candidates } });
  },

  listPolicies() {
    const policies = registry.policies.map((policy) => ({
      name: policy.name,
      description: policy.description,
      parameters: policy.parameters.map((spec) => ({ ...spec })),
      isDefault: policy.name === registry.defaultName,
    }));
    return ok({ policyList: { policies } });
  },
};
