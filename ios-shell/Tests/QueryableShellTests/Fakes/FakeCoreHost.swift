import Foundation
import QueryableCoreHost
import QueryableSchema

/// Returns the next queued result for each request and records the requests.
final class FakeCoreHost: CoreHosting, @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Queryable_V1_Response, Error>]
    private(set) var requests: [Queryable_V1_Request] = []

    init(results: [Result<Queryable_V1_Response, Error>]) {
        self.results = results
    }

    func handle(_ request: Queryable_V1_Request) throws -> Queryable_V1_Response {
        lock.lock()
        defer { lock.unlock() }
        requests.append(request)
        guard !results.isEmpty else {
            throw CoreHostError.unexpectedResult(description: "no queued response in FakeCoreHost")
        }
        return try results.removeFirst().get()
    }
}
