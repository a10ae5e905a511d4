import type { queryable } from "../../bridge/_generated/schema.js";
import { fail, ok, type Result } from "../errors";
import type { PhotoIndex } from "../index/photo-index";
import { checkFilter, keepsEveryAsset } from "./asset-filter";
import { selectFilteredSlots } from "./column-filter";
import { combineQueries } from "./combine-queries";
import { resolveParameters, type PolicyRegistry } from "./policy-registry";
import type { RankedHit } from "./ranking-policy";

/** Hits returned when Search.top_k is 0. */
export const DEFAULT_TOP_K = 20;
/** Largest accepted Search.top_k. */
export const MAX_TOP_K = 10_000;

/** The ranked hits of one search and what they were chosen from. */
export interface SearchOutcome {
  readonly hits: RankedHit[];
  readonly policy: string;
  /** Stored vectors that passed the filter. */
  readonly candidates: number;
}

/**
 * Serves one Search: checks it, combines the queries, filters the stored
 * vectors and ranks them with the requested policy. Fails, changing
 * nothing, with INVALID_PARAMETER (top_k over 10000, threshold outside -1..1,
 * bad filter or parameters), UNKNOWN_POLICY, and combineQueries' errors.
 */
export function searchIndex(index: PhotoIndex, registry: PolicyRegistry, search: queryable.v1.ISearch): Result<SearchOutcome> {
  const topK = search.topK || DEFAULT_TOP_K;
  if (topK > MAX_TOP_K) return fail("INVALID_PARAMETER", `Search.top_k ${topK} is too large; ask for 1 to ${MAX_TOP_K} hits, or 0 for ${DEFAULT_TOP_K}`);

  const threshold = search.threshold ?? null;
  if (threshold !== null && !(threshold >= -1 && threshold <= 1)) {
    return fail("INVALID_PARAMETER", `Search.threshold ${threshold} is outside -1 to 1; give a cosine similarity, or leave it unset for no minimum`);
  }

  const policy = registry.resolve(search.policy ?? "");
  if (!policy.ok) return policy;
  const params = resolveParameters(policy.value, search.params ?? {});
  if (!params.ok) return params;

  const filter = search.filter ?? null;
  if (filter !== null) {
    const checked = checkFilter(filter);
    if (!checked.ok) return checked;
  }
  const query = combineQueries(index, search.queries ?? [], search.encoding ?? 0);
  if (!query.ok) return query;

  // Without a condition every live slot is a candidate, and the store keeps that list.
  const candidates = filter === null || keepsEveryAsset(filter) ? index.store.liveSlots() : selectFilteredSlots(index.assets, filter, index.store.slotCount);
  const hits = policy.value.rank(index.store, { query: query.value, candidates, topK, threshold, params: params.value });
  return ok({ hits, policy: policy.value.name, candidates: candidates.length });
}
