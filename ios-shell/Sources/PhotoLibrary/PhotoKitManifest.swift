import Photos

/// The library's images and videos as PhotoKit fetched them, oldest first.
///
/// PHFetchResult is a snapshot: later changes to the library do not show up
/// in it, so every chunk of one sync comes from the same list.
final class PhotoKitManifest: LibraryManifestReading, @unchecked Sendable {
    private let fetchResult: PHFetchResult<PHAsset>
    private let albumsByAsset: [String: [String]]

    init(fetchResult: PHFetchResult<PHAsset>, albumsByAsset: [String: [String]]) {
        self.fetchResult = fetchResult
        self.albumsByAsset = albumsByAsset
    }

    var count: Int { fetchResult.count }

    func assets(in range: Range<Int>) -> [LibraryAsset] {
        range.map { index in
            let asset = fetchResult.object(at: index)
            return LibraryAsset(asset: asset, albumIdentifiers: albumsByAsset[asset.localIdentifier] ?? [])
        }
    }

    /// Fetches every image and video, and which user albums contain each.
    static func fetch() -> PhotoKitManifest {
        let options = PHFetchOptions()
        options.sortDescriptors = [NSSortDescriptor(key: "creationDate", ascending: true)]
        options.predicate = NSPredicate(
            format: "mediaType == %ld OR mediaType == %ld",
            PHAssetMediaType.image.rawValue,
            PHAssetMediaType.video.rawValue
        )
        return PhotoKitManifest(fetchResult: PHAsset.fetchAssets(with: options), albumsByAsset: fetchAlbumMembership())
    }

    // One fetch per album instead of one per asset: a library has far fewer albums than assets.
    private static func fetchAlbumMembership() -> [String: [String]] {
        var albumsByAsset: [String: [String]] = [:]
        let albums = PHAssetCollection.fetchAssetCollections(with: .album, subtype: .any, options: nil)
        albums.enumerateObjects { album, _, _ in
            let members = PHAsset.fetchAssets(in: album, options: nil)
            members.enumerateObjects { asset, _, _ in
                albumsByAsset[asset.localIdentifier, default: []].append(album.localIdentifier)
            }
        }
        return albumsByAsset
    }
}
