import Foundation

/// Failures of running a sync or talking to core through a session.
public enum IndexerError: Error, Equatable {
    /// Core returned another result kind than the request expects.
    case unexpectedResponse(expected: String, received: String)
    /// A run was requested while another is in progress.
    case alreadyRunning
    /// The last manifest chunk was sent, but core's plan is not complete.
    case syncIncomplete(received: UInt32)
    /// Journal bytes from core could not be stored; the change is not saved.
    case journalWriteFailed(reason: String)
}

extension IndexerError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case let .unexpectedResponse(expected, received):
            return "Core returned \(received) where \(expected) was expected; check that the app and its core bundle come from the same build."
        case .alreadyRunning:
            return "Indexing is already running."
        case let .syncIncomplete(received):
            return "Sync ended after \(received) entries without a complete plan."
        case let .journalWriteFailed(reason):
            return "The index change could not be saved: \(reason)"
        }
    }
}
