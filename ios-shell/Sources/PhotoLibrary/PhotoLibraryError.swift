import Foundation

/// Failures of reading the photo library.
public enum PhotoLibraryError: Error, Equatable {
    /// The app may not read the library; the user can grant access in Settings.
    case accessDenied(LibraryAuthorization)
    /// No asset has this local identifier any more.
    case assetNotFound(localIdentifier: String)
    /// The original is only in iCloud and network access is off.
    case notOnDevice(localIdentifier: String)
    /// PhotoKit returned no image; `reason` is its error text, if it gave one.
    case imageUnavailable(localIdentifier: String, reason: String)
    /// The image request was cancelled.
    case cancelled(localIdentifier: String)
}

extension PhotoLibraryError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case let .accessDenied(status):
            return "Photo access is \(status); allow access to Photos in Settings."
        case let .assetNotFound(id):
            return "Asset \(id) is no longer in the library."
        case let .notOnDevice(id):
            return "Asset \(id) is stored only in iCloud and network access is off."
        case let .imageUnavailable(id, reason):
            return "Image of asset \(id) is unavailable: \(reason)"
        case let .cancelled(id):
            return "Image request for asset \(id) was cancelled."
        }
    }
}
