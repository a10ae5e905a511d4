import CoreGraphics
import ImageIO

/// Photo access as the app has it.
public enum LibraryAuthorization: Equatable, Sendable {
    case notDetermined
    /// The whole library.
    case authorized
    /// Only the photos the user picked.
    case limited
    case denied
    /// Parental controls or a device policy forbid access.
    case restricted

    /// True when assets can be read.
    public var allowsReading: Bool { self == .authorized || self == .limited }
}

/// A snapshot of the library's asset list, read in chunks.
public protocol LibraryManifestReading: Sendable {
    /// Number of assets in the snapshot.
    var count: Int { get }
    /// The assets at `range`, which must lie within 0..<count.
    func assets(in range: Range<Int>) -> [LibraryAsset]
}

/// A decoded image and the orientation it must be shown in.
public struct LibraryImage: @unchecked Sendable {
    public var cgImage: CGImage
    public var orientation: CGImagePropertyOrientation

    public init(cgImage: CGImage, orientation: CGImagePropertyOrientation) {
        self.cgImage = cgImage
        self.orientation = orientation
    }
}

/// A registration for library change notices; notices stop after `cancel()` or deinit.
public protocol LibraryChangeObservation: AnyObject {
    func cancel()
}

/// The photo library seam: PhotoKit in the app, a fake in tests.
public protocol PhotoLibraryProviding: AnyObject, Sendable {
    func authorizationStatus() -> LibraryAuthorization
    func requestAuthorization() async -> LibraryAuthorization
    /// Takes a snapshot of the asset list (images and videos).
    /// - Throws: `PhotoLibraryError.accessDenied` without read access.
    func openManifest() throws -> any LibraryManifestReading
    /// Loads an image of the asset whose shorter side is at least `minimumShortSide` pixels where the original allows.
    /// - Throws: `PhotoLibraryError` when the asset is gone or its image cannot be had.
    func loadImage(localIdentifier: String, minimumShortSide: Int) async throws -> LibraryImage
    /// Calls `onChange` after every change to the library, on an arbitrary queue.
    func observeChanges(_ onChange: @escaping @Sendable () -> Void) -> any LibraryChangeObservation
}
