import QueryableSchema

/// The door into core for Swift code: one request in, one response out.
///
/// Implementations serve one request at a time. Core itself keeps all state
/// (the open index, the vocabulary), so a caller never needs a second instance.
public protocol CoreHosting: AnyObject, Sendable {
    /// Sends `request` to core and returns its response.
    ///
    /// The host sets `request_id` itself and checks that the response echoes it.
    /// - Throws: `CoreHostError.rejected` with core's code and message unchanged
    ///   when core returns an error, and the other `CoreHostError` cases
    ///   when the call into JavaScript fails.
    func handle(_ request: Queryable_V1_Request) throws -> Queryable_V1_Response
}
