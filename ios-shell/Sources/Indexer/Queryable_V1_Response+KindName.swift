import QueryableSchema

extension Queryable_V1_Response {
    /// The schema name of the result kind, for messages and logs; never the payload, which may be megabytes.
    var kindName: String {
        switch kind {
        case .none: return "no result"
        case .error: return "error"
        case .indexOpened: return "index_opened"
        case .syncPlan: return "sync_plan"
        case .embeddingsPut: return "embeddings_put"
        case .failuresMarked: return "failures_marked"
        case .assetsRemoved: return "assets_removed"
        case .searchResult: return "search_result"
        case .policyList: return "policy_list"
        case .stats: return "stats"
        case .snapshotTaken: return "snapshot_taken"
        case .compacted: return "compacted"
        case .vocabularyLoaded: return "vocabulary_loaded"
        case .tokenizeResult: return "tokenize_result"
        case .preprocessResult: return "preprocess_result"
        case .assetList: return "asset_list"
        }
    }
}
