import os
import Photos
import UIKit

/// The photo library through PhotoKit.
public final class PhotoKitLibrary: PhotoLibraryProviding, @unchecked Sendable {
    private let imageManager = PHImageManager.default()
    private let allowsNetworkAccess: Bool
    private let logger = Logger(subsystem: "app.queryable", category: "photo-library")

    /// - Parameter allowsNetworkAccess: whether originals stored only in
    ///   iCloud may be downloaded for encoding. Off by default, so indexing
    ///   never touches the network and such assets are marked failed instead.
    public init(allowsNetworkAccess: Bool = false) {
        self.allowsNetworkAccess = allowsNetworkAccess
    }

    public func authorizationStatus() -> LibraryAuthorization {
        Self.authorization(from: PHPhotoLibrary.authorizationStatus(for: .readWrite))
    }

    public func requestAuthorization() async -> LibraryAuthorization {
        let status = await withCheckedContinuation { continuation in
            PHPhotoLibrary.requestAuthorization(for: .readWrite) { continuation.resume(returning: $0) }
        }
        logger.info("Photo authorization is \(String(describing: status.rawValue), privacy: .public)")
        return Self.authorization(from: status)
    }

    public func openManifest() throws -> any LibraryManifestReading {
        let status = authorizationStatus()
        guard status.allowsReading else { throw PhotoLibraryError.accessDenied(status) }
        let manifest = PhotoKitManifest.fetch()
        logger.info("Fetched a manifest of \(manifest.count) assets")
        return manifest
    }

    public func loadImage(localIdentifier: String, minimumShortSide: Int) async throws -> LibraryImage {
        guard let asset = PHAsset.fetchAssets(withLocalIdentifiers: [localIdentifier], options: nil).firstObject else {
            throw PhotoLibraryError.assetNotFound(localIdentifier: localIdentifier)
        }

        let options = PHImageRequestOptions()
        // One callback with the final image, rather than a degraded one first.
        options.deliveryMode = .highQualityFormat
        options.resizeMode = .fast
        options.isNetworkAccessAllowed = allowsNetworkAccess
        let side = CGFloat(minimumShortSide)

        return try await withCheckedThrowingContinuation { continuation in
            imageManager.requestImage(
                for: asset,
                targetSize: CGSize(width: side, height: side),
                contentMode: .aspectFill,
                options: options
            ) { image, info in
                continuation.resume(with: Self.result(image: image, info: info, localIdentifier: localIdentifier))
            }
        }
    }

    public func observeChanges(_ onChange: @escaping @Sendable () -> Void) -> any LibraryChangeObservation {
        PhotoLibraryChangeObserver(onChange: onChange)
    }

    private static func result(image: UIImage?, info: [AnyHashable: Any]?, localIdentifier: String) -> Result<LibraryImage, Error> {
        if (info?[PHImageCancelledKey] as? Bool) == true {
            return .failure(PhotoLibraryError.cancelled(localIdentifier: localIdentifier))
        }
        if let error = info?[PHImageErrorKey] as? Error {
            return .failure(PhotoLibraryError.imageUnavailable(localIdentifier: localIdentifier, reason: error.localizedDescription))
        }
        guard let image, let cgImage = image.cgImage else {
            if (info?[PHImageResultIsInCloudKey] as? Bool) == true {
                return .failure(PhotoLibraryError.notOnDevice(localIdentifier: localIdentifier))
            }
            return .failure(PhotoLibraryError.imageUnavailable(localIdentifier: localIdentifier, reason: "PhotoKit returned no bitmap"))
        }
        // UIImage.cgImage ignores imageOrientation, so the orientation travels alongside.
        return .success(LibraryImage(cgImage: cgImage, orientation: CGImagePropertyOrientation(image.imageOrientation)))
    }

    private static func authorization(from status: PHAuthorizationStatus) -> LibraryAuthorization {
        switch status {
        case .authorized: return .authorized
        case .limited: return .limited
        case .denied: return .denied
        case .restricted: return .restricted
        case .notDetermined: return .notDetermined
        @unknown default: return .denied
        }
    }
}

extension CGImagePropertyOrientation {
    /// Creates the EXIF orientation that matches a UIImage orientation.
    init(_ orientation: UIImage.Orientation) {
        switch orientation {
        case .up: self = .up
        case .down: self = .down
        case .left: self = .left
        case .right: self = .right
        case .upMirrored: self = .upMirrored
        case .downMirrored: self = .downMirrored
        case .leftMirrored: self = .leftMirrored
        case .rightMirrored: self = .rightMirrored
        @unknown default: self = .up
        }
    }
}
