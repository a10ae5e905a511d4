// Runs a Search request in core and resolves its hits to files.
import { pb, type queryable } from "../../bridge/codec";
import type { CoreHost } from "../core-host/core-host";
import { success, type CliResult } from "../errors";

/** Filters of the search and similar commands. */
export interface SearchFilters {
  /** Keep photos taken at or after this time, ms since the epoch. */
  readonly afterMs?: number;
  /** Keep photos taken before this time, ms since the epoch. */
  readonly beforeMs?: number;
  readonly near?: { readonly latitude: number; readonly longitude: number };
  /** Radius around `near`, in metres. */
  readonly radiusMetres?: number;
  readonly excludeScreenshots?: boolean;
  /** Asset ids to leave out, e.g. the example photo itself. */
  readonly excludeIds?: readonly string[];
}

/** One search request. */
export interface SearchQuery {
  /** A query vector, or the id of an indexed asset whose vector is the query. */
  readonly query: { readonly vector: Float32Array } | { readonly assetId: string };
  readonly top: number;
  /** Minimum cosine similarity, -1 to 1. */
  readonly threshold?: number;
  readonly filters: SearchFilters;
}

/** One search hit: the photo's path (its asset id) and cosine similarity. */
export interface SearchHit {
  readonly path: string;
  readonly score: number;
  /** Capture date, ms since the epoch; 0 when unknown. */
  readonly createdMs: number;
}

/** The hits, best first, and how many photos passed the filters. */
export interface SearchOutcome {
  readonly hits: readonly SearchHit[];
  readonly candidates: number;
  /** The minimum cosine similarity the search applied, when one was given. */
  readonly threshold?: number;
}

/** Searches the open index. Core's errors (bad threshold, unknown asset) come back as CORE_REJECTED. */
export function runSearch(core: CoreHost, query: SearchQuery): CliResult<SearchOutcome> {
  const source = "vector" in query.query
    ? { vector: new Uint8Array(query.query.vector.buffer, query.query.vector.byteOffset, query.query.vector.byteLength) }
    : { assetId: query.query.assetId };

  const search: queryable.v1.ISearch = { queries: [source], topK: query.top, filter: toFilter(query.filters) };
  if (query.threshold !== undefined) search.threshold = query.threshold;

  const reply = core.call({ search }, "searchResult");
  if (!reply.ok) return reply;
  const hits = reply.value.result.hits ?? [];

  const details = hits.length === 0 ? undefined : core.call({ getAssets: { ids: hits.map((hit) => hit.id ?? "") } }, "assetList");
  const createdById = new Map<string, number>();
  if (details?.ok === true) {
    for (const asset of details.value.result.assets ?? []) createdById.set(asset.entry?.id ?? "", asset.entry?.createdMs ?? 0);
  }

  return success({
    hits: hits.map((hit) => ({ path: hit.id ?? "", score: hit.score ?? 0, createdMs: createdById.get(hit.id ?? "") ?? 0 })),
    candidates: reply.value.result.candidates ?? 0,
    ...(query.threshold === undefined ? {} : { threshold: query.threshold }),
  });
}

function toFilter(filters: SearchFilters): queryable.v1.IFilter {
  const filter: queryable.v1.IFilter = {};
  if (filters.afterMs !== undefined) filter.createdFromMs = filters.afterMs;
  // The core range is inclusive, and --before is exclusive.
  if (filters.beforeMs !== undefined) filter.createdToMs = filters.beforeMs - 1;
  if (filters.near !== undefined) {
    filter.near = filters.near;
    filter.radiusM = filters.radiusMetres ?? 0;
  }
  if (filters.excludeScreenshots === true) filter.subtypesNone = [pb.MediaSubtype.MEDIA_SUBTYPE_SCREENSHOT];
  if (filters.excludeIds !== undefined && filters.excludeIds.length > 0) filter.excludeIds = [...filters.excludeIds];
  return filter;
}
