import Foundation

/// Failures of reading or writing the index files.
public enum IndexStoreError: Error, Equatable {
    /// The index directory could not be created.
    case directoryUnavailable(path: String, reason: String)
    /// A file could not be read.
    case readFailed(file: String, reason: String)
    /// A POSIX call failed; `operation` names it and `reason` is strerror(errno).
    case writeFailed(file: String, operation: String, reason: String)
}

extension IndexStoreError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case let .directoryUnavailable(path, reason):
            return "Index directory \(path) is unavailable: \(reason)"
        case let .readFailed(file, reason):
            return "Index file \(file) could not be read: \(reason)"
        case let .writeFailed(file, operation, reason):
            return "\(operation) failed on index file \(file): \(reason). Free some storage and try again."
        }
    }
}
