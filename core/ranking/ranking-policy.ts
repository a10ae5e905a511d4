/** One tunable parameter of a ranking policy, as settings screens show it. */
export interface ParameterSpec {
  readonly name: string;
  readonly description: string;
  readonly min: number;
  readonly max: number;
  readonly defaultValue: number;
  /** True when only whole numbers are accepted. */
  readonly integer: boolean;
}

/** The read-only view of the vector store that policies rank over. */
export interface RankableVectors {
  readonly dimension: number;
  readonly slotCount: number;
  /**
   * Returns a function that gives the dot product of the unit `query` with
   * the stored vector of a live slot, computed from the stored
   * representation (float32 rows or residual codes). Valid until the next write.
   */
  scorer(query: Float32Array): (slot: number) => number;
  /** The asset id of a slot, or null when the slot is free. */
  idAt(slot: number): string | null;
}

/** The input of one ranking: a unit query and the candidate slots. */
export interface RankingRequest {
  /** The combined query, L2-normalised, of the store's dimension. */
  readonly query: Float32Array;
  /** Slots that passed the filter, ascending. */
  readonly candidates: Int32Array;
  /** Hits to return, 1 to 10000. */
  readonly topK: number;
  /** Minimum score to keep, or null for none. */
  readonly threshold: number | null;
  /** Every parameter of the policy, validated, defaults filled in. */
  readonly params: Readonly<Record<string, number>>;
}

/** One ranked asset. */
export interface RankedHit {
  readonly id: string;
  /** Cosine similarity to the query, -1 to 1. */
  readonly score: number;
}

/**
 * A way of ranking stored vectors for a query, selected by name in a
 * Search request. `rank` returns at most topK hits, best first.
 */
export interface RankingPolicy {
  readonly name: string;
  readonly description: string;
  readonly parameters: readonly ParameterSpec[];
  rank(vectors: RankableVectors, request: RankingRequest): RankedHit[];
}
