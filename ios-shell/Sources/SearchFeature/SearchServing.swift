import QueryableSchema

/// One search result: an asset id and its cosine similarity to the query, -1 to 1.
public struct SearchHit: Identifiable, Hashable, Sendable {
    public let id: String
    public let score: Float

    public init(id: String, score: Float) {
        self.id = id
        self.score = score
    }
}

/// The ranking policy chosen in Settings and its parameter values, by the
/// names core reported. An empty name means core's default policy.
public struct PolicySelection: Codable, Equatable, Sendable {
    public var name: String
    public var parameters: [String: Double]

    public init(name: String = "", parameters: [String: Double] = [:]) {
        self.name = name
        self.parameters = parameters
    }
}

/// The search screens' access to core, behind a seam for previews and tests.
public protocol SearchServing: Sendable {
    /// Returns the best matches for `text`, ranked by core with `policy`.
    func search(text: String, policy: PolicySelection) async throws -> [SearchHit]
    /// Returns the ranking policies core offers.
    func policies() async throws -> [Queryable_V1_PolicyInfo]
    /// Returns the index counters.
    func stats() async throws -> Queryable_V1_Stats
}
