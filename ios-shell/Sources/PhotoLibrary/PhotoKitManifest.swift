import Photos

/// The library's images and videos as PhotoKit fetched them, sorted by
/// local identifier in UTF-16 code unit order.
///
/// Core keeps a reopened index's assets in that order, so a manifest sent in
/// it lets core match each entry to its asset without a hash lookup.
/// PHFetchResult is a snapshot: later changes to the library do not show up
/// in it, so every chunk of one sync comes from the same list.
final class PhotoKitManifest: LibraryManifestReading, @unchecked Sendable {
    private let fetchResult: PHFetchResult<PHAsset>
    private let albumsByAsset: [String: [String]]
    /// Indices into `fetchResult`, in the order of the assets' local identifiers.
    private let order: [Int]

    init(fetchResult: PHFetchResult<PHAsset>, albumsByAsset: [String: [String]]) {
        self.fetchResult = fetchResult
        self.albumsByAsset = albumsByAsset
        self.order = Self.indicesByIdentifier(fetchResult)
    }

    var count: Int { fetchResult.count }

    func assets(in range: Range<Int>) -> [LibraryAsset] {
        range.map { position in
            let asset = fetchResult.object(at: order[position])
            return LibraryAsset(asset: asset, albumIdentifiers: albumsByAsset[asset.localIdentifier] ?? [])
        }
    }

    /// Fetches every image and video, and which user albums contain each.
    static func fetch() -> PhotoKitManifest {
        let options = PHFetchOptions()
        options.predicate = NSPredicate(
            format: "mediaType == %ld OR mediaType == %ld",
            PHAssetMediaType.image.rawValue,
            PHAssetMediaType.video.rawValue
        )
        return PhotoKitManifest(fetchResult: PHAsset.fetchAssets(with: options), albumsByAsset: fetchAlbumMembership())
    }

    // JavaScript compares strings by UTF-16 code units, so the identifiers
    // are compared the same way here.
    private static func indicesByIdentifier(_ fetchResult: PHFetchResult<PHAsset>) -> [Int] {
        var identifiers: [String] = []
        identifiers.reserveCapacity(fetchResult.count)
        fetchResult.enumerateObjects { asset, _, _ in
            identifiers.append(asset.localIdentifier)
        }
        return identifiers.indices.sorted { identifiers[$0].utf16.lexicographicallyPrecedes(identifiers[$1].utf16) }
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
