import Encoders
import Indexer
import os
import QueryableSchema

/// Searches through core: core tokenizes the text, the text encoder embeds
/// it, and core ranks the stored vectors with the chosen policy.
public struct CoreSearchService: SearchServing {
    private let session: CoreSession
    private let textEncoder: any TextEncoding
    private let maximumHits: UInt32
    private let logger = Logger(subsystem: "app.queryable", category: "search")

    /// - Parameter maximumHits: hits to request, 1 to 10000 as core accepts.
    public init(session: CoreSession, textEncoder: any TextEncoding, maximumHits: UInt32 = 300) {
        self.session = session
        self.textEncoder = textEncoder
        self.maximumHits = maximumHits
    }

    public func search(text: String, policy: PolicySelection) async throws -> [SearchHit] {
        let tokenIDs = try await session.tokenize(text, contextLength: textEncoder.contextLength)
        let vector = try textEncoder.encode(tokenIDs: tokenIDs)

        var query = Queryable_V1_QueryVector()
        query.vector = VectorBlock.packFloat32(vector)
        query.weight = 1

        var body = Queryable_V1_Search()
        body.queries = [query]
        body.encoding = .float32
        body.topK = maximumHits
        body.policy = policy.name
        body.params = policy.parameters

        let result = try await session.search(body)
        logger.info("Search returned \(result.hits.count) hits of \(result.candidates) candidates with policy \(result.policy, privacy: .public)")
        return result.hits.map { SearchHit(id: $0.id, score: $0.score) }
    }

    public func policies() async throws -> [Queryable_V1_PolicyInfo] {
        try await session.listPolicies()
    }

    public func stats() async throws -> Queryable_V1_Stats {
        try await session.stats()
    }
}
