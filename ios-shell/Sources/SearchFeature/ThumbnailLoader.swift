import os
import Photos
import UIKit

/// Thumbnails for the result grid through PHCachingImageManager, which
/// prepares the next screenful while the user scrolls.
@MainActor
public final class ThumbnailLoader {
    private let manager = PHCachingImageManager()
    private var cachedIDs: [String] = []
    private let logger = Logger(subsystem: "app.queryable", category: "thumbnails")

    public init() {}

    /// Starts caching thumbnails of `ids` at `side` points (scaled to pixels here), and stops caching the previous list.
    public func cache(_ ids: [String], side: CGFloat, scale: CGFloat) {
        let targetSize = CGSize(width: side * scale, height: side * scale)
        manager.stopCachingImages(for: Self.fetchAssets(cachedIDs), targetSize: targetSize, contentMode: .aspectFill, options: nil)
        manager.startCachingImages(for: Self.fetchAssets(ids), targetSize: targetSize, contentMode: .aspectFill, options: nil)
        cachedIDs = ids
    }

    /// Returns a square-filling thumbnail of asset `id`, or nil when it cannot be had.
    public func thumbnail(for id: String, side: CGFloat, scale: CGFloat) async -> UIImage? {
        guard let asset = Self.fetchAssets([id]).first else {
            logger.notice("Asset \(id, privacy: .private) for a thumbnail is no longer in the library")
            return nil
        }

        let options = PHImageRequestOptions()
        // PhotoKit calls back once in this mode, which the continuation requires.
        options.deliveryMode = .highQualityFormat
        options.resizeMode = .fast
        options.isNetworkAccessAllowed = false

        let targetSize = CGSize(width: side * scale, height: side * scale)
        return await withCheckedContinuation { continuation in
            manager.requestImage(for: asset, targetSize: targetSize, contentMode: .aspectFill, options: options) { image, info in
                if image == nil, let error = info?[PHImageErrorKey] as? Error {
                    Logger(subsystem: "app.queryable", category: "thumbnails")
                        .error("Thumbnail failed: \(error.localizedDescription, privacy: .public)")
                }
                continuation.resume(returning: image)
            }
        }
    }

    private static func fetchAssets(_ ids: [String]) -> [PHAsset] {
        guard !ids.isEmpty else { return [] }
        let result = PHAsset.fetchAssets(withLocalIdentifiers: ids, options: nil)
        return result.objects(at: IndexSet(integersIn: 0..<result.count))
    }
}
